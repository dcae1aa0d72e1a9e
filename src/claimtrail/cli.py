"""Command line: each verb parses arguments and calls the library function of the same name."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import click

from . import __version__
from .analyze import analyze_many
from .cli_train import eval_group, train_group
from .errors import ClaimtrailError, OptionError
from .failures import Failure
from .ingest.inputs import check_keys
from .ingest.recordmeta import RecordKeys
from .options import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, AnalyzeOptions, parse_date
from .output import StatusLine, error_line
from .records import Analysis
from .store.render import output_options


def _fail(err: ClaimtrailError) -> None:
    click.echo(error_line(err), err=True)


def expand_inputs(inputs: tuple[str, ...]) -> list[str | Failure]:
    """Files, URLs and ``-`` as given; a folder becomes its article and record files, sorted
    (hidden folders and virtual environments skipped); an empty folder is a Failure."""
    from .ingest.inputs import expand_inputs as expand

    return list(expand(inputs))


ANALYZE_HELP = """Analyse news articles: who says what happened, to whom, where and when.

\b
INPUTS (any number, any mix; with none, stdin is read when it is piped):
  FILE.txt / .md / .html / .htm   one article (HTML: the main text via trafilatura)
  FOLDER      its article and record files, recursively, sorted; hidden folders,
              virtual environments, site-packages and node_modules are skipped;
              a folder with nothing to analyse is an error (E005), never stdin
  FILE.jsonl / .ndjson   one article per JSON object per line
  FILE.csv    one article per row under a header row (UTF-8)
  FILE.rss / .atom / .xml   RSS or Atom feed: one article per item (link, title,
              date, and the content or else the summary; HTML goes through extraction)
  FILE.warc / .warc.gz   the HTML responses of a web archive, one article each
              (requests, metadata, non-HTML and non-2xx responses skipped)
  URL         an http(s) address, fetched within a deadline and a size cap
  -           standard input

\b
JSON lines and CSV fields: the text is under --text-key (default "text"); title,
date, url, outlet and id come from --title-key, --date-key, --url-key,
--outlet-key, --id-key, or else from fields named title/headline, date/published,
url/link, outlet and id when present. A record's own metadata wins over
--title/--url/--outlet/--published, which fill the gaps.

\b
OUTPUT, one analysis per article (JSON lines when piped, a report on a terminal):
  article     text, metadata and where it came from (path, record, record_id)
  structure   headline, dateline, byline, paragraphs, and what was set apart
  entities    people, organisations, places, groups, weapons, with mentions
  times       time expressions resolved to calendar dates
  sources     who is quoted or cited, and how
  claims      what each source says, with cue, stance and hedging
  events      who did what to whom, where and when (PLOVER-style types)
  techniques  persuasion techniques in the text

\b
A bad input, or one bad record of a file, is a failure of that item alone: the
batch goes on. Failures go to stderr, or with --failures inline into the JSON
output as {"ok": false, "source", "record", "code", "error"} lines, or as JSON
lines into a file (--failures FILE). Each article has --timeout-per-article
seconds (0: no limit); a slower one fails with E050.

\b
Exit status: 0 every input analysed; 1 some inputs or records failed (the others
are printed); 2 a usage, option or model error; 130 interrupted (Ctrl-C).
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimtrail")
def cli() -> None:
    """claimtrail: who says what happened, to whom, where and when — and how sure they are."""


@cli.command("analyze", help=ANALYZE_HELP)
@click.argument("inputs", nargs=-1)
@click.option("--published", help="Publication date, YYYY-MM-DD; anchors relative dates.")
@click.option("--outlet", help="Name of the outlet that published the article.")
@click.option("--url", "url", help="The article's address, for the record.")
@click.option("--title", help="The article's title (default: from the HTML, or a short first line).")
@click.option("--model", help="spaCy model package to use (default: best installed en_core_web_*).")
@click.option("--language", help="Declare the language instead of detecting it (e.g. en).")
@click.option("--encoding", help="Encoding of text input that is not UTF-8 (e.g. cp1252).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs (and single records of JSON lines, CSV, feed and WARC files) "
                   "larger than this.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse articles whose text is longer than this (parser memory grows with it).")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]),
              help="json: one JSON object per article per line (default when piped); "
                   "text: a readable report (default on a terminal).")
