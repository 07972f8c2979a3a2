"""Event type classification of sentences and snippets in ACLED's taxonomy.

Two parts, both pure functions of the text:

* a **trigger lexicon** (``data/classify_lexicon.tsv``): regular expressions mapped to ACLED sub-event
  types, plus helper cues (disaster, state or non-state actor, combatant or civilian victim, captive,
  "without fighting"). A few rules of the ACLED codebook turn cues into a label (see ``_lexicon_label``);
* a small **multinomial logistic regression** (``data/classify_model.npz``) over word stems, stem
  bigrams and the lexicon's own hits, trained by ``scripts/train_classifier.py``. When the file is
  present its label is used for texts the lexicon already recognises as conflict events; it never
  creates an event where the lexicon found no trigger, so background sentences stay ``None``.

Codebook choices (documented here because ACLED leaves room):

* soldiers *captured / taken captive / taken prisoner* by an opposing army with no fighting reported:
  ``Strategic developments / Other``. ACLED's "Arrests" is a policing act by forces exercising
  authority over the people they detain (police, security services, an army detaining civilians or
  activists); capturing another side's soldiers is a military act, so it is not "Arrests". When
  fighting is reported in the same text the capture is part of the battle (``Armed clash``).
* troops *entering* territory with "no clashes", "without resistance", or a side *withdrawing* and
  another moving in: ``Non-violent transfer of territory``; troops *deployed, dispatched, sent,
  reinforced, withdrawn* (no territory changing hands): ``Change to group/activity``.
* a killing where the victims are armed (soldiers, police, border guards) is a battle (``Armed
  clash``), otherwise ``Violence against civilians / Attack``.
* natural and man-made disasters (floods, earthquakes, industrial explosions, crashes, leaks) are no
  events unless a decisive conflict trigger (air strike, shelling, IED...) is also present.
* Diplomacy (not an ACLED type): calls, requests, sanctions, talks, statements between states. It wins
  over a conflict trigger only when at least as strong, so "X urged both sides to stop shelling" is
  Diplomacy while "X condemned the shelling of Y" is the shelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from rashomon.model import EVENT_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Doc

__all__ = ["EVENT_TYPES", "EventClass", "classify", "classify_sentences"]


NONE_LABEL = "NONE"  # the model's "no event" class (disasters)
LEXICON_PRIOR = 0.5  # weight of the lexicon's label against the model's probabilities (tuned by CV)

# Tie-break among equally scored labels: the more specific trigger wins.
_PRIORITY = [
    "Suicide bomb",
    "Chemical weapon",
    "Grenade",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Excessive force against protesters",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
    "Peaceful protest",
    "Non-violent transfer of territory",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Headquarters or base established",
    "Disrupted weapons use",
    "Looting/property destruction",
    "Agreement",
    "Arrests",
    "Armed clash",
    "Change to group/activity",
    "Attack",
    "Other",
    "Call",
    "Sanctions",
    "Request",
    "Talks",
    "Statement",
]
_RANK = {label: i for i, label in enumerate(_PRIORITY)}
_PROTEST_LABELS = {
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
}

# what forces do to protesters ("brutally", "a crackdown", "tear gas", "batons"): a protest only with protesters
_FORCE_ON_PROTESTERS = {"Protest with intervention", "Excessive force against protesters"}


@dataclass(frozen=True)
class EventClass:
    """The ACLED event and sub-event type a text reports, with confidence and trigger span."""

    event_type: str
    sub_event_type: str
    score: float
    trigger: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Rule:
    label: str
    weight: float
    pattern: re.Pattern[str]
    anchors: tuple[str, ...] | None  # literal substrings one of which any match contains (None: unknown)


def _split_top(regex: str) -> list[str]:
    """Split a regex at its top-level '|'."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            cur.append(regex[i : i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _literal_prefix(alt: str) -> list[str] | None:
    """Literal lowercase prefixes one of which a match of this alternative starts with."""
    while alt.startswith(("\\b", "(?<!", "(?<=")):  # word boundaries and lookbehinds match no text
        alt = alt[2:] if alt.startswith("\\b") else alt[alt.index(")") + 1 :]
    if alt.startswith("(?-i:"):  # a scoped flag group is a group like any other for anchoring
        alt = "(?:" + alt[5:]
    if alt.startswith("(?:"):
        depth, end = 0, -1
        for i, ch in enumerate(alt):
            depth += ch == "(" and (i == 0 or alt[i - 1] != "\\")
            depth -= ch == ")" and alt[i - 1] != "\\"
            if depth == 0:
                end = i
                break
        if end < 0 or (end + 1 < len(alt) and alt[end + 1] in "?*{"):
            return None
        out: list[str] = []
        for sub in _split_top(alt[3:end]):
            got = _literal_prefix(sub)
            if got is None:
                return None
            out.extend(got)
        return out
    lit = []
    for i, ch in enumerate(alt):
        if not (ch.isalnum() or ch in " -'"):
            break
        if i + 1 < len(alt) and alt[i + 1] in "?*{":
            break
        lit.append(ch.lower())
    word = "".join(lit)
    return [word] if len(word) >= 2 else None


