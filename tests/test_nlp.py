"""The pipeline's faster components give the package's own annotations."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from threadpoolctl import threadpool_info, threadpool_limits

from rashomon.read.nlp import MODEL_PACKAGE, CachedLemmatizer, FastAttributeRuler, get_nlp, single_blas_thread

TEXTS = [
    "Gunmen stormed a village near the river on Tuesday, killing 12 farmers, the governor's office said.\n"
    "Residents said they're gonna leave; the army hasn't confirmed it and wouldn't comment.",
    "ALDERTOWN, Westmark (Wire) - Two rockets hit a depot late on Sunday. Nothin' was left of it, y' know.",
    "The ministry denied the reports, but an aid worker who asked not to be named said 30 were hurt.",
    "   ",
    "",
]


def _stock():
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("rashomon_line_breaks", before="parser")
    return nlp


def test_the_pipeline_annotates_as_the_package_does():
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    ours, stock = get_nlp(), _stock()
    assert isinstance(ours.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), CachedLemmatizer)
    assert ours.pipe_names == stock.pipe_names
    for _ in range(2):  # the second time from the caches
        for a, b in zip(ours.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
            assert (a.to_array(attrs) == b.to_array(attrs)).all()
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_fast_ruler_finds_the_matchers_matches():
    nlp = _stock()
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    assert fast.compiled is not None  # the package's patterns are all of the kinds it reads
    for doc in nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert fast.match(doc) == ruler.match(doc)


def test_the_networks_multiply_through_numpy():
    nodes = [node for _, c in get_nlp().pipeline if hasattr(c, "model") for node in c.model.walk()]
    assert nodes and not any(getattr(node.ops, "use_blis", True) for node in nodes)


def test_single_blas_thread_sets_one_thread():
    if not any(pool["user_api"] == "blas" for pool in threadpool_info()):
        pytest.skip("numpy here loads no BLAS threadpoolctl knows")
    with threadpool_limits(limits=2, user_api="blas"):
        assert all(pool["num_threads"] == 2 for pool in threadpool_info() if pool["user_api"] == "blas")
        single_blas_thread()
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
