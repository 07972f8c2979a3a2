"""Name folding: the keys place names are indexed and looked up by (spelling variants, transliterations,
articles and punctuation folded away) and their vowel-free skeletons."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = {
    "ə": "a", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "þ": "th", "ð": "d",
    "œ": "oe", "š": "sh", "č": "ch", "ž": "zh", "ş": "sh", "ș": "sh", "ç": "ch", "ğ": "g", "ġ": "gh",
    "ț": "t", "ţ": "t", "ḩ": "h", "ḥ": "h", "ñ": "n",
}  # fmt: skip
_APOSTROPHES = "'’‘`´ʻʼʹʿʾ′\u02bb\u02bc"
_ARTICLES = {"al", "el", "ad", "ar", "as", "an", "ash", "at", "az", "ed", "es", "en", "the"}
_FOLDS = (
    ("dzh", "j"), ("tch", "ch"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("gh", "g"),
    ("ph", "f"), ("ou", "u"), ("w", "v"), ("y", "i"), ("q", "k"), ("ck", "k"),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_ROMAN_TABLE: dict[int, str | None] = {ord(a): None for a in _APOSTROPHES}
for _low, _rep in _LETTERS.items():
    _ROMAN_TABLE[ord(_low)] = _rep
    if _low.upper() != _low and len(_low.upper()) == 1:
        _ROMAN_TABLE[ord(_low.upper())] = _rep.capitalize()


def romanize(name: str) -> str:
    """Latin-script name -> plain ASCII with the usual English digraphs (Daşkəsən -> Dashkasan)."""
    text = name.translate(_ROMAN_TABLE)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=2_000_000)
def fold(name: str) -> str:
    """Spelling-variant key: case, diacritics, apostrophes, spaces, leading Arabic articles and
    systematic transliteration variants (kh/h/x, gh/g, dzh/j, y/i, ou/u, doubled letters)."""
    words = [w for w in _NON_ALNUM.split(romanize(name).lower()) if w]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    key = "".join(words)
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


def skeleton(key: str) -> str:
    """Coarser key from a fold() key: every vowel run becomes 'a' (Dashkesen ~ Dashkasan)."""
    return _VOWELS.sub("a", key)


# letters of non-Latin scripts (Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, CJK, Hangul...);
# Latin Extended Additional (U+1E00-1EFF) and the Latin ligatures (U+FB00-FB06) are left out
_NON_LATIN = re.compile(
    "[\u0370-\u1dff\u1f00-\u1fff\u2c00-\u2c5f\u2d00-\u2dff\u3000-\ud7ff\uf900-\ufaff"
    "\ufb13-\ufdff\ufe70-\ufeff\U00010000-\U0010ffff]"
)


def is_latin(name: str) -> bool:
    """No letter of another script (a regular expression: this runs on millions of names)."""
    return name.isascii() or not _NON_LATIN.search(name)
