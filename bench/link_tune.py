"""Set linking's evidence weights and threshold on one half of gvc, and confirm on the other.

    PYTHONPATH=src .venv/bin/python bench/link_tune.py [--cache DIR] [--fit] [--balance B]
                                                       [--shift X,Y] [--rounds 2] [--floor F] [--write]

Needs the databases bench/link_dev.py caches (run it once first). The pair features of every
candidate pair are computed once. --fit starts from a logistic fit on the even halves (each weight
kept to its sign; --balance 1 weighs gvc's few pairs as much as ACLED's many); --shift X,Y then adds X
to the prior and takes X from "brief" and X+Y from "note" (full accounts gain, short notes lose).
Then each weight is moved in turn over a few values (coordinate search, --rounds, 0 for none) to
maximise, on the even incident ids of gvc, B-cubed F1 minus a penalty wherever fewer than --floor of
the ACLED notes (even rows only) stay in an event of their own. Prints the figures on both halves of
each set; --write prints the weights as Python to paste. The weights in rashomon.link.evidence come
from ``--fit --balance 1 --shift 2,4 --rounds 0`` (with the FIXED weights as they are there).
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import math
import sys
from pathlib import Path

from rashomon.link import SIBLING_LEAST, _candidates, cluster_stories
from rashomon.link.evidence import WEIGHTS, may_match, pair_features, profiles, siblings_agree
from rashomon.store import Store

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev"
STEPS = [-2.0, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 2.0]
# weights set by hand, not fitted: the dev sets' places and ages are often misread, so a fit would learn
# that far-apart places or different ages say nothing. The party features too: no positive pair of gvc
# or ACLED names a party (ACLED's notes share them as negatives), so a fit learns that parties say
# nothing, and the seeds, whose one story is joined by its parties, lose their merge.
FIXED = {"far", "other_age", "shared_actor", "other_actor", "shared_name", "vague", "note_detail"}
# the sign each weight must keep: an agreement is never evidence of two happenings, a clash never of one
# (a fit on few positives otherwise lets correlated features cancel, e.g. "same_type" < 0 beside
# "same_sub_type" > 0); the others ("prior", differing areas or countries met only where places agree) are free
AGREE = {"same_day", "overlap", "day_apart", "follow_up_apart", "same_type", "same_sub_type", "near", "close",
         "shared_area", "same_place_name", "shared_actor", "shared_age", "same_count", "shared_gear",
         "shared_name", "rare_words", "text", "long_text", "text_alike", "text_much_alike", "note_detail"}
CLASH = {"per_day_apart", "other_day", "far", "other_actor", "other_age", "other_count", "brief", "note", "vague"}


def signed(k: str, v: float) -> float:
    """v, kept to the sign weight k must have."""
    return max(0.0, v) if k in AGREE else min(0.0, v) if k in CLASH else v


class Set:
    """One cached dev database: its mentions, their candidate pairs' features, and gold labels."""

    def __init__(self, db: Path, gold: dict[str, str]) -> None:
        store = Store.open(db)
        src = {d.id: d.source for d in store.documents()}
        self.recs = store.mention_records()
        profs = profiles(self.recs)
        self.pairs: list[tuple[int, int, dict[str, float]]] = []
        for i, j in sorted(_candidates(self.recs, profs)):
            if not may_match(profs[i], profs[j]):
                continue
            f = pair_features(profs[i], profs[j], explain=False)
            if f is not None:
                self.pairs.append((i, j, f[0]))
        by_doc = collections.defaultdict(list)
        for n, r in enumerate(self.recs):
            by_doc[r.document].append(n)
        # pairs of one document: those that may tell one happening are weighed (joined only at
        # SIBLING_LEAST, as link does), the others never share a cluster
        self.kin: list[tuple[int, int, dict[str, float]]] = []
        self.apart = []
        for ids in by_doc.values():
            for k, x in enumerate(ids):
                for y in ids[k + 1:]:
                    f = pair_features(profs[x], profs[y], explain=False, kin=True) if siblings_agree(profs[x], profs[y]) else None
                    if f is None:
                        self.apart.append((x, y))
                    else:
                        self.kin.append((x, y, f[0]))
        self.gold = {doc: gold[src[doc]] for doc in by_doc if src[doc] in gold}

    def assign(self, w: dict[str, float], threshold: float) -> dict[str, int]:
        """document -> cluster holding most of its claims (as the gvc harness maps documents)."""
        scores = {}
        for i, j, f in self.pairs:
            logit = w["prior"] + sum(w[k] * v for k, v in f.items())
            scores[(i, j)] = 1 / (1 + math.exp(-logit))
        apart = list(self.apart)
        kin = {}
        for i, j, f in self.kin:
            p = 1 / (1 + math.exp(-(w["prior"] + sum(w[k] * v for k, v in f.items()))))
            if p >= SIBLING_LEAST:
                kin[(i, j)] = p
            else:
                apart.append((i, j))
        groups = cluster_stories(len(self.recs), scores, kin, apart, threshold)
        size = {}
        of = {}
        for g_id, g in enumerate(groups):
            if all(self.recs[i].mention.historical for i in g):
                continue
            size[g_id] = sum(len(self.recs[i].claims) for i in g)
            for i in g:
                of[i] = g_id
        per_doc: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for i, r in enumerate(self.recs):
            if i in of and r.claims:
                per_doc[r.document][of[i]] += len(r.claims)
        return {d: min(c, key=lambda k: (-c[k], -size[k], k)) for d, c in per_doc.items()}


