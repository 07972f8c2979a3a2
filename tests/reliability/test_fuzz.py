"""Property-based fuzzing (Hypothesis) of the code that meets raw text first: the cleaner, the date
resolver, the time and number parsers and the JSONL reader. Bounded (max_examples, deadline) so
CI stays fast; set HYPOTHESIS_PROFILE=fuzz-long for a longer run."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.errors import IngestError
from rashomon.ingest.clean import clean_text, normalise
from rashomon.ingest.dates import infer_published
from rashomon.ingest.language import detect_language
from rashomon.ingest.readers import RawArticle, decode, read_jsonl
from rashomon.read.counts import find_counts, parse_number
from rashomon.timex import find_times

settings.register_profile(
    "ci", max_examples=200, deadline=2000, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz-long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# pieces of news text that exercise the parsers' interesting paths, glued with arbitrary text
FRAGMENTS = [
    "May 32",
    "0025-01-01",
    "31 February 2023",
    "2024-13-45",
    "on Monday",
    "last Tuesday",
    "June 10, 2024",
    "10/06/2024",
    "1.5 million",
    "2,000",
    "dozens",
    "at least 12",
    "between 30 and 40",
    "hundreds of",
    "one hundred and five",
    "killed",
    "wounded",
    "displaced",
    "soldiers",
    "civilians",
    "the army said",
    "9999999999999999999999",
    "-17",
    "1e308",
    "½",
    "٣٤",
    "١٢ May",
    "\u2028",
    "\r\n",
    "\x00",
    "\ud800",
    "Kharkiv",
    "El Fasher",
    "Sagaing",
    "Gaza",
    "yesterday",
    "next week",
    "in 2019",
    "since 1994",
    "BC",
    "last year's",
    "three weeks ago",
    "overnight",
    "at dawn",
    "12:30 GMT",
    "Dec.",
    "Sept 9",
    "the 1990s",
]
news_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=500), news_text)


@given(any_text)
def test_cleaner_never_raises_and_is_idempotent(text):
    out = clean_text(text)
    out.encode("utf-8")  # always storable
    assert "\r" not in out and "\x00" not in out
    assert clean_text(out) == out
    assert normalise(out) == out


@given(any_text, st.one_of(st.none(), st.text(max_size=60)))
def test_date_resolver_never_raises(text, title):
    guess = infer_published(text, title, today=dt.date(2025, 1, 1))
    assert guess.date is None or isinstance(guess.date, dt.date)


@given(any_text, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_time_expressions_never_raise(text, published):
    for ref in find_times(text, published):
        assert 0 <= ref.start_char <= ref.end_char <= len(text)
        assert text[ref.start_char : ref.end_char] == ref.text


@given(any_text)
def test_number_parser_never_raises(text):
    n = parse_number(text)
    assert n is None or isinstance(n, int)
    for fact in find_counts(text):
        assert 0 <= fact.start <= fact.end <= len(text)
        assert fact.value is None or fact.value >= 0


@given(any_text)
def test_language_detector_never_raises(text):
    assert isinstance(detect_language(text), str)


@given(st.binary(max_size=2000))
def test_decode_returns_text_or_a_reason(data):
    try:
        text = decode(data, "x.txt")
    except IngestError as e:
        assert e.reason
    else:
        assert isinstance(text, str)


_JSONL_LINE = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
        lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=8), c, max_size=4)),
        max_leaves=10,
    ).map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(news_text, st.integers(), st.none()),
            "html": st.text(max_size=100),
            "title": st.one_of(st.text(max_size=30), st.lists(st.integers())),
            "source": st.text(max_size=20),
            "published": st.one_of(
                st.sampled_from(["0025-01-01", "May 32", "2024-02-29", "2023-02-29", ""]),
                st.text(max_size=12),
                st.integers(),
            ),
        },
    ).map(lambda d: json.dumps(d).encode()),
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_JSONL_LINE, max_size=12))
def test_jsonl_reader_accounts_for_every_line(lines):
    data = b"\n".join(ln.replace(b"\n", b" ") for ln in lines)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "f.jsonl"
        p.write_bytes(data)
        items = list(read_jsonl(p))
    n_lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    for item in items:
        assert isinstance(item, RawArticle | IngestError)
        assert item.line is None or 1 <= item.line <= max(n_lines, 1)
        if isinstance(item, RawArticle):
            item.body.encode("utf-8")
            assert item.body.strip()
    # a file-level error (empty, binary) is one item; otherwise at most one item per line
    lines_seen = [i.line for i in items]
    assert len(lines_seen) == len(set(lines_seen))
