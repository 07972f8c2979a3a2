"""The ``rashomon`` command. Every command is a thin shell over a function of the Python API."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rashomon.errors import RashomonError
from rashomon.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Rashomon: one record per real conflict event, every claim traced to who made it.")
# a pipe or a file gets wide lines rather than a table folded to 80 columns
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 220)
err = Console(stderr=True, highlight=False)

DbOpt = Annotated[str | None, typer.Option(
    "--db", envvar="RASHOMON_DB", show_envvar=True,
    help="SQLite file or postgresql:// URL (default: rashomon.db in the working directory).")]


SERVE_FACTORY = "rashomon.serve:app_from_environment"  # the web app, as uvicorn --factory imports it


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class Format(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


def _open(db: str | None) -> Store:
    return Store.open(db)


@app.command()
def ingest(
    inputs: Annotated[list[Path], typer.Argument(help=".txt, .html/.htm, .jsonl files and folders of them")],
    db: DbOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="only the summary line")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local: read on this machine's cores; ray: read in "
                                           "parallel on Ray (needs the ray extra)")] = Engine.local,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="reading processes (default: the "
                                                "number of cores; 1 reads in this process)")] = None,
    address: Annotated[str | None, typer.Option("--address", envvar="RAY_ADDRESS", help="Ray cluster to join "
                                                "(default: start a local one)")] = None,
) -> None:
    """Read articles into the database, then link and reconcile their events."""
    from rashomon.pipeline import ingest as run_ingest

    store = _open(db)
    show_bar = sys.stderr.isatty() and not quiet

    def on_error(e) -> None:
        err.print(f"error: {escape(str(e))}")

    if show_bar:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} read"),
                      TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            report = run_ingest(store, inputs, on_error=on_error, engine=engine.value, address=address,
                                workers=workers, on_item=lambda name: bar.update(task, advance=1, description=escape(name[-40:])))
    else:
        report = run_ingest(store, inputs, on_error=on_error, engine=engine.value, address=address,
                            workers=workers)
    out.print(report.summary())
    if report.failed or report.unread:
        raise typer.Exit(code=1)


@app.command()
def export(
    db: DbOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="json (the contract), csv (ACLED columns), geojson")] = Format.json,
    output: Annotated[str, typer.Option("--output", "-o", help="file to write, or - for standard output")] = "-",
) -> None:
    """Write the database as JSON (the export contract), ACLED-style CSV or GeoJSON."""
    from rashomon.export import write

    write(_open(db), format.value, output)


@app.command()
def events(
    db: DbOpt = None,
    historical: Annotated[bool, typer.Option(help="also list background events")] = False,
    limit: Annotated[int, typer.Option(help="at most this many rows")] = 200,
) -> None:
    """List events: date, type, place, counts, number of sources, disputed fields."""
    from rashomon.present.views import event_rows

    rows = event_rows(_open(db), include_historical=historical)[:limit]
    t = Table(show_lines=False)
    for col in ("id", "date", "type", "place", "counts", "sources", "disputed"):
        t.add_column(col, no_wrap=col in ("id", "date"))
    for r in rows:
        t.add_row(*(escape(str(r[k])) for k in ("id", "date", "type", "place", "counts", "sources", "disputed")))
    out.print(t)
    out.print(f"{len(rows)} event(s)")


@app.command()
def show(
    event: Annotated[str, typer.Argument(help="event id (a unique prefix is enough)")],
    db: DbOpt = None,
) -> None:
    """One event: why its mentions were merged, its counts and disputes, every claim by source."""
    from rashomon.present.views import event_detail

    store = _open(db)
    d = event_detail(store, event)
    if d is None:
        err.print(f"error: no event matches {escape(event)!r}")
        raise typer.Exit(code=2)
    e = d["event"]
    out.print(f"[bold]{escape(e['id'])}[/bold]  {escape(str(e['date']))}"
              f"{' .. ' + escape(str(e['date_end'])) if e['date_end'] else ''}  "
              f"{escape(e['event_type'])} / {escape(str(e['sub_event_type']))}")
    out.print(f"place: {escape(d['place'])}   actors: {escape(str(e['actor1']))} vs {escape(str(e['actor2']))}"
              f"{'   (historical)' if e['historical'] else ''}")
    out.print("\n[bold]Why these mentions are one event[/bold]")
    for line in e["explanation"]:
        out.print("  " + escape(line))
    if e["counts"]:
        out.print("\n[bold]Counts[/bold] (low / best / high)")
        for c in e["counts"]:
            whose = escape(c.get("party") or c["side"] or "?")
            out.print(f"  {c['kind']:9s} {whose:4s} {c['low']} / {c['best']} / "
                      f"{c['high'] if c['high'] is not None else 'open'}   claims: {', '.join(c['claims'])}")
    if e["disputes"]:
        out.print("\n[bold]Disputes[/bold]")
        for dp in d["disputes"]:
            out.print(f"  {escape(dp['field'])}:")
            for p in dp["positions"]:
                out.print(f"    {escape(str(p['value']))}: {escape(', '.join(p['sources']))}")
    out.print("\n[bold]Claims by source[/bold]")
    for src, claims in d["by_source"].items():
        out.print(f"  [bold]{escape(src)}[/bold]")
        for c in claims:
            out.print(f"    {escape('[' + c['stance'] + ']')} {escape(c['text'])}")
            out.print(f"        ({escape(c['document_source'])} {c['start']}-{c['end']}; fields: "
                      f"{escape(str(c['fields']))})")


@app.command()
def relink(db: DbOpt = None) -> None:
    """Re-link and re-reconcile every event from the stored mentions (after changing linking rules)."""
    from rashomon.pipeline import relink as run

    out.print(f"{run(_open(db))} event(s)")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
) -> None:
    """Serve the web UI and the HTTP API over the database."""
    import os

    import uvicorn

    from rashomon.store import database_url

    _open(db).close()  # a database that cannot be opened or migrated fails here, before the banner
    # uvicorn builds the app from the serve package's factory, which opens the database $RASHOMON_DB
    # names; the command line only starts the server (no import of the web layer here)
    os.environ["RASHOMON_DB"] = database_url(db)
    out.print(f"Rashomon is serving {escape(str(db or 'rashomon.db'))} at http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(SERVE_FACTORY, factory=True, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except RashomonError as e:
        err.print(f"error: {escape(str(e))}")
        sys.exit(2)


if __name__ == "__main__":
    main()