def bcubed(gold: dict[str, str], pred: dict[str, object]) -> tuple[float, float, float, float]:
    gs, ps = collections.defaultdict(set), collections.defaultdict(set)
    for x in gold:
        gs[gold[x]].add(x)
        ps[pred[x]].add(x)
    p = sum(len(gs[gold[x]] & ps[pred[x]]) / len(ps[pred[x]]) for x in gold) / len(gold)
    r = sum(len(gs[gold[x]] & ps[pred[x]]) / len(gs[gold[x]]) for x in gold) / len(gold)
    multi = [g for g in gs.values() if len(g) > 1]
    split = sum(len({pred[x] for x in g}) > 1 for g in multi) / max(1, len(multi))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, split


def gvc_measures(s: Set, w: dict[str, float], t: float, parity: int) -> tuple[float, float, float, float]:
    a = s.assign(w, t)
    gold = {d: inc for d, inc in s.gold.items() if int(inc) % 2 == parity}
    return bcubed(gold, {d: a.get(d, f"none:{d}") for d in gold})


def acled_own(s: Set, w: dict[str, float], t: float, parity: int) -> float:
    a = s.assign(w, t)
    holders = collections.Counter(a.values())
    notes = [d for d, n in s.gold.items() if int(n) % 2 == parity]
    return sum(d in a and holders[a[d]] == 1 for d in notes) / max(1, len(notes))


def objective(g: Set, ac: Set, w: dict[str, float], t: float, floor: float = 0.97) -> float:
    f = gvc_measures(g, w, t, 0)[2]
    own = acled_own(ac, w, t, 0)
    return f - 4 * max(0.0, floor - own)