def _anchors(regex: str) -> tuple[str, ...] | None:
    out: list[str] = []
    for alt in _split_top(regex):
        got = _literal_prefix(alt)
        if got is None:
            return None
        out.extend(got)
    return tuple(sorted(set(out)))


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    text = resources.files("rashomon.read").joinpath("data/classify_lexicon.tsv").read_text(encoding="utf-8")
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, weight, regex = line.split("\t", 2)
        if label.startswith("Diplomacy/"):
            label = label.split("/", 1)[1]
        rules.append(_Rule(label, float(weight), re.compile(regex, re.IGNORECASE), _anchors(regex)))
    return tuple(rules)


def _trie_regex(words: Sequence[str]) -> str:
    """A regex matching the longest of ``words`` that starts where it is tried (a trie of alternatives:
    at every character the longer continuation is tried before stopping)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return ("(?:" + body + ")" if len(alts) == 1 and len(body) > 1 else body) + "?"

    return emit(trie)


@dataclass(frozen=True)
class _Anchoring:
    """Which rules a text may match, from the anchors it contains, found in one pass."""

    finder: re.Pattern[str]  # at each position, the longest anchor starting there
    rules_by_anchor: dict[str, frozenset[int]]  # anchor -> rules anchored by it or by one of its prefixes
    unanchored: frozenset[int]  # rules with no known anchor: always tried

    def candidates(self, lower: str) -> set[int]:
        found = set(self.unanchored)
        found.update(*(self.rules_by_anchor[a] for a in set(self.finder.findall(lower))))
        return found


@lru_cache(maxsize=1)
def _anchoring() -> _Anchoring:
    rules = _rules()
    by_anchor: dict[str, set[int]] = {}
    for i, rule in enumerate(rules):
        for a in rule.anchors or ():
            by_anchor.setdefault(a, set()).add(i)
    closed = {
        a: frozenset(i for n in range(1, len(a) + 1) for i in by_anchor.get(a[:n], ())) for a in by_anchor
    }
    finder = re.compile("(?=(" + _trie_regex(sorted(by_anchor)) + "))")
    unanchored = frozenset(i for i, rule in enumerate(rules) if rule.anchors is None)
    return _Anchoring(finder, closed, unanchored)


Hits = dict[str, tuple[float, tuple[int, int]]]


def _hits(text: str) -> Hits:
    """label -> (best weight, span of the first strongest match)."""
    out: Hits = {}
    rules = _rules()
    # a rule can only match where one of its anchors (literal prefixes) occurs
    for i in sorted(_anchoring().candidates(text.lower())):
        rule = rules[i]
        m = rule.pattern.search(text)
        if m is None:
            continue
        prev = out.get(rule.label)
        if prev is None or rule.weight > prev[0]:
            out[rule.label] = (rule.weight, m.span())
    return _speakers_unarmed(text, _gun_accident(out))


# "police said", "officers told reporters", "according to the police", "the Police Department is investigating",
# "officers were called to": armed people who report a happening or answer it, not its victims
_REPORTS_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:(?:is|are|was|were|have|has|had)\s+(?:been\s+)?)?"
                            r"(?:said|say|says|told|tell|reported|report|stated|added|confirmed|believe[sd]?|"
                            r"investigat\w*|respond\w*|arriv\w*|called|identif\w*|searching|looking)\b", re.I)
_REPORTS_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def _speakers_unarmed(text: str, hits: Hits) -> Hits:
    """Armed people named only as those who report ("Police said two students were shot") are no armed
    victims: the combatant cue goes, so the killing is not read as a battle."""
    if "@combatant" not in hits:
        return hits
    found = [m for rule in _rules() if rule.label == "@combatant" for m in rule.pattern.finditer(text)]
    if all(_REPORTS_AFTER.match(text, m.end()) or _REPORTS_BEFORE.search(text, 0, m.start()) for m in found):
        del hits["@combatant"]
    return hits


def _gun_accident(hits: Hits) -> Hits:
    """"accidentally shot", "a hunting accident": the accident that vetoes events as a disaster is a
    shooting here, so the veto goes (another disaster told in the text keeps it)."""
    if "@gun_accident" in hits and "@disaster" in hits and _overlap(hits["@disaster"][1], hits["@gun_accident"][1]):
        del hits["@disaster"]
    return hits


def _w(hits: Hits, label: str) -> float:
    return hits[label][0] if label in hits else 0.0


def _conflict(hits: Hits) -> dict[str, float]:
    return {k: v[0] for k, v in hits.items() if not k.startswith("@")}


def _nearest_actor(text: str, before: int) -> str | None:
    """'@state' or '@nonstate': the actor cue mentioned last before ``before`` (else first after it)."""
    spans: dict[str, list[tuple[int, int]]] = {"@state": [], "@nonstate": []}
    for rule in _rules():
        if rule.label in spans:
            spans[rule.label].extend(m.span() for m in rule.pattern.finditer(text))
    # "Arakan Army", "Kachin Independence Army": a state word inside a non-state name is not the state
    state = [a for a in spans["@state"] if not any(_overlap(a, b) for b in spans["@nonstate"])]
    found = [(a[0], "@state") for a in state] + [(b[0], "@nonstate") for b in spans["@nonstate"]]
    if not found:
        return None
    prior = [f for f in found if f[0] < before]
    return max(prior)[1] if prior else min(found)[1]


Scores = dict[str, float]
Spans = dict[str, tuple[int, int] | None]


def _without_protest_topic(hits: Hits) -> Hits:
    """"residents protested the arrest of two traders": the arrest is what they protest, not an event here."""
    if "@protest_topic" not in hits:
        return hits
    topic = hits["@protest_topic"]
    hits = {k: v for k, v in hits.items() if k not in ("Arrests", "@kill") or not _overlap(v[1], topic[1])}
    hits.setdefault("@protester", topic)
    return hits


def _disaster_only(hits: Hits, scores: Scores) -> bool:
    """A disaster with no decisive conflict trigger; a protest about a disaster ("marches over the oil
    spill") is a protest."""
    protest = "@protester" in hits and "Peaceful protest" in scores
    return "@disaster" in hits and max(scores.values(), default=0.0) < 4 and not protest


def _transfer_peaceful(hits: Hits, scores: Scores, spans: Spans) -> None:
    """One side leaves or meets no resistance, another moves in."""
    label = "Non-violent transfer of territory"
    scores[label] = 5.0
    spans.setdefault(label, spans.get("@capture", spans.get("@enter")))


def _transfer_by_force(text: str, hits: Hits, scores: Scores, spans: Spans) -> None:
    """A place changes hands by force: who took it?"""
    where = spans.get("@retake", spans.get("@capture"))
    assert where is not None  # the caller's condition: one of the two cues was found
    actor = _nearest_actor(text, where[0])
    spans["@capture"] = where
    if actor == "@state" or (actor is None and "@retake" in hits):
        label = "Government regains territory"
    else:
        label = "Non-state actor overtakes territory"
    scores[label] = max(scores.get(label, 0.0), 4.5)
    spans.setdefault(label, where)


def _forces_move(hits: Hits, scores: Scores, spans: Spans) -> None:
    """Forces move, no territory reported changing hands."""
    label = "Change to group/activity"
    scores[label] = max(scores.get(label, 0.0), 3.0 if "@withdraw" in hits else 2.5)
    spans.setdefault(label, spans.get("@withdraw", spans.get("@enter")))


def _territory(text: str, hits: Hits, scores: Scores, spans: Spans) -> None:
    """Territory changing hands (peacefully or by force) or forces moving."""
    if "@captive" in hits and "@capture" in hits and _overlap(hits["@captive"][1], hits["@capture"][1]):
        del spans["@capture"]  # "taken captive" is no place captured
    moving = "@capture" in spans or "@enter" in hits or "@retake" in hits
    peaceful = "@peaceful" in hits or "@withdraw" in hits or "Non-violent transfer of territory" in scores
    if moving and peaceful:
        _transfer_peaceful(hits, scores, spans)
    elif "@capture" in spans or "@retake" in hits:
        _transfer_by_force(text, hits, scores, spans)
    elif "@withdraw" in hits or "@enter" in hits:
        _forces_move(hits, scores, spans)


def _no_fighting(hits: Hits, scores: Scores, spans: Spans) -> None:
    """Peaceful moves and captives taken, where no fighting is reported."""
    if _w(hits, "Armed clash") >= 3:
        return
    if "@peaceful" in hits and _w(hits, "Change to group/activity") >= 2:
        scores["Change to group/activity"] = max(scores["Change to group/activity"], 4.5)
    if "@captive" in hits:
        scores["Other"] = max(scores.get("Other", 0.0), 4.5)
        spans["Other"] = spans["@captive"]


def _protest_label(hits: Hits, scores: Scores) -> str:
    if "@kill" in hits or "Excessive force against protesters" in scores:
        return "Excessive force against protesters"
    if "Violent demonstration" in scores or "@violent" in hits:
        return "Violent demonstration"
    if "Protest with intervention" in scores or ("Arrests" in scores and "@protesting" in hits):
        return "Protest with intervention"
    return "Peaceful protest"


def _protest(hits: Hits, scores: Scores, spans: Spans) -> None:
    if "@protester" not in hits or not _PROTEST_LABELS & scores.keys():
        return
    label = _protest_label(hits, scores)
    if label == "Violent demonstration":
        spans.setdefault(label, spans.get("@violent"))
    # a plain protest word does not outweigh a stronger event told around it (arrests before a rally)
    scores[label] = 3.5 if label == "Peaceful protest" else 5.0
    spans.setdefault(label, spans["@protester"])


def _someone_protests(hits: Hits) -> bool:
    """A protest word (protesters, a rally, "protested") is in the text."""
    return "@protester" in hits or "@protesting" in hits or "Peaceful protest" in hits


def _unprotested(hits: Hits, scores: Scores) -> bool:
    """Force against protesters with nobody protesting, beside another happening: "two men were brutally
    stabbed" is the stabbing ("brutally", "tear gas" tell a protest only with the protesters)."""
    if _someone_protests(hits):
        return False
    return any(k not in _PROTEST_LABELS for k in scores) and any(k in _FORCE_ON_PROTESTERS for k in scores)


def _killing(hits: Hits, scores: Scores, spans: Spans) -> None:
    """A killing with no stronger trigger; a killing of armed victims only is a battle."""
    armed = "@combatant" in hits and "@civilian" not in hits
    if "@kill" in hits and max(scores.values(), default=0.0) < 3:
        label = "Armed clash" if armed else "Attack"
        scores[label] = max(scores.get(label, 0.0), 2.5)
        spans.setdefault(label, spans["@kill"])
    if "Attack" in scores and scores["Attack"] <= 3 and armed:
        scores["Armed clash"] = max(scores.get("Armed clash", 0.0), scores["Attack"] + 0.1)
        spans.setdefault("Armed clash", spans["Attack"])


def _lexicon_label(text: str, hits: Hits) -> tuple[str, float, tuple[int, int] | None] | None:
    """Apply the codebook rules to the lexicon hits: (sub_event_type, weight, trigger) or None."""
    hits = _without_protest_topic(hits)
    scores = _conflict(hits)
    # the trigger of each cue and label (None: a label whose cue was not found)
    spans: Spans = {k: v[1] for k, v in hits.items()}
    if _disaster_only(hits, scores):
        return None
    if "Chemical weapon" in scores:  # ACLED codes chemical use as such whatever delivered it
        scores["Chemical weapon"] = max(scores.values()) + 0.5
    _territory(text, hits, scores, spans)
    _no_fighting(hits, scores, spans)
    _protest(hits, scores, spans)
    _killing(hits, scores, spans)
    scores = {k: v for k, v in scores.items() if k in _RANK}
    if _unprotested(hits, scores):
        scores = {k: v for k, v in scores.items() if k not in _FORCE_ON_PROTESTERS}
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -_RANK[k]))
    return best, scores[best], spans.get(best)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------- features and model

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "that",
        "this",
        "which",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "has",
        "have",
        "had",
        "said",
        "says",
    ]
)


