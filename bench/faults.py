"""Fault injection: a batch of good and hostile files, `rashomon ingest` killed at random moments.

    .venv/bin/python bench/faults.py                 # 1,000 files, 5 kills
    .venv/bin/python bench/faults.py --files 300 --kills 3 --seed 7

Generates the batch in a temporary folder (short synthetic articles about several wars, in .txt,
.html and .jsonl, some in UTF-16 or Windows-1252, some deeply nested or truncated HTML; and bad
input: binary, empty, oversized, undecodable, non-English, broken JSON lines ...). It then runs
``rashomon ingest`` as a subprocess, SIGKILLs it at random moments ``--kills`` times, runs it once
more to completion and checks the database: every good document stored exactly once, nothing
partial, every mention linked, no event without mentions, SQLite integrity and foreign keys intact.
Prints: files, good documents expected, documents stored, duplicates, errors reported, crashes
survived. Exits 1 when stored != expected, duplicates > 0 or any consistency check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASHOMON = ROOT / ".venv" / "bin" / "rashomon"

# --- the batch --------------------------------------------------------------------------------------

WARS = [
    (
        "Sudan",
        ["El Obeid", "Kadugli", "Nyala", "Wad Madani", "Sennar"],
        "the Sudanese army",
        "the Rapid Support Forces",
        "a local medical group",
    ),
    (
        "Ukraine",
        ["Kupiansk", "Pokrovsk", "Kherson", "Sumy", "Zaporizhzhia"],
        "Russian forces",
        "Ukrainian troops",
        "the regional governor",
    ),
    (
        "Myanmar",
        ["Lashio", "Myawaddy", "Hpakant", "Mindat", "Kalay"],
        "the military junta",
        "the Arakan Army",
        "a resistance spokesman",
    ),
    (
        "Mali",
        ["Gao", "Timbuktu", "Kidal", "Mopti", "Segou"],
        "jihadist fighters",
        "the Malian army",
        "a security source",
    ),
    (
        "Colombia",
        ["Cauca", "Arauca", "Catatumbo", "Tumaco", "Jamundi"],
        "FARC dissidents",
        "the Colombian army",
        "the Defence Ministry",
    ),
    (
        "Ethiopia",
        ["Gondar", "Bahir Dar", "Lalibela", "Debre Markos", "Woldia"],
        "Fano militiamen",
        "federal forces",
        "a hospital official",
    ),
    (
        "Syria",
        ["Idlib", "Aleppo", "Deir ez-Zor", "Hama", "Daraa"],
        "government aircraft",
        "opposition fighters",
        "a war monitor",
    ),
]
VERBS = ["attacked", "shelled", "ambushed", "raided", "struck"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

HOSTILE_TEXT = {
    "ru": "Министерство обороны сообщило, что в результате обстрела погибли {n} мирных жителя. "
    "Ещё несколько человек получили ранения, сообщили местные власти.",
    "hy": "Հայաստանի պաշտպանության նախարարությունը հայտնել է, որ հակառակորդը կրակ է բացել {n} "
    "սահմանային դիրքերի ուղղությամբ։ Զոհեր չկան։",
    "az": "Azərbaycan Müdafiə Nazirliyi bildirib ki, düşmən {n} mövqelərimizi atəşə tutub. Bölmələrimiz "
    "cavab atəşi ilə düşmənin fəallığını susdurub. Hərbçilərimiz arasında itki yoxdur.",
}


def article(rng: random.Random, i: int) -> tuple[str, str]:
    """A short, distinct synthetic news article (title, body)."""
    country, towns, a1, a2, src = rng.choice(WARS)
    town = rng.choice(towns)
    n, w = rng.randint(2, 60), rng.randint(1, 40)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2024)
    title = f"{n} killed as {a1} {rng.choice(VERBS)} positions near {town} (report {i})"
    body = (
        f"{a1[0].upper() + a1[1:]} {rng.choice(VERBS)} {a2} near {town}, {country}, on {rng.choice(DAYS)}, "
        f"{month} {day}, {year}, killing {n} people and wounding {w}, {src} said.\n\n"
        f"Residents said the fighting lasted for {rng.randint(2, 12)} hours. "
        f"{a2[0].upper() + a2[1:]} did not comment on the report, numbered {i} in this batch."
    )
    return title, body


@dataclass
class Batch:
    files: int = 0
    good: set[str] = field(default_factory=set)  # the source each good document will carry
    bad: int = 0  # errors an uninterrupted run must report (bad files and bad JSONL lines)
    repeats: int = 0  # good articles present twice (stored once, skipped the second time)


def make_batch(folder: Path, n_files: int = 1000, seed: int = 0, big_file: bool = True) -> Batch:  # noqa: C901 (to split: issue 18)
    """Write about ``n_files`` files under ``folder``; return what an ingest of them must produce."""
    rng = random.Random(seed)
    b = Batch()
    folder.mkdir(parents=True, exist_ok=True)
    n_jsonl = max(2, n_files // 50)
    n_bad = n_files * 2 // 5
    n_good = n_files - n_bad - n_jsonl
    i = 0

    def put(name: str, data: bytes | str, good: bool, enc: str = "utf-8") -> None:
        nonlocal i
        p = folder / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode(enc))
        b.files += 1
        if good:
            b.good.add(p.name)
        else:
            b.bad += 1

    for k in range(n_good):
        i += 1
        title, body = article(rng, i)
        style = k % 10
        if style < 6:
            put(f"good_{i:05d}.txt", f"{title}\n\n{body}\n\nFollow us on Twitter and Facebook\n", True)
        elif style == 6:
            put(f"good_{i:05d}.txt", f"{title}\n\n{body}\n", True, enc="utf-16")  # with BOM
        elif style == 7:
            put(f"good_{i:05d}.txt", f"{title}\n\n{body} Caf\u00e9 owners fled.\n", True, enc="cp1252")
        elif style == 8:
            depth = rng.choice([10, 300, 3000])
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            html = (
                f"<html><head><title>{title}</title></head><body>"
                + "<div>" * depth
                + paras
                + "</div>" * depth
                + "</body></html>"
            )
            put(f"good_{i:05d}.html", html, True)
        else:  # truncated mid-tag
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            put(
                f"good_{i:05d}.html",
                f"<html><head><title>{title}</title></head><body><article>{paras}<p cl",
                True,
            )
    # a few exact repeats of good articles under other names: stored once
    for k in range(min(5, n_good)):
        src = folder / sorted(b.good)[k]
        put(f"repeat_{k}_{src.name}", src.read_bytes(), False)
        b.bad -= 1
        b.repeats += 1

    bad_kinds = [
        "binary",
        "empty",
        "blank",
        "garbage",
        "ru1251",
        "ru16",
        "hy",
        "az",
        "script",
        "chrome",
        "numbers",
        "deep_empty",
    ]
    for k in range(n_bad - min(5, n_good) - (1 if big_file else 0)):
        i += 1
        kind = bad_kinds[k % len(bad_kinds)]
        n = rng.randint(2, 99)
        data: bytes | str
        ext = "txt"
        if kind == "binary":
            data = bytes(rng.randrange(256) for _ in range(512)) + b"\x00\x00"
        elif kind == "empty":
            data = b""
        elif kind == "blank":
            data = " \n\t \r\n" * rng.randint(1, 50)
        elif kind == "garbage":
            data = bytes(rng.randrange(0x80, 0xA0) for _ in range(400))  # C1 controls: no text at all
        elif kind == "ru1251":
            data = HOSTILE_TEXT["ru"].format(n=n).encode("cp1251")
        elif kind == "ru16":
            data = HOSTILE_TEXT["ru"].format(n=n).encode("utf-16")
        elif kind in ("hy", "az"):
            data = HOSTILE_TEXT[kind].format(n=n)
        elif kind == "script":
            ext, data = "html", f"<html><head><script>var x={n};</script></head><body></body></html>"
        elif kind == "chrome":
            data = f"Share this article\n\nLeave a Reply\n\nSubscribe to our newsletter {n}\n"
        elif kind == "numbers":
            data = " ".join(str(rng.randint(0, 10**6)) for _ in range(50))
        else:
            ext, data = "html", "<div>" * 5000 + "</div>" * 5000
        put(f"bad_{i:05d}_{kind}.{ext}", data, False)
    if big_file:  # a 50 MB article: refused by size, never read
        i += 1
        with open(folder / f"bad_{i:05d}_huge.txt", "wb") as f:
            line = b"Government troops clashed with rebels near the town on Monday, the army said.\n"
            f.write(line * (50 * 2**20 // len(line)))
        b.files += 1
        b.bad += 1

    for k in range(n_jsonl):
        lines: list[str] = []
        name = f"feed_{k:03d}.jsonl"
        for ln in range(1, 11):
            i += 1
            title, body = article(rng, i)
            kind = (k + ln) % 10
            if kind < 5:
                rec = {
                    "text": body,
                    "title": title,
                    "source": f"{name}#{ln}",
                    "published": "2023-05-0" + str(kind + 1),
                }
                lines.append(json.dumps(rec))
                b.good.add(rec["source"])
                continue
            b.bad += 1
            if kind == 5:
                lines.append('{"text": "' + body[:40])  # truncated JSON
            elif kind == 6:
                lines.append(json.dumps({"text": body, "published": rng.choice(["0025-01-01", "May 32"])}))
            elif kind == 7:
                lines.append(json.dumps({"text": ["not", "a", "string"], "title": title}))
            elif kind == 8:
                lines.append(json.dumps({"title": title}))  # no text
            else:
                lines.append("[" * 100000 + "]" * 100000)  # nested past the JSON parser's recursion
        lines.insert(3, "")  # blank lines are skipped, not errors
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        b.files += 1
    return b


# --- running and killing ----------------------------------------------------------------------------


def stored_count(db: Path) -> int:
    """Documents committed so far (0 while the database does not exist yet)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def run_ingest(folder: Path, db: Path, when=None) -> tuple[bool, float, str]:
    """One ``rashomon ingest``, SIGKILLed as soon as ``when(elapsed_s, stored_documents)`` is true
    (never, when ``when`` is None). Returns (killed?, elapsed seconds, stderr)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [str(RASHOMON), "ingest", str(folder), "--db", str(db), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        t0 = time.monotonic()
        killed = False
        while proc.poll() is None:
            if when is not None and when(time.monotonic() - t0, stored_count(db)):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                killed = True
                break
            time.sleep(0.05)
        err.seek(0)
        return killed, time.monotonic() - t0, err.read().decode("utf-8", "replace")


def check(db: Path) -> dict[str, int | str]:
    """Facts about the database, read with plain sqlite3 (not through Rashomon)."""
    con = sqlite3.connect(db)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "integrity": q("PRAGMA integrity_check")[0][0],
            "foreign_key_violations": len(q("PRAGMA foreign_key_check")),
            "documents": q("SELECT count(*) FROM documents")[0][0],
            "duplicates": q(
                "SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM documents GROUP BY source)"
            )[0][0]
            + q("SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM documents GROUP BY text)")[0][0],
            "unlinked_mentions": q("SELECT count(*) FROM mentions WHERE event_id IS NULL")[0][0],
            "events": q("SELECT count(*) FROM events")[0][0],
            "empty_events": q(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM mentions m WHERE m.event_id = e.id)"
            )[0][0],
            "orphan_claims": q(
                "SELECT count(*) FROM claims c WHERE NOT EXISTS "
                "(SELECT 1 FROM documents d WHERE d.id = c.document_id)"
            )[0][0],
        }
    finally:
        con.close()


def stored_sources(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT source FROM documents")}
    finally:
        con.close()


def faults(
    folder: Path,
    db: Path,
    kills: int,
    seed: int,
    expected: int,
    window: tuple[float, float] = (3.0, 25.0),
    log=print,
) -> dict[str, int | str]:
    """Kill the ingest ``kills`` times, then let it finish; the figures. The kills mix three kinds of
    moment: a random time in ``window``, a random number of newly stored documents, and (the last
    one) a random instant after every document is stored, while the run re-dates and links."""
    rng = random.Random(seed)
    survived = 0
    for k in range(kills):
        before = stored_count(db)
        if k == kills - 1:
            delay = rng.uniform(0.0, 3.0)
            seen: list[float] = []
            what = f"{delay:.1f}s into linking"

            def when(t: float, c: int, delay: float = delay, seen: list[float] = seen) -> bool:
                if c >= expected and not seen:
                    seen.append(t)
                return bool(seen) and t - seen[0] >= delay
        elif k % 2 == 0:
            at = rng.uniform(*window)
            what = f"at {at:.1f}s"

            def when(t: float, c: int, at: float = at) -> bool:
                return t >= at
        else:
            target = min(expected, before + rng.randint(1, max(1, (expected - before) // 2)))
            what = f"at {target} documents stored"

            def when(t: float, c: int, target: int = target) -> bool:
                return c >= target

        killed, took, _ = run_ingest(folder, db, when)
        if not killed:
            log(f"  run {k + 1}: finished before the kill ({what})")
            break
        survived += 1
        log(f"  run {k + 1}: SIGKILL {what} ({took:.1f}s); {stored_count(db)} documents stored so far")
    _, took, stderr = run_ingest(folder, db)
    log(f"  final run: {took:.1f}s")
    facts = check(db)
    facts["crashes survived"] = survived
    facts["errors reported"] = sum(1 for ln in stderr.splitlines() if ln.startswith("error:"))
    return facts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--window",
        type=float,
        nargs=2,
        default=(3.0, 25.0),
        metavar=("MIN_S", "MAX_S"),
        help="each kill lands at a uniform random time in this window after start",
    )
    ap.add_argument("--keep", help="generate the batch and database here instead of a temporary folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        folder, db = base / "batch", base / "faults.db"
        t0 = time.time()
        batch = make_batch(folder, args.files, args.seed)
        print(
            f"batch of {batch.files} files generated in {time.time() - t0:.1f}s; ingesting with "
            f"{args.kills} kills"
        )
        t0 = time.time()
        facts = faults(folder, db, args.kills, args.seed, len(batch.good), tuple(args.window))
        missing = batch.good - stored_sources(db)
        extra = stored_sources(db) - batch.good
        print(f"files                   {batch.files}")
        print(f"good documents expected {len(batch.good)}")
        print(f"documents stored        {facts['documents']}")
        print(f"duplicates              {facts['duplicates']}")
        print(f"errors reported         {facts['errors reported']} (expected {batch.bad})")
        print(f"crashes survived        {facts['crashes survived']}")
        print(
            f"consistency             integrity={facts['integrity']} fk_violations={facts['foreign_key_violations']} "
            f"unlinked_mentions={facts['unlinked_mentions']} empty_events={facts['empty_events']} "
            f"orphan_claims={facts['orphan_claims']} events={facts['events']}"
        )
        print(f"time                    {time.time() - t0:.1f}s")
        if missing or extra:
            print(f"missing: {sorted(missing)[:10]}  unexpected: {sorted(extra)[:10]}")
        ok = (
            facts["documents"] == len(batch.good)
            and not missing
            and not extra
            and facts["duplicates"] == 0
            and facts["integrity"] == "ok"
            and facts["foreign_key_violations"] == 0
            and facts["unlinked_mentions"] == 0
            and facts["empty_events"] == 0
            and facts["orphan_claims"] == 0
            and facts["errors reported"] == batch.bad
        )
        print("OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