def load(cache: Path) -> tuple[Set, Set]:
    """The gvc and acled2016 dev databases that bench/link_dev.py cached."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import link_dev

    data = json.loads((DEV / "gvc.json").read_text(encoding="utf-8"))
    gvc = Set(link_dev.database(cache, link_dev._gvc_records(data["documents"])),
              {f"gvc-{d['id']}": d["incident"] for d in data["documents"]})
    rows = [r for r in csv.DictReader(io.StringIO((DEV / "acled2016.csv").read_text(encoding="utf-8"), newline="")) if r["notes"].strip()]
    acled = Set(link_dev.database(cache, link_dev.acled_records(rows)),
                {f"acled-{r['event_id_cnty']}": str(n) for n, r in enumerate(rows)})
    return gvc, acled


def fit(sets: list[tuple[Set, int]], l2: float = 5.0, balance: float = 0.0) -> dict[str, float]:
    """Logistic regression of 'same happening' on the pair features (Newton steps, L2), over the
    candidate pairs of the given sets' halves (documents of one incident: positives). With
    ``balance`` b, each set's pairs weigh (pairs of the largest set / its pairs) ** b in all, so
    that one set's many easy negatives do not drown the others (0: every pair weighs 1)."""
    import numpy as np

    keys = [k for k in WEIGHTS if k != "prior"]
    rows, ys, of = [], [], []
    for n, (s, parity) in enumerate(sets):
        for i, j, f in s.pairs:
            gi, gj = s.gold.get(s.recs[i].document), s.gold.get(s.recs[j].document)
            if gi is None or gj is None or int(gi) % 2 != parity or int(gj) % 2 != parity:
                continue
            rows.append([1.0] + [f.get(k, 0.0) for k in keys])
            ys.append(float(gi == gj))
            of.append(n)
    x, y = np.array(rows), np.array(ys)
    sizes = np.bincount(np.array(of), minlength=len(sets))
    sw = (sizes.max() / sizes[np.array(of)]) ** balance
    names = ["prior", *keys]
    held: set[int] = set()  # weights held at 0 because the fit gave them the wrong sign (an active set)
    while True:
        free = [n for n in range(len(names)) if n not in held]
        xf = x[:, free]
        w_f = np.zeros(len(free))
        reg = l2 * np.diag([0.0 if names[n] == "prior" else 1.0 for n in free])
        for _ in range(30):
            p = 1 / (1 + np.exp(-xf @ w_f))
            w_f -= np.linalg.solve((xf * (sw * p * (1 - p))[:, None]).T @ xf + reg, xf.T @ (sw * (p - y)) + reg @ w_f)
        wrong = [n for n, v in zip(free, w_f, strict=True) if signed(names[n], float(v)) != float(v)]
        if not wrong:
            break
        held.add(max(wrong, key=lambda n: abs(float(w_f[free.index(n)]))))
    w = np.zeros(len(names))
    w[free] = w_f
    fitted = {n: round(float(v), 2) + 0.0 for n, v in zip(names, w, strict=True)}  # + 0.0: no -0.0
    return {k: WEIGHTS[k] if k in FIXED else v for k, v in fitted.items()}


def data_hashes() -> str:
    import hashlib

    return ", ".join(f"{n} {hashlib.sha256((DEV / n).read_bytes()).hexdigest()[:16]}"
                     for n in ("gvc.json", "acled2016.csv"))


def report(g: Set, ac: Set, w: dict[str, float], t: float) -> None:
    for parity, half in ((0, "even"), (1, "odd")):
        p, r, f, split = gvc_measures(g, w, t, parity)
        own = acled_own(ac, w, t, parity)
        print(f"{half}: gvc b3 P={p:.3f} R={r:.3f} F1={f:.3f} split={split:.3f}   acled own_event={own:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default="/tmp/link-dev-cache")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--fit", action="store_true", help="start from a logistic fit on the tuning halves")
    ap.add_argument("--balance", type=float, default=0.0, help="weigh each set's pairs by (largest/its) ** B")
    ap.add_argument("--shift", default=None, help="X,Y: prior +X, brief -X, note -(X+Y) after the fit")
    ap.add_argument("--floor", type=float, default=0.97, help="ACLED own-event share below which the objective pays")
    args = ap.parse_args(argv)
    from rashomon.link import THRESHOLD

    g, ac = load(Path(args.cache))
    print("data:", data_hashes())
    w, t = dict(WEIGHTS), args.threshold if args.threshold is not None else THRESHOLD
    print("current:")
    report(g, ac, w, t)
    if args.fit:
        w = fit([(g, 0), (ac, 0)], balance=args.balance)
    if args.shift:
        x, y = (float(v) for v in args.shift.split(","))
        w = {**w, "prior": round(w["prior"] + x, 2), "brief": round(w["brief"] - x, 2),
             "note": round(w["note"] - x - y, 2)}
    if args.fit or args.shift:
        print("fitted:", w)
        report(g, ac, w, t)
    best = objective(g, ac, w, t, args.floor)
    for _ in range(args.rounds):
        for k in [k for k in w if k not in FIXED] + ["threshold"]:
            for step in STEPS:
                if k == "threshold":
                    cand_w, cand_t = w, min(0.95, max(0.05, t + step / 10))
                else:
                    cand_w, cand_t = {**w, k: signed(k, round(w[k] + step, 2))}, t
                v = objective(g, ac, cand_w, cand_t, args.floor)
                if v > best + 1e-9:
                    best, w, t = v, cand_w, cand_t
        print(f"objective {best:.4f} threshold {t:.2f}")
    print("tuned:")
    report(g, ac, w, t)
    if args.write:
        print("WEIGHTS = {" + ", ".join(f'"{k}": {v}' for k, v in w.items()) + "}")
        print(f"THRESHOLD = {t:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