def _stem(w: str) -> str:
    if w.endswith("'s"):
        w = w[:-2]
    n = len(w)
    if n > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    if n > 4 and w.endswith("ed"):
        return w[:-2]
    if n > 3 and w.endswith("es") and w[-3] in "sxzh":
        return w[:-2]
    if n > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_Lex = tuple[str, float, tuple[int, int] | None] | None
_UNSET: Any = object()


def features(text: str, hits: Hits | None = None, lex: _Lex = _UNSET) -> list[str]:
    """Stems, stem bigrams and lexicon hits of a text: the model's input (used for training too).
    ``lex`` is ``_lexicon_label(text, hits)`` when the caller has it already."""
    if hits is None:
        hits = _hits(text)
    toks = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    feats = set(toks)
    feats.update(f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
    feats.update(f"@lex:{k}" for k in hits)
    if lex is _UNSET:
        lex = _lexicon_label(text, hits)
    feats.add(f"@rule:{lex[0] if lex else 'none'}")
    return sorted(feats)


@dataclass(frozen=True)
class _Model:
    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]

    def proba(self, feats: Sequence[list[str]]) -> np.ndarray:
        import numpy as np

        z = np.tile(self.bias, (len(feats), 1)).astype(np.float32)
        for i, fs in enumerate(feats):
            rows = [self.index[f] for f in fs if f in self.index]
            if rows:
                z[i] += self.weights[rows].sum(axis=0)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def _model() -> _Model | None:
    path = resources.files("rashomon.read").joinpath("data/classify_model.npz")
    if not path.is_file():
        return None
    import numpy as np

    with path.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        vocab = [str(v) for v in data["vocab"]]
        return _Model(
            index={v: i for i, v in enumerate(vocab)},
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
        )