@click.option("--indent", type=click.IntRange(min=0), default=None,
              help="Indent JSON output by this many spaces.")
@click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True,
              help="Articles parsed together (nlp.pipe).")
@click.option("--text-key", default="text", show_default=True,
              help="JSON lines / CSV: the field that holds the article text.")
@click.option("--title-key", help="JSON lines / CSV: the title field (default: title or headline).")
@click.option("--date-key", help="JSON lines / CSV: the publication date field, YYYY-MM-DD or "
                                 "RFC 822 (default: date or published).")
@click.option("--url-key", help="JSON lines / CSV: the URL field (default: url or link).")
@click.option("--outlet-key", help="JSON lines / CSV: the outlet field (default: outlet).")
@click.option("--id-key", help="JSON lines / CSV: the record's own id, kept as record_id "
                               "(default: id).")
@click.option("--failures", "failures_to", default="stderr", show_default=True,
              metavar="stderr|inline|FILE",
              help="Where failures go: stderr lines; inline as {\"ok\": false, ...} JSON lines "
                   "among the results (JSON output only); or JSON lines into FILE.")
@click.option("--timeout-per-article", type=click.FloatRange(min=0), default=120.0,
              show_default=True,
              help="Seconds one article may take to be parsed, and again to be analysed; a slower "
                   "one fails (E050) and the batch goes on. 0: no limit.")
def analyze_cmd(inputs: tuple[str, ...], published: str | None, outlet: str | None,
                url: str | None, title: str | None, model: str | None, language: str | None,
                encoding: str | None, max_bytes: int, max_chars: int, fmt: str | None, indent: int | None,
                batch_size: int, text_key: str, title_key: str | None, date_key: str | None,
                url_key: str | None, outlet_key: str | None, id_key: str | None, failures_to: str,
                timeout_per_article: float) -> None:
    try:
        _analyze(inputs, AnalyzeRun(
            published=published, outlet=outlet, url=url, title=title, model=model, language=language,
            encoding=encoding, max_bytes=max_bytes, max_chars=max_chars, fmt=fmt, indent=indent,
            batch_size=batch_size, keys=RecordKeys(text_key, title_key, date_key, url_key, outlet_key,
                                                   id_key),
            failures_to=failures_to, timeout=timeout_per_article))
    except KeyboardInterrupt:
        click.echo("\nclaimtrail: interrupted", err=True)
        sys.exit(130)


@dataclass(frozen=True, slots=True)
class AnalyzeRun:
    """The analyze command's options, as given."""

    published: str | None
    outlet: str | None
    url: str | None
    title: str | None
    model: str | None
    language: str | None
    encoding: str | None
    max_bytes: int
    max_chars: int
    fmt: str | None
    indent: int | None
    batch_size: int
    keys: RecordKeys
    failures_to: str
    timeout: float


