"""Hostile input: every file, line or article is either ingested correctly or reported by file
(and line) with a clear reason, and never stops the rest of the batch."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from rashomon.errors import IngestError
from rashomon.ingest import MAX_ARTICLE_CHARS, iter_documents
from rashomon.ingest.readers import read_jsonl

ARTICLE = (
    "Drone strike hits market in northern Ethiopia\n\n"
    "A drone strike hit a crowded market in the Amhara region on Tuesday, killing at least 12 civilians, "
    "a hospital official said.\n\n"
    "Federal forces did not comment on the report. Fano militiamen said the strike targeted civilians."
)
RU = (
    "Министерство обороны сообщило, что в результате обстрела погибли три мирных жителя. "
    "Ещё пятеро получили ранения, сообщили местные власти."
)
HY = (
    "Հայաստանի պաշտպանության նախարարությունը հայտնել է, որ հակառակորդը կրակ է բացել սահմանային "
    "դիրքերի ուղղությամբ։ Զոհեր չկան։"
)
AZ = (
    "Azərbaycan Müdafiə Nazirliyi bildirib ki, düşmən mövqelərimizi atəşə tutub. Bölmələrimiz cavab "
    "atəşi ilə düşmənin fəallığını susdurub. Hərbçilərimiz arasında itki yoxdur."
)
UK = "Збройні сили України повідомили про обстріл Харкова, загинули двоє людей, ще четверо поранені."


def one(path: Path) -> IngestError | object:
    items = list(iter_documents([path]))
    assert len(items) == 1, items
    return items[0]


def reason_of(path: Path) -> str:
    item = one(path)
    assert isinstance(item, IngestError), f"{path.name} was ingested: {item!r}"
    assert item.path == str(path)
    return item.reason


@pytest.mark.parametrize(
    "name,data,expect",
    [
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n   \n", "empty"),
        ("blank16.txt", "   \n\n ".encode("utf-16"), "empty"),
        ("ru.txt", RU.encode("utf-8"), "not English (detected ru)"),
        ("ru1251.txt", RU.encode("cp1251"), "not English (detected ru)"),
        ("ru16.txt", RU.encode("utf-16"), "not English (detected ru)"),
        ("hy.txt", HY.encode("utf-8"), "not English (detected hy)"),
        ("az.txt", AZ.encode("utf-8"), "not English (detected az)"),
        ("uk.txt", UK.encode("utf-8"), "not English (detected uk)"),
        ("digits.txt", b"12 345 678 90\n" * 20, "cannot tell the text's language"),
        (
            "chrome.txt",
            b"Share this article\n\nLeave a Reply\n\nSubscribe to our newsletter\n",
            "nothing left",
        ),
        (
            "script.html",
            b"<html><head><script>alert(1)</script></head><body></body></html>",
            "no article text",
        ),
        ("deep_empty.html", b"<div>" * 20000 + b"</div>" * 20000, "no article text"),
        ("bad16.txt", b"\xff\xfe" + b"\x00\xd8" * 3, "UTF-16"),  # BOM then lone surrogates
    ],
)
def test_bad_files_are_reported_with_a_reason(tmp_path, name, data, expect):
    p = tmp_path / name
    p.write_bytes(data)
    assert expect in reason_of(p)


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf16.txt", ARTICLE.encode("utf-16")),  # UTF-16 with BOM
        ("utf8bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")),
        (
            "cp1252.txt",
            (ARTICLE + " A caf\u00e9 owner in Dess\u00e9 said \u201cwe ran\u201d.").encode("cp1252"),
        ),
        ("crlf.txt", ARTICLE.replace("\n", "\r\n").encode()),
        ("nul_inside.jsonl", json.dumps({"text": ARTICLE.replace("market", "mar\u0000ket")}).encode()),
    ],
)
def test_other_encodings_are_ingested(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    doc = one(p)
    assert not isinstance(doc, IngestError), doc
    assert "drone strike hit a crowded market" in doc.text.lower()
    assert "\x00" not in doc.text and "\r" not in doc.text
    assert doc.title == "Drone strike hits market in northern Ethiopia"


def test_english_with_foreign_quotes_and_names_stays_english(tmp_path):
    p = tmp_path / "quote.txt"
    p.write_text(
        ARTICLE + "\n\nThe governor wrote on Telegram: «Враг снова атаковал город». Residents of "
        "Şuşa and Ağdam were told to stay in shelters, officials said.",
        encoding="utf-8",
    )
    assert not isinstance(one(p), IngestError)


def test_nested_and_truncated_html_is_extracted(tmp_path):
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    title = "<title>Drone strike hits market in northern Ethiopia</title>"
    for depth in (10, 400, 50_000):
        p = tmp_path / f"deep{depth}.html"
        p.write_text(
            f"<html><head>{title}</head><body>"
            + "<div><span>" * depth
            + paras
            + "</span></div>" * depth
            + "</body></html>"
        )
        t = time.perf_counter()
        doc = one(p)
        assert time.perf_counter() - t < 10
        assert not isinstance(doc, IngestError), (depth, doc)
        assert "killing at least 12 civilians" in doc.text
    p = tmp_path / "truncated.html"
    p.write_text(f"<html><head>{title}</head><body><article>{paras}<p cla")
    doc = one(p)
    assert not isinstance(doc, IngestError) and "killing at least 12 civilians" in doc.text


def test_fifty_megabyte_article_is_refused_unread(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: costs nothing to make, would cost a lot to read
    t = time.perf_counter()
    assert "over the 4 MiB limit" in reason_of(p)
    assert time.perf_counter() - t < 1


def test_long_article_is_refused_with_the_limit_named(tmp_path):
    para = ARTICLE.split("\n\n")[1]
    text = "\n\n".join(f"{para} (paragraph {i})" for i in range(MAX_ARTICLE_CHARS // len(para) + 10))
    p = tmp_path / "long.txt"
    p.write_text(text)
    assert f"over the {MAX_ARTICLE_CHARS:,}-character limit" in reason_of(p)
    (tmp_path / "long.txt").write_text(text * 5)  # far over: refused before cleaning
    t = time.perf_counter()
    assert "character limit" in reason_of(p)
    assert time.perf_counter() - t < 2


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_is_read(tmp_path):
    good = {"text": ARTICLE, "published": "2024-03-05", "source": "wire-1"}
    lines = [
        json.dumps(good),  # 1 ok
        '{"text": "cut off',  # 2 broken JSON
        json.dumps({"text": ARTICLE, "published": "0025-01-01"}),  # 3 implausible year
        json.dumps({"text": ARTICLE, "published": "May 32"}),  # 4 not a date
        json.dumps({"text": ARTICLE, "published": "2024-02-30"}),  # 5 no such day
        json.dumps({"text": 42}),  # 6 wrong type
        json.dumps({"text": ARTICLE, "title": ["a", "b"]}),  # 7 wrong type
        json.dumps({"title": "no body"}),  # 8 missing text
        json.dumps(["a", "list"]),  # 9 not an object
        "[" * 50_000 + "]" * 50_000,  # 10 nested too deep
        "",  # 11 blank: skipped
        json.dumps({"text": RU}),  # 12 not English
        json.dumps({"text": ARTICLE.replace("12", "14"), "title": "t" * 5000}),  # 13 field too long
        json.dumps(
            {"text": ARTICLE.replace("12", "15"), "source": "wire-2", "published": "2024-03-06T10:00:00Z"}
        ),  # 14 ok
    ]
    p = tmp_path / "feed.jsonl"
    p.write_bytes("\n".join(lines).encode() + b"\n" + b'{"text": "\xff\xfe bad bytes"}\n')  # 15 bad UTF-8
    items = list(iter_documents([p]))
    docs = [i for i in items if not isinstance(i, IngestError)]
    errs = {e.line: e.reason for e in items if isinstance(e, IngestError)}
    assert [d.source for d in docs] == ["wire-1", "wire-2"]
    assert str(docs[1].published) == "2024-03-06" and not docs[1].published_inferred
    assert sorted(errs) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15]
    assert "not a JSON object" in errs[2]
    assert "plausible" in errs[3] and "0025" in errs[3]
    assert "'May 32'" in errs[4] and "'2024-02-30'" in errs[5]
    assert "'text' must be a string, got int" in errs[6] and "'title' must be a string, got list" in errs[7]
    assert "neither" in errs[8] and "got list" in errs[9] and "nested too deeply" in errs[10]
    assert "not English" in errs[12] and "'title' is 5,000 characters" in errs[13] and "UTF-8" in errs[15]


def test_jsonl_in_utf16_and_with_unicode_line_separators(tmp_path):
    rec = {"text": ARTICLE + "\u2028Officials said more later.", "source": "s1"}
    p = tmp_path / "feed16.jsonl"
    p.write_bytes(
        (json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps({"text": 1}) + "\n").encode("utf-16")
    )
    items = list(iter_documents([p]))
    assert not isinstance(items[0], IngestError) and "Officials said more later." in items[0].text
    assert isinstance(items[1], IngestError) and items[1].line == 2


def test_jsonl_lone_surrogates_become_storable_text(tmp_path):
    p = tmp_path / "sur.jsonl"
    p.write_text(
        '{"text": "'
        + ARTICLE.replace("\n", "\\n").replace("market", "mar\\ud800ket")
        + '", "title": "T\\udfff"}\n'
    )
    doc = one(p)
    assert not isinstance(doc, IngestError)
    doc.text.encode("utf-8")
    doc.title.encode("utf-8")
    assert doc.id  # hashing needs UTF-8


def test_million_line_jsonl_streams(tmp_path):
    """A million lines are read one at a time: memory stays flat and every line is accounted for."""
    p = tmp_path / "million.jsonl"
    bad = b'{"text": 1}\n'
    with p.open("wb") as f:
        f.write(json.dumps({"text": ARTICLE, "source": "first"}).encode() + b"\n")
        f.write(b"\n" * 999_000)  # blank lines are skipped
        f.write(bad * 998)
        f.write(json.dumps({"text": ARTICLE.replace("12", "13"), "source": "last"}).encode() + b"\n")
    assert p.stat().st_size > 1_000_000
    items = read_jsonl(p)
    tracemalloc.start()  # a reader that loads the whole file allocates it all before the first item
    try:
        first = next(items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not isinstance(first, IngestError) and first.source == "first"
    assert peak < 2**20, f"peak {peak / 2**20:.1f} MiB before the first line: the file was not streamed"
    n_ok, n_err, last_line = 1, 0, 0
    t = time.perf_counter()
    for item in items:
        if isinstance(item, IngestError):
            n_err += 1
            last_line = item.line or 0
        else:
            n_ok += 1
    assert time.perf_counter() - t < 10
    assert (n_ok, n_err) == (2, 998)
    assert last_line == 1 + 999_000 + 998


def test_oversized_jsonl_line_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    from rashomon.ingest import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    p = tmp_path / "long.jsonl"
    p.write_text(json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    items = list(read_jsonl(p))
    assert isinstance(items[0], IngestError) and items[0].line == 1 and "over" in items[0].reason
    assert not isinstance(items[1], IngestError) and items[1].line == 2


def test_one_bad_file_never_stops_the_batch(tmp_path, monkeypatch):
    """Even an unexpected exception in cleaning costs one article, not the batch."""
    import rashomon.ingest as ingest_mod

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("12", "99") + " BOOM")
    (tmp_path / "c.txt").write_text(ARTICLE.replace("12", "7"))
    real = ingest_mod.clean_text

    def flaky(text: str) -> str:
        if "BOOM" in text:
            raise MemoryError("simulated")
        return real(text)

    monkeypatch.setattr(ingest_mod, "clean_text", flaky)
    items = list(iter_documents([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document", "IngestError"]
    assert "MemoryError" in items[1].reason and "no such file" in items[3].reason
