"""The gazetteer's command line (``python -m rashomon.read.gazetteer``)."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.read.gazetteer.builder import build_index, index_path


def main(argv: Sequence[str] | None = None) -> int:
    """The gazetteer's command line (``python -m rashomon.read.gazetteer``)."""
    import argparse
    import time

    ap = argparse.ArgumentParser(prog="python -m rashomon.read.gazetteer", description=main.__doc__)
    ap.add_argument("--build", action="store_true", help="build the index if missing and print its path")
    ap.add_argument("--force", action="store_true", help="rebuild even when the index exists")
    args = ap.parse_args(argv)
    if not (args.build or args.force):
        print(index_path(build=False))
        return 0
    path = index_path(build=False)
    t0 = time.perf_counter()
    if args.force or not path.exists():
        build_index(path)
    for old in path.parent.glob("gazetteer-*.sqlite"):  # indexes of older package versions
        if old != path:
            old.unlink(missing_ok=True)
    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t0:.1f} s)")
    return 0