def _analyze(inputs: tuple[str, ...], run: AnalyzeRun) -> None:
    fmt = run.fmt or ("text" if sys.stdout.isatty() else "json")
    sink: FailureSink | None = None
    try:
        if not run.keys.text.strip():
            raise OptionError("--text-key cannot be empty")
        options = AnalyzeOptions(
            published=parse_date(run.published) if run.published else None, outlet=run.outlet,
            url=run.url, title=run.title, model=run.model, language=run.language,
            encoding=run.encoding, max_bytes=run.max_bytes, max_chars=run.max_chars,
        )
        sources = expand_inputs(inputs)
        if not inputs:
            if sys.stdin.isatty():
                raise click.UsageError("give a file, folder, URL or - (stdin) to analyse")
            sources = ["-"]
        check_keys(sources, run.keys, run.max_bytes)
        sink = FailureSink(run.failures_to, fmt, run.indent)
        from .nlp import load_pipeline

        nlp = load_pipeline(run.model)
        results = analyze_many(sources, options, nlp=nlp, batch_size=run.batch_size, keys=run.keys,
                               timeout_per_article=run.timeout)
    except ClaimtrailError as err:
        if sink:
            sink.close()
        _fail(err)
        sys.exit(2)
    progress = Progress(sys.stderr.isatty())
    analysed = failed = 0
    try:
        for result in results:
            progress.clear()  # a progress line never shares a line with the report or a message
            if isinstance(result, Failure):
                failed += 1
                sink.write(result)
            else:
                analysed += 1
                click.echo(_render(result, fmt, run.indent))
            progress.count(analysed, failed)
    finally:
        progress.clear()
        sink.close()
    if analysed + failed > 1 or (failed and sink.where):
        note = f" (failures in {sink.where})" if failed and sink.where else ""
        click.echo(f"claimtrail: {analysed} analysed, {failed} failed{note}", err=True)
    sys.exit(1 if failed else 0)


class FailureSink:
    """Where failures go: stderr lines, JSON lines among the results, or JSON lines in a file."""

    def __init__(self, target: str, fmt: str, indent: int | None) -> None:
        self.mode = target if target in ("stderr", "inline") else "file"
        self.indent = indent
        self.where: str | None = None
        self.file: TextIO | None = None
        if self.mode == "inline" and fmt != "json":
            raise OptionError("--failures inline puts JSON lines among the results; it needs "
                              "--format json (or give --failures FILE)")
        if self.mode == "file":
            try:
                self.file = Path(target).open("w", encoding="utf-8")  # noqa: SIM115 closed by close()
            except OSError as err:
                raise OptionError(f"--failures {target}: cannot write there "
                                  f"({err.strerror or err})") from None
            self.where = target

    def write(self, failure: Failure) -> None:
        from .output import json_line, safe_for_terminal

        if self.mode == "stderr":
            where = "" if failure.source in failure.message else f"{failure.source}: "
            click.echo(safe_for_terminal(f"claimtrail: {where}{failure.message}"), err=True)
        elif self.mode == "inline":
            click.echo(json_line(failure.as_dict(), self.indent))
        elif self.file:
            self.file.write(json_line(failure.as_dict()) + "\n")
            self.file.flush()

    def close(self) -> None:
        if self.file:
            self.file.close()
            self.file = None


class Progress(StatusLine):
    """A count on one stderr line, on a terminal only; cleared before anything else is printed."""

    def __init__(self, enabled: bool) -> None:
        super().__init__(sys.stderr, enabled)

    def count(self, analysed: int, failed: int) -> None:
        self.show(f"analysing: {analysed} done, {failed} failed")


def _render(result: Analysis, fmt: str, indent: int | None) -> str:
    data = result.as_dict()
    if fmt == "text":
        from .report import render_text

        return render_text(data)
    from .output import json_line

    return json_line(data, indent)


INGEST_HELP = """Analyse articles into a corpus file (DuckDB) for 'claimtrail sql' or any
DuckDB client.

INPUTS: as for 'claimtrail analyze' (files, folders, JSON lines, CSV, feeds, WARC, URLs, -),
with the same options to read them.

Articles already in the file are skipped (the id is a hash of the text and URL), so a rerun adds
only what is new and completes a run that was stopped: each batch is written in one transaction.
--reanalyze analyses again the articles stored by another claimtrail version. Articles not in
English are stored with their language, not analysed. Bad inputs and records go to the failures
table; the run goes on. One ingest writes a file at a time: a second is refused at once, or waits
(--wait). On a terminal a progress line shows the rates (and the ETA for plain files); at the
end a summary goes to stderr.

Exit status: 0 every article written or already present; 1 some failed (in the failures table);
2 a usage, option or model error, or the file busy with another ingest; 130 interrupted (Ctrl-C:
the batches in flight are lost; rerun to complete).
"""