def _decide(text: str, hits: Hits, lex: _Lex, probs: Any, model: _Model | None) -> EventClass | None:
    if lex is None:
        return None
    label, weight, span = lex
    score = min(0.95, 0.35 + 0.12 * weight)
    if model is not None and probs is not None:
        # blend: the model's distribution plus a prior on the lexicon's label (strong triggers weigh more)
        prior = LEXICON_PRIOR * min(weight, 5.0) / 5.0
        blended = {c: float(p) for c, p in zip(model.classes, probs, strict=True)}
        blended[label] = blended.get(label, 0.0) + prior
        pred = max(blended, key=lambda c: blended[c])
        if pred == NONE_LABEL:
            return None
        if pred in _FORCE_ON_PROTESTERS and label not in _PROTEST_LABELS and not _someone_protests(hits):
            pred = label  # the model's protest, with nobody protesting: the lexicon's happening
        score = blended[pred] / (1.0 + prior)
        if pred != label:
            label = pred
            span = hits[label][1] if label in hits else _best_span(hits)
    return EventClass(EVENT_TYPES[label], label, round(score, 3), span)


def _best_span(hits: Hits) -> tuple[int, int] | None:
    cues = [v for k, v in hits.items() if not k.startswith("@")] or list(hits.values())
    return min(cues, key=lambda v: (-v[0], v[1][0]))[1] if cues else None


