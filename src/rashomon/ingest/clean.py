"""Remove web-page chrome (comment forms, cookie banners, share/follow/subscribe blocks) from text.

The rules are data: ``data/boilerplate.txt`` holds one regular expression per line, each describing
something sites do rather than something one article says. A paragraph that is mostly promotion
signals ("follow us ... newsletter ... App Store") is dropped as a whole; a paragraph of prose that
names social networks in passing ("the army said on Twitter") is not. Cleaning never removes the body:
where the rules would leave nothing of an article, the promotion rule is not applied.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

_PROMO_SIGNALS = re.compile(  # the lookahead: the first letters of its words, so re skips most positions
    r"\b(?=[fnsagtyilrud])(follow (us|our)|newsletter|subscribe|app ?store|google ?play|google news|facebook|twitter|"
    r"youtube|instagram|telegram|linkedin|reddit|responsive design|up-to-date news|download (our|the) app)\b",
    re.I,
)
_PROMO_MIN = 3  # promotion signals that make a paragraph a promotion block...
_WORDS_PER_SIGNAL = 8  # ...when it has at most this many words per signal (prose has far more)
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# C0/C1 controls, stray BOMs and bidirectional overrides (used to disguise text), lone surrogates
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")


@lru_cache(maxsize=1)
def _patterns() -> re.Pattern[str]:
    """The rules as one alternation (one match per line instead of one per rule); each keeps its own
    case: 'Support X' must stay case-sensitive on the name, so only its keyword is folded."""
    raw = resources.files("rashomon.ingest").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if line.startswith("^support [A-Z]"):
                out.append("(?:^(?i:support) " + line[len("^support ") :] + ")")
            else:
                out.append("(?i:" + line + ")")
    return re.compile("|".join(out))


def is_boilerplate(line: str, *, promo: bool = True) -> bool:
    """True for one line (paragraph) of page chrome (``promo``: also by the promotion-signal rule)."""
    s = line.strip()
    if not s:
        return False
    if len(s) <= 400 and _patterns().match(s):
        return True
    return promo and _is_promotion(s)


def _is_promotion(s: str) -> bool:
    signals = len(_PROMO_SIGNALS.findall(s))
    return signals >= _PROMO_MIN and len(_WORD.findall(s)) <= _WORDS_PER_SIGNAL * signals


def normalise(text: str) -> str:
    """Unicode NFC, unified newlines, no control or bidi-override characters, single spaces inside lines;
    always encodable as UTF-8."""
    text = _SURROGATE.sub("\ufffd", text)
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))


def clean_text(text: str) -> str:
    """The article without boilerplate: paragraphs separated by one blank line where the source had
    any, and a short line (headline, caption) that repeats an earlier one dropped. Where the rules would
    leave nothing, the promotion rule is not applied: the rules never remove the body of an article."""
    lines = normalise(text).split("\n")
    return _clean(lines, promo=True) or _clean(lines, promo=False)


def _clean(lines: list[str], *, promo: bool) -> str:
    kept: list[str] = []
    seen_short: set[str] = set()
    for ln in lines:
        if not ln:
            if kept and kept[-1]:
                kept.append("")
            continue
        if is_boilerplate(ln, promo=promo):
            continue
        if len(ln) < 200:
            if ln.casefold() in seen_short:
                continue
            seen_short.add(ln.casefold())
        kept.append(ln)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def looks_like_headline(line: str) -> bool:
    """A first line that reads as a title: short, no sentence-final full stop."""
    s = line.strip()
    return 3 <= len(s) <= 200 and not s.endswith((".", ":", ";", ",")) and len(s.split()) <= 25