# The options that read inputs, defined once on 'analyze' and shared with 'ingest'.
_READING_OPTIONS = ("published", "outlet", "model", "language", "encoding", "max_bytes", "max_chars",
                    "text_key", "title_key", "date_key", "url_key", "outlet_key", "id_key",
                    "timeout_per_article")


def _options_of(command: click.Command,
                names: tuple[str, ...]) -> Callable[[click.Command], click.Command]:
    """Give a command copies of another command's options (one definition, one help text)."""
    import copy

    def add(target: click.Command) -> click.Command:
        target.params.extend(copy.copy(p) for p in command.params if p.name in names)
        return target

    return add


@_options_of(analyze_cmd, _READING_OPTIONS)
@cli.command("ingest", help=INGEST_HELP)
@click.argument("inputs", nargs=-1)
@click.option("--db", default="claimtrail.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The corpus file (created when missing).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes that analyse, each loading the pipeline once (default: the cores; "
                   "1: this process).")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Articles analysed together (nlp.pipe) and written in one transaction "
                   "(default: 8).")
@click.option("--reanalyze", is_flag=True,
              help="Analyse again the articles stored by another claimtrail version.")
@click.option("--wait", is_flag=True,
              help="Wait while another ingest writes the file, instead of refusing at once.")
def ingest_cmd(inputs: tuple[str, ...], db: str, workers: int | None, batch_size: int | None,
               reanalyze: bool, wait: bool, **given: Any) -> None:
    from .store.ingest import DEFAULT_BATCH_SIZE, ProgressLine, ingest

    progress = ProgressLine(sys.stderr)
    try:
        if not inputs:
            if sys.stdin.isatty():
                raise click.UsageError("give files, folders, URLs or - (stdin) to ingest")
            inputs = ("-",)
        if not given["text_key"].strip():
            raise OptionError("--text-key cannot be empty")
        options = AnalyzeOptions(
            published=parse_date(given["published"]) if given["published"] else None,
            outlet=given["outlet"], model=given["model"], language=given["language"],
            encoding=given["encoding"], max_bytes=given["max_bytes"], max_chars=given["max_chars"])
        keys = RecordKeys(given["text_key"], given["title_key"], given["date_key"], given["url_key"],
                          given["outlet_key"], given["id_key"])
        summary = ingest(inputs, db, options=options, keys=keys, workers=workers,
                         batch_size=batch_size or DEFAULT_BATCH_SIZE, reanalyze=reanalyze, wait=wait,
                         timeout_per_article=given["timeout_per_article"],
                         progress=progress if sys.stderr.isatty() else None,
                         corpus_progress=(lambda msg: progress.show(f"corpus: {msg}"))
                         if sys.stderr.isatty() else None)
    except ClaimtrailError as err:
        progress.clear()
        _fail(err)
        sys.exit(2)
    except KeyboardInterrupt:
        progress.clear()
        click.echo("claimtrail: interrupted; the batches written are kept, rerun to complete",
                   err=True)
        sys.exit(130)
    progress.clear()
    listed = f"; 'claimtrail failures --db {db}' lists them" if summary.failed else ""
    click.echo(f"claimtrail: {summary.line()}, into {db}{listed}", err=True)
    if summary.corpus is not None:
        click.echo(f"claimtrail: corpus: {summary.corpus.line()}; 'claimtrail timeline --db {db}'"
                   " lists the events", err=True)
    if summary.corpus_error is not None:
        click.echo(f"claimtrail: [E065] the corpus update (origins, event clusters) failed: "
                   f"{summary.corpus_error}; the articles are stored, and the next 'claimtrail "
                   "ingest' tries the update again", err=True)
    sys.exit(1 if summary.failed or summary.corpus_error else 0)


