"""Fit the "he"/"she" speaker chooser (rashomon.read.speaker) on PolNeAR's `train` split.

    PYTHONPATH=src .venv/bin/python scripts/train_speaker.py [--data ../shared/dev] [--cache /tmp/polnear-parses]
                                                            [--out src/rashomon/read/data/speaker_model.json]

Only `train` articles are read, in the halves bench/polnear_halves.py uses (sorted by id, even = A,
odd = B). Each article is cleaned and parsed as the benchmark does and read; every time the reading
asks who a speaking "he"/"she" is, the candidates and their features are recorded. The pronoun's
label comes from PolNeAR: the human-marked source span holding it, whose coreference aliases (CoreNLP)
name the right person; a candidate is right when the benchmark's own matcher (polnear.source_matches)
accepts its name. Pronouns with no right candidate (no alias, or the person never named) teach nothing
and are left out. The model is a conditional logit (softmax over each pronoun's candidates, L2),
fitted by gradient descent with numpy. Printed and stored: top-1 accuracy of the rule
(SourceContext.person_by_rule) and of the model, trained on A tested on B and the reverse (cross-
validated), and on the data it was fitted to; the shipped weights are fitted on A and B together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import polnear_halves as halves  # noqa: E402  (the halves, the cleaning and the parse cache)

from rashomon.read import _read, speaker  # noqa: E402
from rashomon.read.sources import SourceContext  # noqa: E402

Instance = tuple[np.ndarray, np.ndarray, bool]  # features (candidates x F), right candidates, rule right


def _record(docs_and_parses, arts: dict[str, dict], polnear) -> list[Instance]:
    """The pronoun decisions the reading makes in these documents, labelled from the gold."""
    calls: list[tuple[str, list[speaker.Candidate], Any]] = []
    original = SourceContext.person_before

    def spy(self: SourceContext, char: int, pronoun: str):
        calls.append((char, self.speaker_candidates(char, pronoun), self.person_by_rule(char, pronoun)))
        return original(self, char, pronoun)

    SourceContext.person_before = spy  # type: ignore[method-assign]
    out: list[Instance] = []
    try:
        for d, sdoc in docs_and_parses:
            calls.clear()
            _read(d, sdoc)
            out += _label(arts[d.source], d.text, list(calls), polnear)
    finally:
        SourceContext.person_before = original  # type: ignore[method-assign]
    return out


def _label(art: dict, clean: str, calls, polnear) -> list[Instance]:
    text = art["text"]
    mapf = (lambda a, b: (a, b)) if clean == text else polnear.Alignment(text, clean).span
    gold = []
    for g in art["attributions"]:
        if g["source_kind"] == "pronoun" and g["aliases"] and g["source"]:
            spans = [s for s in (mapf(a, b) for a, b in g["source"]) if s]
            gold.append((spans, " ".join(text[a:b] for a, b in g["source"]), g["aliases"]))
    out = []
    for char, cands, rule in calls:
        hit = next((x for x in gold if any(a <= char < b for a, b in x[0])), None)
        if hit is None or not cands:
            continue
        right = np.array([polnear.source_matches(c.name, hit[1], hit[2], "pronoun") for c in cands])
        if right.any():
            rule_ok = rule is not None and polnear.source_matches(rule.name, hit[1], hit[2], "pronoun")
            out.append((np.array([c.features for c in cands], dtype=float), right, rule_ok))
    return out


def fit(data: list[Instance], l2: float = 1e-2, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Conditional logit: maximise the log of the probability mass on the right candidates (the
    pronouns' candidates padded into one array, the padding masked out)."""
    width = max(len(r) for _, r, _ in data)
    x = np.zeros((len(data), width, len(speaker.FEATURES)))
    real = np.zeros((len(data), width), dtype=bool)
    right = np.zeros((len(data), width))
    for i, (xi, ri, _) in enumerate(data):
        x[i, : len(ri)], real[i, : len(ri)], right[i, : len(ri)] = xi, True, ri
    w = np.zeros(len(speaker.FEATURES))
    for _ in range(steps):
        s = np.where(real, x @ w, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        q = p * right
        q /= q.sum(axis=1, keepdims=True)  # the posterior over the right ones
        w -= lr * (l2 * w - np.einsum("nc,ncf->f", q - p, x) / len(data))
    return w


def accuracy(data: list[Instance], w: np.ndarray) -> tuple[float, float]:
    """(rule, model) top-1 accuracy: the chosen candidate is a right one (the model picks the latest on a tie)."""
    model = sum(bool(r[int(np.argmax(x @ w))]) for x, r, _ in data)
    rule = sum(ok for *_, ok in data)
    return rule / len(data), model / len(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=halves.SHARED / "dev")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/polnear-parses"))
    ap.add_argument("--out", type=Path, default=ROOT / "src/rashomon/read/data/speaker_model.json")
    ap.add_argument("--fit", choices=["A", "B", "AB"], default="AB", help="the halves the written weights are fitted on")
    ap.add_argument("--instances", type=Path, help="also keep the labelled pronoun decisions here (pickle)")
    ap.add_argument("--halves-out", type=Path, help="also write the weights fitted on each half alone here (for CV runs)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(halves.SHARED / "eval"))
    import polnear  # the benchmark's matcher and alignment

    raw = (args.data / "polnear.json").read_bytes()
    sets = {}
    for half in ("A", "B"):
        arts = {a["id"]: a for a in halves._articles(args.data, half)}
        pairs = halves.parsed(list(arts.values()), half, args.cache)
        sets[half] = _record(pairs, arts, polnear)
        print(f"{half}: {len(sets[half])} pronouns with a right candidate", file=sys.stderr)
    if args.instances:
        args.instances.write_bytes(pickle.dumps(sets))
    report: dict[str, Any] = {}
    for train, test in (("A", "B"), ("B", "A")):
        w = fit(sets[train])
        if args.halves_out:
            args.halves_out.mkdir(parents=True, exist_ok=True)
            (args.halves_out / f"speaker_model_{train}.json").write_text(
                json.dumps({"features": list(speaker.FEATURES), "weights": [float(x) for x in w]}), encoding="utf-8")
        report[f"train_{train}"] = dict(zip(("rule", "model"), accuracy(sets[train], w), strict=True))
        report[f"cv_{train}_to_{test}"] = dict(zip(("rule", "model"), accuracy(sets[test], w), strict=True))
    both = [x for h in args.fit for x in sets[h]]
    w = fit(both)
    report[f"train_{args.fit}"] = dict(zip(("rule", "model"), accuracy(both, w), strict=True))
    report["instances"] = {h: len(v) for h, v in sets.items()}
    model = {"features": list(speaker.FEATURES), "weights": [round(float(x), 4) for x in w],
             "trained_on": "PolNeAR v1.0.0 split train (840 articles; github:networkdynamics/PolNeAR)",
             "data_sha256": hashlib.sha256(raw).hexdigest(), "data_file": "shared/dev/polnear.json",
             "script": "scripts/train_speaker.py", "accuracy": report}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