def classify(text: str, doc: Doc | None = None) -> EventClass | None:
    """The ACLED event a sentence or snippet reports, or None (no event, or a disaster).

    ``doc`` is accepted so callers holding a parsed sentence can pass it; the decision uses only the
    text (the same features the model was trained on), which keeps it fast and deterministic.
    """
    return classify_sentences([text])[0]


DECISIVE = 4.0  # a trigger this strong (air strike, IED, shelling...) tells a conflict event whatever surrounds it


def _decisive(hits: Hits) -> bool:
    return any(w >= DECISIVE for k, (w, _) in hits.items() if not k.startswith("@") and k in _RANK)


def _disaster_passages(all_hits: Sequence[Hits], passages: Sequence[int]) -> set[int]:
    """Passages (paragraphs) that tell a disaster: a disaster cue in one of their sentences and no
    decisive conflict trigger in any. Their other sentences ("The blasts killed 50 people", "the
    aircraft declared an emergency") tell the same disaster, not an attack."""
    told: set[int] = set()
    armed: set[int] = set()
    for hits, p in zip(all_hits, passages, strict=True):
        if "@disaster" in hits:
            told.add(p)
        if _decisive(hits) or ("@protester" in hits and "Peaceful protest" in hits):
            armed.add(p)
    return told - armed