@cli.command("models")
def models_cmd() -> None:
    """List the English spaCy models claimtrail can use, best first."""
    from .nlp.loader import PREFERRED, available_models, choose_model

    found = available_models()
    for name in PREFERRED:
        mark = "installed" if name in found else "-"
        click.echo(f"{name:<26} {mark}")
    try:
        click.echo(f"default: {choose_model()}")
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the analysis output."""
    from importlib import resources

    click.echo(resources.files("claimtrail").joinpath("schema", "analysis.schema.json")
               .read_text(encoding="utf-8"), nl=False)


def _corpus_query(db: str, fmt: str | None, query: Callable[[Any], list[dict[str, Any]]]) -> None:
    """Run one of the Corpus methods on ``--db`` and print its rows in the chosen format."""
    from .store import Corpus
    from .store.render import write_records

    try:
        records = query(Corpus(db))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    write_records(records, fmt)


@cli.command("sql")
@click.argument("query")
@output_options
def sql_cmd(query: str, db: str, fmt: str | None) -> None:
    """Run one read-only SQL query on a corpus (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN,
    PRAGMA table_info); statements that write or reach files are refused (exit 2)."""
    _corpus_query(db, fmt, lambda corpus: corpus.sql(query))


@cli.command("articles")
@output_options
def articles_cmd(db: str, fmt: str | None) -> None:
    """List the articles of a corpus, with their claims and events counted."""
    _corpus_query(db, fmt, lambda corpus: corpus.articles())


@cli.command("claims")
@click.option("--source", help="Only this source's claims: its name (any case) or its id.")
@click.option("--status", help="Only claims with this status (reported, hedged, denied, …).")
@output_options
def claims_cmd(source: str | None, status: str | None, db: str, fmt: str | None) -> None:
    """List the claims of a corpus: who says what, and how sure."""
    _corpus_query(db, fmt, lambda corpus: corpus.claims(source=source, status=status))


@cli.command("sources")
@output_options
def sources_cmd(db: str, fmt: str | None) -> None:
    """Who is cited in a corpus: claims and articles per source, and their statuses."""
    _corpus_query(db, fmt, lambda corpus: corpus.sources())


@cli.command("failures")
@output_options
def failures_cmd(db: str, fmt: str | None) -> None:
    """The inputs and records that could not be read or analysed, and why."""
    _corpus_query(db, fmt, lambda corpus: corpus.failures())


def _format_option(*choices: str, help: str = "Same as --table, --json or --csv."
                   ) -> Callable[[Any], Any]:
    """``--format`` beside the query verbs' --db, --json, --csv and --table."""
    def add(func: Any) -> Any:
        return click.option("--format", "format_", type=click.Choice(list(choices)),
                            help=help)(output_options(func))
    return add


_corpus_format = _format_option("table", "json", "csv")
_timeline_format = _format_option(
    "text", "table", "json", "csv", help="text: a block per event (default on a terminal); json: "
    "one object per event cluster per line (default when piped); table; csv.")


def _timeline_rows(records: list[dict[str, Any]], fmt: str | None) -> list[dict[str, Any]]:
    """A cluster as one flat row for a table or CSV; whole (reports and all) for JSON."""
    if (fmt or ("table" if sys.stdout.isatty() else "json")) == "json":
        return records
    rows = []
    for r in records:
        rows.append({
            "id": r["id"], "start": r["start"], "end": r["end"] if r["end"] != r["start"] else "",
            "type": r["type"] + (f"/{r['mode']}" if r.get("mode") else ""),
            "place": r["place"] or "",
            "actors": ", ".join(a["name"] for a in r["actors"][:2]),
            "recipients": ", ".join(a["name"] for a in r["recipients"][:2]),
            "origins": r["origins"], "articles": r["articles"],
            "flags": " ".join(r["flags"]),
            "contradictions": "; ".join(
                f"{c['field']}: " + " vs ".join(str(v["value"]) for v in c["values"])
                for c in r["contradictions"])})
    return rows


@cli.command("timeline")
@click.option("--actor", help="Only clusters with this actor: a name, a country (ISO-3) or an "
                              "entity id.")
