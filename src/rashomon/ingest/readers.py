"""Turn input files into raw articles: .txt, .html/.htm, .jsonl, and folders of them.

Each reader yields ``RawArticle`` values or ``IngestError`` values (never raises for bad input),
so one broken file or line never stops the rest of a batch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from rashomon.errors import IngestError, Messages

SUPPORTED = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 64 * 1024 * 1024  # a single article beyond this is not an article


@dataclass
class RawArticle:
    """An article as read from its file, before cleaning."""

    body: str
    is_html: bool
    source: str
    path: str
    line: int | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def expand(inputs: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files as given, folders walked recursively (sorted, supported extensions only)."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUPPORTED and not f.startswith("."):
                        yield fp
        elif p.is_file():
            yield p
        else:
            yield IngestError(str(p), Messages.NOT_FOUND)


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else the best single-byte guess."""
    if not data.strip():
        raise IngestError(path, Messages.EMPTY)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise IngestError(path, f"{Messages.ENCODING} ({enc} BOM but {e.reason})") from e
    if b"\x00" in data[:8192]:
        raise IngestError(path, Messages.BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise IngestError(path, Messages.ENCODING)
    text = data.decode(best.encoding, errors="replace")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:20000])
    if printable < 0.95 * min(len(text), 20000):
        raise IngestError(path, Messages.BINARY)
    return text


def read_path(path: Path) -> Iterator[RawArticle | IngestError]:
    """Every article in one file."""
    name = str(path)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        yield IngestError(name, Messages.UNSUPPORTED_EXT.format(ext=path.suffix or "(none)"))
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield IngestError(name, f"file is {size // 2**20} MiB, over the {MAX_BYTES // 2**20} MiB limit")
            return
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(name, f"cannot read: {e.strerror or e}")
        return
    if kind == "jsonl":
        yield from _read_jsonl(data, path)
        return
    try:
        text = decode(data, name)
    except IngestError as e:
        yield e
        return
    if not text.strip():
        yield IngestError(name, Messages.EMPTY)
        return
    yield RawArticle(body=text, is_html=kind == "html", source=path.name, path=name)


_STR_FIELDS = ("text", "html", "title", "source", "url", "outlet", "published")


def _read_jsonl(data: bytes, path: Path) -> Iterator[RawArticle | IngestError]:
    name = str(path)
    try:
        text = decode(data, name)
    except IngestError as e:
        yield e
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            yield IngestError(name, Messages.JSON_LINE.format(err=e), line=n)
            continue
        if not isinstance(obj, dict):
            yield IngestError(name, Messages.JSON_LINE.format(err=f"got {type(obj).__name__}"), line=n)
            continue
        bad = next((k for k in _STR_FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)), None)
        if bad:
            yield IngestError(name, Messages.JSON_FIELD_TYPE.format(field=bad, kind=type(obj[bad]).__name__), line=n)
            continue
        body = obj.get("text") or obj.get("html")
        if not body or not body.strip():
            yield IngestError(name, Messages.JSON_NO_TEXT, line=n)
            continue
        published = None
        if obj.get("published"):
            try:
                published = parse_iso_date(obj["published"])
            except ValueError:
                yield IngestError(name, Messages.JSON_BAD_DATE.format(value=obj["published"]), line=n)
                continue
        yield RawArticle(
            body=body,
            is_html=not obj.get("text"),
            source=obj.get("source") or obj.get("url") or f"{path.name}:{n}",
            path=name,
            line=n,
            title=obj.get("title"),
            outlet=obj.get("outlet"),
            url=obj.get("url"),
            published=published,
        )


def parse_iso_date(value: str) -> date:
    """YYYY-MM-DD (a longer ISO timestamp is cut to its day); years before 1900 are refused."""
    d = date.fromisoformat(value.strip()[:10])
    if d.year < 1900:
        raise ValueError(f"year {d.year} is not plausible for a news article")
    return d
