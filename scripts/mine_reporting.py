"""Mine reporting verbs from PolNeAR's training split: for every verb lemma that has a subject,
how often a sentence in which it governs a subject overlaps a human-marked attribution content.

    python scripts/mine_reporting.py PATH/polnear.json [--min-n 12] [--min-precision 0.9]

Only the `train` split is read (the other articles are for measuring). Prints the sha256 of the
file, then `lemma<TAB>n<TAB>precision` for the lemmas that pass, most frequent first; the
lemmas kept in src/rashomon/read/data/reporting.tsv (marked `mined`) came from this output.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

from rashomon.read.nlp import get_nlp


def _hits(text: str, attributions: list[dict]) -> list[tuple[int, int]]:
    return [tuple(f) for g in attributions for f in g["content"]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear")
    ap.add_argument("--min-n", type=int, default=12)
    ap.add_argument("--min-precision", type=float, default=0.9)
    args = ap.parse_args(argv)
    raw = Path(args.polnear).read_bytes()
    print(f"# sha256 {hashlib.sha256(raw).hexdigest()}", file=sys.stderr)
    arts = [a for a in json.loads(raw)["articles"] if a["split"] == "train"]
    seen: collections.Counter[str] = collections.Counter()
    good: collections.Counter[str] = collections.Counter()
    nlp = get_nlp()
    for art, doc in zip(arts, nlp.pipe(a["text"] for a in arts), strict=True):
        gold = _hits(art["text"], art["attributions"])
        for sent in doc.sents:
            on_gold = any(s < sent.end_char and sent.start_char < e for s, e in gold)
            lemmas = {t.lemma_.lower() for t in sent if t.pos_ in ("VERB", "AUX")
                      and any(c.dep_ == "nsubj" for c in t.children)}
            for lem in lemmas:
                seen[lem] += 1
                good[lem] += on_gold
    for lem, n in seen.most_common():
        if n >= args.min_n and good[lem] / n >= args.min_precision:
            print(f"{lem}\t{n}\t{good[lem] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
