"""Turn input files into raw articles: .txt, .html/.htm, .jsonl, and folders of them.

Each reader yields ``RawArticle`` values or ``IngestError`` values (never raises for bad input),
so one broken file or line never stops the rest of a batch.

Size policy (every byte is hostile, and reading is not linear in length):

- a .txt or .html file over ``MAX_FILE_BYTES`` is refused unread;
- an article whose text is over ``MAX_TEXT_CHARS`` (before cleaning) is refused before cleaning, and
  ``rashomon.ingest.prepare`` refuses one over ``MAX_ARTICLE_CHARS`` after cleaning;
- a .jsonl file is streamed line by line (a million-line feed never sits in memory) and a line over
  ``MAX_LINE_BYTES`` is skipped with an error naming it.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Protocol

from charset_normalizer import from_bytes

from rashomon.errors import IngestError, Messages

SUPPORTED = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_FILE_BYTES = {"txt": 4 * 2**20, "html": 8 * 2**20}  # one article per file: beyond this it is not one
MAX_LINE_BYTES = 8 * 2**20  # one JSONL record
MAX_ARTICLE_CHARS = 100_000  # cleaned text (~15,000 words): longer is a report or a dump, not news
MAX_TEXT_CHARS = 4 * MAX_ARTICLE_CHARS  # raw text: cleaning cannot plausibly remove three quarters
MAX_FIELD_CHARS = 2_000  # title, outlet, source, url
EARLIEST_YEAR = 1900

_SURROGATES = re.compile(r"[\ud800-\udfff]")


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
        try:
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
        except OSError as e:
            yield IngestError(str(p), Messages.CANNOT_READ.format(err=e.strerror or e))


def scrub(text: str) -> str:
    """Lone UTF-16 surrogates (legal in JSON escapes, illegal in UTF-8) become U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _bom(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else the best single-byte guess."""
    if not data.strip():
        raise IngestError(path, Messages.EMPTY)
    enc = _bom(data)
    if enc:
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
    if kind == "jsonl":
        yield from read_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES[kind]:
            yield IngestError(
                name,
                Messages.FILE_TOO_LARGE.format(
                    size=size / 2**20, limit=MAX_FILE_BYTES[kind] // 2**20, kind=kind
                ),
            )
            return
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(name, Messages.CANNOT_READ.format(err=e.strerror or e))
        return
    try:
        text = decode(data, name)
    except IngestError as e:
        yield e
        return
    if not text.strip():
        yield IngestError(name, Messages.EMPTY)
        return
    if kind == "txt" and len(text) > MAX_TEXT_CHARS:
        yield IngestError(name, Messages.TEXT_TOO_LONG.format(n=len(text), limit=MAX_ARTICLE_CHARS))
        return
    yield RawArticle(body=scrub(text), is_html=kind == "html", source=path.name, path=name)


_STR_FIELDS = ("text", "html", "title", "source", "url", "outlet", "published")
_META_FIELDS = ("title", "source", "url", "outlet", "published")


def read_jsonl(path: Path) -> Iterator[RawArticle | IngestError]:
    """One article per line of a JSON Lines file, streamed; each bad line is an error naming its number."""
    name = str(path)
    try:
        f = path.open("rb")
    except OSError as e:
        yield IngestError(name, Messages.CANNOT_READ.format(err=e.strerror or e))
        return
    with f:
        try:
            head = f.read(8192)
            f.seek(0)
        except OSError as e:
            yield IngestError(name, Messages.CANNOT_READ.format(err=e.strerror or e))
            return
        if not head.strip():
            yield IngestError(name, Messages.EMPTY)
            return
        enc = _bom(head)
        if enc is None and b"\x00" in head:
            yield IngestError(name, Messages.BINARY)
            return
        stream: _LineSource = f
        if enc and enc != "utf-8-sig":  # UTF-16/32: re-encode to UTF-8 on the fly, still streaming
            stream = _Recoded(f, enc)
        elif enc:
            f.seek(3)
        for n, raw in _lines(stream, name):
            if isinstance(raw, IngestError):
                yield raw
                continue
            try:
                item = _jsonl_record(raw, path, n)
            except Exception as e:  # a reader bug must cost one line, not the rest of the file
                item = IngestError(name, Messages.UNEXPECTED.format(err=f"{type(e).__name__}: {e}"), line=n)
            if item is not None:
                yield item


class _LineSource(Protocol):
    """What line splitting needs of a byte stream: an open file, or one re-encoded to UTF-8."""

    def readline(self, size: int = -1, /) -> bytes: ...


def _lines(f: _LineSource, name: str) -> Iterator[tuple[int, bytes | IngestError]]:
    """Numbered lines (split on \\n only, as JSON Lines says), each at most MAX_LINE_BYTES."""
    n = 0
    while True:
        try:
            line = f.readline(MAX_LINE_BYTES + 1)
        except (OSError, UnicodeDecodeError) as e:
            yield n + 1, IngestError(name, Messages.CANNOT_READ.format(err=e), line=n + 1)
            return
        if not line:
            return
        n += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = f.readline(MAX_LINE_BYTES)
            yield (
                n,
                IngestError(name, Messages.JSON_LINE_TOO_LONG.format(limit=MAX_LINE_BYTES // 2**20), line=n),
            )
            continue
        yield n, line


class _Recoded(io.RawIOBase):
    """A UTF-16/32 byte stream read back as UTF-8 bytes, incrementally."""

    def __init__(self, f: IO[bytes], encoding: str) -> None:
        self._f = f
        self._dec = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._buf = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf and not self._eof:
            chunk = self._f.read(65536)
            self._eof = not chunk
            self._buf = self._dec.decode(chunk, final=self._eof).encode("utf-8", "surrogatepass")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def readline(self, size: int | None = -1) -> bytes:
        out = bytearray()
        limit = size if size is not None and size >= 0 else None
        while limit is None or len(out) < limit:
            if not self._buf:
                if self._eof:
                    break
                self.readinto(bytearray(0))
                if not self._buf:
                    break
            want = len(self._buf) if limit is None else min(len(self._buf), limit - len(out))
            i = self._buf.find(b"\n", 0, want)
            take = i + 1 if i >= 0 else want
            out += self._buf[:take]
            self._buf = self._buf[take:]
            if i >= 0:
                break
        return bytes(out)


def _jsonl_record(raw: bytes, path: Path, n: int) -> RawArticle | IngestError | None:
    name = str(path)
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return IngestError(
            name, Messages.JSON_LINE_ENCODING.format(err=f"byte {e.start}: {e.reason}"), line=n
        )
    try:
        obj = json.loads(line)
    except RecursionError:
        return IngestError(name, Messages.JSON_TOO_DEEP, line=n)
    except ValueError as e:
        return IngestError(name, Messages.JSON_LINE.format(err=e), line=n)
    if not isinstance(obj, dict):
        return IngestError(name, Messages.JSON_LINE.format(err=f"got {type(obj).__name__}"), line=n)
    bad = next((k for k in _STR_FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)), None)
    if bad:
        return IngestError(
            name, Messages.JSON_FIELD_TYPE.format(field=bad, kind=type(obj[bad]).__name__), line=n
        )
    long = next((k for k in _META_FIELDS if len(obj.get(k) or "") > MAX_FIELD_CHARS), None)
    if long:
        return IngestError(
            name,
            Messages.JSON_FIELD_TOO_LONG.format(field=long, n=len(obj[long]), limit=MAX_FIELD_CHARS),
            line=n,
        )
    text, html = obj.get("text"), obj.get("html")
    body = text if text and text.strip() else html
    if not body or not body.strip():
        return IngestError(name, Messages.JSON_NO_TEXT, line=n)
    is_html = body is html
    if len(body) > (MAX_FILE_BYTES["html"] if is_html else MAX_TEXT_CHARS):
        return IngestError(name, Messages.TEXT_TOO_LONG.format(n=len(body), limit=MAX_ARTICLE_CHARS), line=n)
    published = None
    if obj.get("published") and obj["published"].strip():
        try:
            published = parse_iso_date(obj["published"])
        except _ImplausibleDate as e:
            return IngestError(
                name, Messages.JSON_IMPLAUSIBLE_DATE.format(value=obj["published"], why=e), line=n
            )
        except ValueError:
            return IngestError(name, Messages.JSON_BAD_DATE.format(value=obj["published"]), line=n)

    def meta(k: str) -> str | None:
        v = obj.get(k)
        return scrub(v.strip()) if v and v.strip() else None

    return RawArticle(
        body=scrub(body),
        is_html=is_html,
        source=meta("source") or meta("url") or f"{path.name}:{n}",
        path=name,
        line=n,
        title=meta("title"),
        outlet=meta("outlet"),
        url=meta("url"),
        published=published,
    )


class _ImplausibleDate(ValueError):
    pass


def parse_iso_date(value: str) -> date:
    """YYYY-MM-DD (a longer ISO timestamp is cut to its day); years before 1900 or after next year
    are refused as implausible for a news article."""
    d = date.fromisoformat(value.strip()[:10])
    if not plausible_date(d):
        raise _ImplausibleDate(f"year {d.year} is outside {EARLIEST_YEAR}-{date.today().year + 1}")
    return d


def plausible_date(d: date) -> bool:
    """Could a news article carry this publication date?"""
    return EARLIEST_YEAR <= d.year <= date.today().year + 1