def trigger_weight(text: str) -> float:
    """The weight of the strongest event trigger in a text (0 when it names only casualties or actors)."""
    return max((w for k, (w, _) in _hits(text).items() if k in _RANK), default=0.0)


def classify_sentences(texts: Sequence[str], passages: Sequence[int] | None = None) -> list[EventClass | None]:
    """Classify many sentences at once (one matrix product for the model part). ``passages`` gives
    each sentence's paragraph: a paragraph that tells a disaster is no event in any of its sentences."""
    all_hits = [_hits(t) for t in texts]
    lexes = [_lexicon_label(t, h) for t, h in zip(texts, all_hits, strict=True)]  # pure: computed once
    if passages is not None:
        disasters = _disaster_passages(all_hits, passages)
        lexes = [None if p in disasters else lex for lex, p in zip(lexes, passages, strict=True)]
    model = _model()
    probs: Any = [None] * len(texts)
    if model is not None:
        todo = [i for i, lex in enumerate(lexes) if lex is not None]
        if todo:
            p = model.proba([features(texts[i], all_hits[i], lexes[i]) for i in todo])
            for row, i in enumerate(todo):
                probs[i] = p[row]
    return [_decide(t, h, lex, p, model) for t, h, lex, p in zip(texts, all_hits, lexes, probs, strict=True)]


def lexicon_classify(text: str) -> EventClass | None:
    """The lexicon and codebook rules alone (no trained model): for evaluation and as a fallback."""
    hits = _hits(text)
    return _decide(text, hits, _lexicon_label(text, hits), None, None)
