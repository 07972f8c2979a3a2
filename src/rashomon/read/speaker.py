"""Which named person a "he" or "she" that speaks stands for: a small learned chooser.

Every person the text named before the pronoun is a candidate, described by a few features (gender
agreement, how many sentences back and how many other people since, whether a subject, how often
named and how often quoted as speaker, same paragraph); a linear score over them picks one. The
weights (``data/speaker_model.json``) were fitted by ``scripts/train_speaker.py`` on PolNeAR's
``train`` split (human-marked pronoun sources with a coreferent name), as a conditional logit over
each pronoun's candidates; the file keeps the training data's sha256 and the cross-validated figures.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple, Protocol

FEATURES = ("agree", "clash", "same_sent", "prev_sent", "log_dist", "latest", "log_rank", "subject_last",
            "main_last", "quoted_last", "log_mentions", "log_subjects", "share", "same_para", "last_speaker",
            "log_spoke", "first_named", "full_name", "subject_recent", "titled")


class Mention(Protocol):
    """What the chooser reads of a person mention (read.sources.PersonMention)."""

    @property
    def char(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def gender(self) -> str | None: ...
    @property
    def subject(self) -> bool: ...
    @property
    def main(self) -> bool: ...
    @property
    def role(self) -> str | None: ...
    @property
    def quoted(self) -> bool: ...


@dataclass(frozen=True)
class Layout:
    """Where a document's sentences start and where its lines break (to count sentences and paragraphs)."""

    sentences: tuple[int, ...] = ()
    breaks: tuple[int, ...] = ()

    def sentence(self, char: int) -> int:
        return bisect.bisect_right(self.sentences, char)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.breaks, char)


def layout_of(text: str, sentence_starts: Sequence[int]) -> Layout:
    return Layout(tuple(sorted(sentence_starts)), tuple(i for i, c in enumerate(text) if c == "\n"))


class Candidate(NamedTuple):
    name: str
    features: tuple[float, ...]


def candidates(people: Sequence[Mention], char: int, want: str, layout: Layout,
               spoke: Callable[[str], tuple[bool, int]]) -> list[Candidate]:
    """One candidate per person named before ``char`` (by name as people_in resolved it), with its
    features; ``spoke(name)`` says whether that person is the latest person quoted as speaker and how
    often quoted so far."""
    before = [p for p in people if p.char < char]
    if not before:
        return []
    groups: dict[str, list[Mention]] = {}
    for p in before:
        groups.setdefault(p.name, []).append(p)
    order = sorted(groups, key=lambda n: groups[n][-1].char, reverse=True)
    here_sent, here_para = layout.sentence(char), layout.paragraph(char)
    first = before[0].name
    out = []
    for rank, name in enumerate(order):
        ms = groups[name]
        last = ms[-1]
        gender = next((m.gender for m in ms if m.gender), None)
        dist = max(0, here_sent - layout.sentence(last.char))
        subjects = sum(m.subject for m in ms)
        latest_speaker, times = spoke(name)
        recent = any(m.subject and here_sent - layout.sentence(m.char) <= 2 for m in ms)
        f = (float(gender == want), float(gender is not None and gender != want), float(dist == 0), float(dist == 1),
             math.log1p(dist), float(rank == 0), math.log1p(rank), float(last.subject), float(last.main),
             float(last.quoted), math.log1p(len(ms)), math.log1p(subjects), len(ms) / len(before),
             float(layout.paragraph(last.char) == here_para), float(latest_speaker), math.log1p(times),
             float(name == first), float(len(name.split()) > 1), float(recent), float(any(m.role for m in ms)))
        out.append(Candidate(name, f))
    return out


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...] | None:
    """The fitted weights, in FEATURES order (None when the model file is absent or for other features)."""
    path = resources.files("rashomon.read").joinpath("data/speaker_model.json")
    if not path.is_file():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES:
        return None
    return tuple(float(w) for w in model["weights"])


def score(features: Sequence[float], w: Sequence[float]) -> float:
    return sum(a * b for a, b in zip(features, w, strict=True))


def choose(cands: Sequence[Candidate], w: Sequence[float]) -> str | None:
    """The best-scoring candidate's name (the latest on a tie)."""
    if not cands:
        return None
    return max(cands, key=lambda c: score(c.features, w)).name