@click.option("--place", help="Only clusters at this place, or in this country (ISO-3).")
@click.option("--type", "type_", help="Only this PLOVER type (ASSAULT, SANCTION, …).")
@click.option("--since", help="Only clusters that end on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only clusters that start on or before this date (YYYY-MM-DD).")
@click.option("--min-origins", type=click.IntRange(min=1),
              help="Only clusters reported by at least this many independent origins.")
@click.option("--all", "everything", is_flag=True,
              help="Also clusters that are no article's lead event (what its headline reports): "
                   "further events of an article, background mentions.")
@_timeline_format
def timeline_cmd(actor: str | None, place: str | None, type_: str | None, since: str | None,
                 until: str | None, min_origins: int | None, everything: bool, db: str,
                 fmt: str | None, format_: str | None) -> None:
    """The corpus's events in date order, one per event cluster: independent origins,
    flags (single_origin, anonymous_only, one_side, unsourced) and contradictions."""
    fmt = format_ or fmt or ("text" if sys.stdout.isatty() else "json")
    try:
        since_d = parse_date(since) if since else None
        until_d = parse_date(until) if until else None
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)

    def query(corpus: Any) -> list[dict[str, Any]]:
        return corpus.timeline(actor=actor, place=place, type=type_, since=since_d,  # type: ignore[no-any-return]
                               until=until_d, min_origins=min_origins, everything=everything)

    if fmt == "text":
        from .corpus.report import timeline_text
        from .store import Corpus

        try:
            clusters = query(Corpus(db))
        except ClaimtrailError as err:
            _fail(err)
            sys.exit(2)
        click.echo(timeline_text(clusters) if clusters else "no event clusters match", nl=not clusters)
        return
    _corpus_query(db, fmt, lambda corpus: _timeline_rows(query(corpus), fmt))


@cli.command("event")
@click.argument("cluster_id")
@_corpus_format
def event_cmd(cluster_id: str, db: str, fmt: str | None, format_: str | None) -> None:
    """Every report of one event cluster (an id from 'claimtrail timeline'): outlet, source,
    status and words, then the contradictions."""
    fmt = format_ or fmt
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")

    def rows(corpus: Any) -> list[dict[str, Any]]:
        cluster = corpus.event(cluster_id)
        if fmt == "json":
            return [cluster]
        if sys.stdout.isatty():
            click.echo(cluster["summary"])
        out = []
        for report in cluster["reports"]:
            said = report["said"] or [{"source": None, "status": None, "quote": None}]
            for s in said:
                out.append({"published": report["published"], "outlet": report["outlet"],
                            "origin": report["origin_id"], "main": report["main"],
                            "source": s["source"] or "the author", "status": s["status"],
                            "words": s["quote"] or report["trigger"]})
        for c in cluster["contradictions"]:
            for v in c["values"]:
                out.append({"published": "", "outlet": "CONTRADICTION", "origin": c["field"],
                            "main": "", "source": ", ".join(v["sources"]),
                            "status": str(v["value"]), "words": ", ".join(v["reports"])})
        return out

    _corpus_query(db, fmt, rows)


@cli.command("actors")
@click.option("--all", "everything", is_flag=True,
              help="Also clusters that are no article's lead event.")
@_corpus_format
def actors_cmd(everything: bool, db: str, fmt: str | None, format_: str | None) -> None:
    """Who acts on whom: actor → recipient pairs per PLOVER type across the event clusters,
    with clusters, articles and origins counted and the mean intensity (−10 to +10)."""
    _corpus_query(db, format_ or fmt, lambda corpus: corpus.actors(everything=everything))


@cli.command("export")
@click.option("--parquet", "directory", required=True, type=click.Path(file_okay=False),
              help="Write every table as DIR/<table>.parquet.")
@click.option("--db", default="claimtrail.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The corpus file.")
def export_cmd(directory: str, db: str) -> None:
    """Export every table of a corpus as Parquet files."""
    from .store import Corpus

    try:
        written = Corpus(db).export_parquet(directory)
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    for path in written:
        click.echo(str(path))


cli.add_command(eval_group)
cli.add_command(train_group)


def main() -> None:
    cli()
