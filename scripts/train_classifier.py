"""Train the event classifier's linear model and write src/rashomon/read/data/classify_model.npz.

    .venv/bin/python scripts/train_classifier.py --data ../shared/dev/case2021.tsv

Multinomial logistic regression (L2, full-batch Adam, pure numpy) over rashomon.read.classify.features:
word stems, stem bigrams and the trigger lexicon's hits. Classes: the ACLED sub-event types, the
Diplomacy kinds and NONE (disasters). Rows labelled ATTRIB / ORG_CRIME (no ACLED counterpart) are left out.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import hashlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.read import classify as C  # noqa: E402

CASE_TO_ACLED = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "NATURAL_DISASTER": C.NONE_LABEL,
    "MAN_MADE_DISASTER": C.NONE_LABEL,
}
DIPLOMACY = ("Call", "Request", "Sanctions", "Talks", "Statement")
OUT = ROOT / "src" / "rashomon" / "read" / "data" / "classify_model.npz"


def target(text: str, case_label: str) -> str | None:
    if case_label in CASE_TO_ACLED:
        return CASE_TO_ACLED[case_label]
    if case_label == "DIPLO":  # the diplomacy kind the lexicon sees, else a statement
        hits = C._hits(text)
        return next((k for k in DIPLOMACY if k in hits), "Statement")
    return None


def stratified_folds(labels: list[str], k: int, seed: int = 0) -> list[int]:
    rng = random.Random(seed)
    by = collections.defaultdict(list)
    for i, lab in enumerate(labels):
        by[lab].append(i)
    fold = [0] * len(labels)
    start = 0
    for lab in sorted(by):
        idx = by[lab]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold[i] = (start + j) % k
        start += len(idx)
    return fold


def fit(
    rows: list[tuple[str, str]], l2: float = 3e-3, epochs: int = 300, lr: float = 0.05, min_count: int = 2
) -> C._Model:
    data = [(C.features(t), y) for t, lab in rows if (y := target(t, lab)) is not None]
    counts = collections.Counter(f for fs, _ in data for f in fs)
    vocab = sorted(f for f, n in counts.items() if n >= min_count or f.startswith("@"))
    index = {f: i for i, f in enumerate(vocab)}
    classes = tuple(sorted({y for _, y in data}))
    cidx = {c: i for i, c in enumerate(classes)}
    x = np.zeros((len(data), len(vocab)), dtype=np.float32)
    for i, (fs, _) in enumerate(data):
        for f in fs:
            if f in index:
                x[i, index[f]] = 1.0
    y = np.zeros((len(data), len(classes)), dtype=np.float32)
    for i, (_, lab) in enumerate(data):
        y[i, cidx[lab]] = 1.0
    w = np.zeros((len(vocab), len(classes)), dtype=np.float32)
    b = np.zeros(len(classes), dtype=np.float32)
    mw, vw, mb, vb = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    n = len(data)
    for t in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        for param, grad, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    keep = np.abs(w).max(axis=1) > 1e-3  # drop features the model does not use
    vocab_kept = [f for f, k in zip(vocab, keep, strict=False) if k]
    return C._Model(
        {f: i for i, f in enumerate(vocab_kept)},
        w[keep].astype(np.float16).astype(np.float32),
        b.copy(),
        classes,
    )


@contextlib.contextmanager
def using_model(model: C._Model) -> Iterator[None]:
    original = C._model
    C._model = lambda: model  # type: ignore[assignment]
    try:
        yield
    finally:
        C._model = original  # type: ignore[assignment]


def save(model: C._Model, path: Path = OUT, data_sha256: str = "") -> None:
    vocab = sorted(model.index, key=model.index.get)
    np.savez_compressed(
        path,
        data_sha256=np.array(data_sha256),
        vocab=np.array(vocab),
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        classes=np.array(model.classes),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="the CASE 2021 task 2 snippets (TSV with EventSnippet, SubType)")
    args = ap.parse_args()
    digest = hashlib.sha256(Path(args.data).read_bytes()).hexdigest()
    with open(args.data, encoding="utf-8") as fh:
        rows = [(r["EventSnippet"], r["SubType"]) for r in csv.DictReader(fh, delimiter="\t")]
    model = fit(rows)
    save(model, data_sha256=digest)
    print(
        f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(model.index)} features, {len(model.classes)} classes)"
        f" from {args.data} (sha256 {digest})"
    )


if __name__ == "__main__":
    main()
