"""Is this text English? Rashomon reads English only; other languages are reported, not misread."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_EN = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "he",
        "said",
        "his",
        "are",
        "were",
        "be",
        "has",
        "have",
        "had",
        "an",
        "this",
        "which",
        "their",
        "they",
        "not",
        "or",
        "but",
        "after",
        "its",
        "who",
        "been",
        "will",
        "more",
        "would",
        "than",
        "about",
        "also",
        "over",
        "two",
        "into",
        "killed",
        "forces",
        "troops",
        "people",
        "government",
        "police",
        "army",
    }
)
# letters that mark a Latin-script language other than English
_LATIN_MARKERS = {"az": "əğış", "tr": "ğışç", "fr": "éèêàùç", "es": "ñáéíóú", "de": "äöüß"}
_SCRIPTS = {
    "CYRILLIC": "ru",
    "ARMENIAN": "hy",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GEORGIAN": "ka",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "THAI": "th",
    "ETHIOPIC": "am",
    "MYANMAR": "my",
}


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def detect_language(text: str, sample: int = 5000) -> str:
    """ISO 639-1 code of the text's language, "en" for English, "und" when it cannot tell.

    Script first (Cyrillic, Armenian, Arabic ...), then for Latin script the share of English
    function words. Short texts (under 8 words) are taken as English.
    """
    head = text[:sample]
    letters = Counter(filter(str.isalpha, head))  # each letter once, in order of first appearance
    if not letters:
        return "und"
    scripts: dict[str, int] = {}  # in order of first appearance too (max keeps the first of a tie)
    for c, k in letters.items():
        s = _script(c)
        scripts[s] = scripts.get(s, 0) + k
    top, n = max(scripts.items(), key=lambda kv: kv[1])
    if top != "LATIN" and n > 0.4 * letters.total():
        if top == "CYRILLIC" and sum(head.count(ch) for ch in "іїєґІЇЄҐ") >= 2:
            return "uk"
        return _SCRIPTS.get(top, "und")
    words = [w.casefold() for w in _WORD.findall(head)]
    if len(words) < 8:
        return "en"
    share = sum(w in _EN for w in words) / len(words)
    if share >= 0.12:
        return "en"
    low = head.casefold()
    best = max(_LATIN_MARKERS, key=lambda k: sum(low.count(ch) for ch in _LATIN_MARKERS[k]))
    if sum(low.count(ch) for ch in _LATIN_MARKERS[best]) >= max(2, len(words) // 20):
        return best
    return "en" if len(words) < 30 or share >= 0.06 else "und"
