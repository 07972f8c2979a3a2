"""PolNeAR attribution measures on the train halves, in process, with the parses cached.

    .venv/bin/python bench/polnear_halves.py A|B|dev [--data ../shared/dev] [--limit N]
                                             [--cache /tmp/polnear-parses] [--dump FILE]

A and B are the `train` articles sorted by id, even and odd positions (tune on one, confirm on the
other); dev is every article that is not `train` (what benchmarks.py measures). Each article is
cleaned as ingest cleans it (rashomon.ingest.prepare), parsed once (spaCy DocBin under --cache,
reused on later runs), read (rashomon.read), and its claims scored by shared/eval/polnear.score,
so the figures are benchmarks.py's (checked on dev at 7adc87f: identical). --dump writes, for
every recalled gold attribution with a source, the gold source, its aliases, the claim chosen and
the source it was given.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
from pathlib import Path

from spacy.tokens import Doc, DocBin

from rashomon.ingest import prepare
from rashomon.ingest.readers import RawArticle
from rashomon.model import Document
from rashomon.read import _read
from rashomon.read.nlp import get_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _articles(data: Path, half: str) -> list[dict]:
    arts = json.loads((data / "polnear.json").read_text(encoding="utf-8"))["articles"]
    if half == "dev":
        return [a for a in arts if a["split"] != "train"]
    train = sorted((a for a in arts if a["split"] == "train"), key=lambda a: a["id"])
    return train[0::2] if half == "A" else train[1::2]


def _document(a: dict) -> Document | None:
    pub = dt.date.fromisoformat(a["published"][:10]) if a.get("published") else None
    d = prepare(RawArticle(body=a["text"], is_html=False, source=a["id"], path=a["id"], title=a["title"],
                           outlet=a["outlet"], published=pub))
    return d if isinstance(d, Document) else None


def parsed(everything: list[dict], half: str, cache: Path) -> list[tuple[Document, Doc]]:
    """The half's articles, cleaned, with their parses (cached under ``cache`` after the first run)."""
    docs = [d for d in map(_document, everything) if d is not None]
    nlp = get_nlp()
    cached = cache / f"{half}.spacy"  # the parses of every article of the half, in order
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for sdoc in nlp.pipe((d.text for d in docs), batch_size=16):
            bin_.add(sdoc)
        cached.write_bytes(bin_.to_bytes())
    sdocs = list(DocBin().from_bytes(cached.read_bytes()).get_docs(nlp.vocab))
    return list(zip(docs, sdocs, strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("half", choices=["A", "B", "dev"])
    ap.add_argument("--data", type=Path, default=SHARED / "dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/polnear-parses"))
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import polnear  # shared/eval/polnear.py: the benchmark's own scorer

    everything = _articles(args.data, args.half)
    arts = everything[: args.limit]
    keep = {a["id"] for a in arts}
    claims: dict[str, list[dict]] = collections.defaultdict(list)
    texts = {}
    for d, sdoc in parsed(everything, args.half, args.cache):
        if d.source not in keep:
            continue
        texts[d.source] = d.text
        for c in _read(d, sdoc).claims:
            claims[d.source].append({"start": c.start, "end": c.end, "text": c.text, "stance": c.stance,
                                     "source": {"name": c.source.name, "kind": c.source.kind}})
    res = polnear.score(arts, texts, claims)
    for k, v in res.items():
        print(f"{args.half}.{k:36s} {v:.3f}" if isinstance(v, float) else f"{args.half}.{k:36s} {v}")
    if args.dump:
        args.dump.write_text(json.dumps(_dump(polnear, arts, texts, claims), indent=0), encoding="utf-8")
    return 0


def _dump(polnear, arts: list[dict], texts: dict[str, str], claims: dict[str, list[dict]]) -> list[dict]:
    out = []
    for a in arts:
        text, cl, clean = a["text"], claims.get(a["id"], []), texts.get(a["id"])
        if clean is None:
            continue
        mapf = (lambda x, y: (x, y)) if clean == text else polnear.Alignment(text, clean).span
        for g in a["attributions"]:
            content = [s for s in (mapf(x, y) for x, y in g["content"]) if s]
            ov = [(polnear._overlap(c["start"], c["end"], content), i) for i, c in enumerate(cl)]
            ov = [x for x in ov if x[0] > 0]
            if not g["source"] or not ov:
                continue
            best = cl[max(ov)[1]]
            gold = " ".join(text[x:y] for x, y in g["source"])
            out.append({"id": a["id"], "kind": g["source_kind"], "gold": gold, "aliases": g["aliases"],
                        "ok": polnear.source_matches(best["source"]["name"], gold, g["aliases"], g["source_kind"]),
                        "got": best["source"]["name"], "got_kind": best["source"]["kind"], "claim": best["text"],
                        "cue": " ".join(text[x:y] for x, y in g["cue"]),
                        "content": " ".join(text[x:y] for x, y in g["content"])[:300],
                        "context": text[max(0, g["source"][0][0] - 400) : g["source"][0][0]]})
    return out


if __name__ == "__main__":
    raise SystemExit(main())
