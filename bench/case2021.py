"""CASE 2021 dev set: event classification scored as shared/eval/benchmarks.py scores it.

    .venv/bin/python bench/case2021.py [--data ../shared/dev/case2021.tsv] [--folds 5] [--seed 0]

Prints, for the lexicon alone and for lexicon + model under stratified k-fold cross-validation
(the model is retrained on k-1 folds and scored on the held-out fold, never on its training data):
weighted F1 over sub_event_type, accuracy, disasters_rejected, snippets/second, and the worst labels.
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.read import classify as C  # noqa: E402


def load(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["EventSnippet"], r["SubType"]) for r in csv.DictReader(fh, delimiter="\t")]


def train_module():
    spec = importlib.util.spec_from_file_location(
        "train_classifier", ROOT / "scripts" / "train_classifier.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# one label map, the training script's: CASE 2021 sub-types to ACLED's, disasters to "no event"
_LABELS = train_module().CASE_TO_ACLED
CASE_TO_ACLED = {k: v for k, v in _LABELS.items() if v != C.NONE_LABEL}
NOT_EVENTS = {k for k, v in _LABELS.items() if v == C.NONE_LABEL}


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    f1sum = 0.0
    for lab in set(gold):
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=False))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=False))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=False))
        f1sum += (2 * tp / (2 * tp + fp + fn) if tp else 0.0) * gold.count(lab)
    return f1sum / len(gold)


def score(rows: list[tuple[str, str]], preds: list) -> dict:
    gold, pred, rej, dis = [], [], 0, 0
    for (_, lab), p in zip(rows, preds, strict=False):
        if lab in NOT_EVENTS:
            dis += 1
            rej += p is None
        elif lab in CASE_TO_ACLED:
            gold.append(CASE_TO_ACLED[lab])
            pred.append(p.sub_event_type if p else "none")
    return {
        "weighted_f1": weighted_f1(gold, pred),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=False)) / len(gold),
        "disasters_rejected": rej / max(1, dis),
        "gold": gold,
        "pred": pred,
    }


def report(name: str, res: dict, rate: float, worst: int = 8) -> None:
    print(
        f"{name}: weighted_f1={res['weighted_f1']:.3f} accuracy={res['accuracy']:.3f} "
        f"disasters_rejected={res['disasters_rejected']:.3f} snippets/s={rate:.0f}"
    )
    gold, pred = res["gold"], res["pred"]
    per = []
    for lab in set(gold):
        n = gold.count(lab)
        ok = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=False))
        wrong = collections.Counter(p for g, p in zip(gold, pred, strict=False) if g == lab and p != lab)
        per.append((ok / n, lab, n, wrong.most_common(3)))
    for acc, lab, n, wrong in sorted(per)[:worst]:
        print(f"   {lab:36s} n={n:3d} recall={acc:.2f}  confused with {wrong}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "dev" / "case2021.tsv"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--priors", default=str(C.LEXICON_PRIOR), help="lexicon prior(s) to try, comma-separated")
    args = ap.parse_args()
    rows = load(Path(args.data))
    texts = [t for t, _ in rows]

    t0 = time.perf_counter()
    lex = [C.lexicon_classify(t) for t in texts]
    report("lexicon only", score(rows, lex), len(texts) / (time.perf_counter() - t0))

    tm = train_module()
    folds = tm.stratified_folds([lab for _, lab in rows], args.folds, args.seed)
    models = [tm.fit([rows[i] for i in range(len(rows)) if folds[i] != k]) for k in range(args.folds)]
    default = C.LEXICON_PRIOR
    for prior in [float(x) for x in args.priors.split(",")]:
        C.LEXICON_PRIOR = prior
        preds: list = [None] * len(rows)
        elapsed = 0.0
        for k, model in enumerate(models):
            test = [i for i in range(len(rows)) if folds[i] == k]
            t0 = time.perf_counter()
            with tm.using_model(model):
                out = C.classify_sentences([texts[i] for i in test])
            elapsed += time.perf_counter() - t0
            for i, p in zip(test, out, strict=True):
                preds[i] = p
        report(
            f"lexicon+model (prior {prior}), {args.folds}-fold CV", score(rows, preds), len(texts) / elapsed
        )
    C.LEXICON_PRIOR = default


if __name__ == "__main__":
    main()
