"""The ingest job: read every input, skip what the store already holds, analyse the rest in
batches (in this process, or on worker processes that each load the pipeline once) and write
each batch in one transaction. The parent reads the inputs and is the only writer, so a crash,
``kill -9`` or Ctrl-C loses at most the batches in flight, and a rerun completes the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..errors import ClaimtrailError, ModelError, OptionError
from ..failures import Failure
from ..ingest.fetch import is_url_like
from ..ingest.inputs import check_keys, expand_inputs, kind_of, read_inputs
from ..ingest.language import SUPPORTED
from ..ingest.recordmeta import RecordKeys
from ..options import AnalyzeOptions
from ..output import StatusLine
from ..records import Analysis, Article

Result = Analysis | Failure
Run = Generator[tuple["Batch", list[Result]], None, None]
Progress = Callable[["IngestSummary"], None]
# 16 took a worker past 800 MB on long articles (817 MB at most); 8 peaked at 708 MB
DEFAULT_BATCH_SIZE = 8


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did: articles analysed and written, already present (skipped), stored
    without analysis as not English, failed (failures table); the words analysed, the seconds
    taken, and the number of inputs when it could be known beforehand (plain article files)."""

    analysed: int = 0
    skipped: int = 0
    not_english: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    total: int | None = None
    #: what the corpus update after the batches did (claimtrail.corpus.update.UpdateSummary)
    corpus: Any = None
    #: why the corpus update failed (E065), when it did: the articles are stored all the same
    corpus_error: str | None = None

    @property
    def done(self) -> int:
        return self.analysed + self.skipped + self.not_english + self.failed

    def rates(self) -> str:
        """``12.3 articles/s, 4,100 words/s`` (articles analysed)."""
        seconds = max(self.seconds, 1e-9)
        return f"{self.analysed / seconds:.1f} articles/s, {self.words / seconds:,.0f} words/s"

    def line(self) -> str:
        return (f"{self.analysed} analysed, {self.skipped} already present (skipped), "
                f"{self.not_english} not English, {self.failed} failed in {self.seconds:.1f} s "
                f"({self.rates()})")


@dataclass(slots=True)
class Batch:
    """Articles to analyse, and what is written with them in the same transaction."""

    articles: list[Article] = field(default_factory=list)
    unanalysed: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    replace: bool = False

    def __len__(self) -> int:
        return len(self.articles) + len(self.unanalysed) + len(self.failures)


def ingest(
    inputs: Iterable[str | Path],
    db: str | Path,
    *,
    options: AnalyzeOptions | None = None,
    keys: RecordKeys | None = None,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reanalyze: bool = False,
    wait: bool = False,
    timeout_per_article: float | None = None,
    progress: Progress | None = None,
    cluster: bool = True,
    corpus_progress: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Analyse ``inputs`` (anything :func:`claimtrail.ingest.read_inputs` reads) into the corpus
    file ``db``; articles already stored are skipped, unless ``reanalyze`` and an older claimtrail
    version stored them. Articles not in English are stored unanalysed. Each batch of
    ``batch_size`` articles is one transaction. ``workers`` processes (default: the cores; 1:
    this process) analyse; ``timeout_per_article`` seconds (None or 0: no limit) stops a slow
    article as a failure. ``progress`` is called with the running totals after each batch.
    Then, unless ``cluster`` is false, the corpus layer is brought up to date (origins and event
    clusters of the new articles; ``corpus_progress`` gets a line per step) and the summary's
    ``corpus`` tells what it did.

    Raises :class:`~claimtrail.errors.StoreBusy` when another writer holds ``db`` (unless
    ``wait``), OptionError or ModelError before anything is read.
    """
    from ..nlp.loader import choose_model
    from . import Writer

    workers = (os.cpu_count() or 1) if workers is None else workers
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    _check(workers, batch_size, timeout_per_article)
    options = (options or AnalyzeOptions()).with_(other_languages="keep")
    keys = keys or RecordKeys()
    sources, total = _expand(inputs)
    check_keys(sources, keys, options.max_bytes)
    choose_model(options.model)
    tally = _Tally(total, progress)
    with Writer(db, wait=wait) as writer:
        planned = _plan(read_inputs(sources, options, keys), writer, batch_size, reanalyze, tally)
        if workers == 1:
            runner = _in_process(planned, options, timeout_per_article)
        else:
            runner = _in_workers(planned, options, timeout_per_article, workers)
        with closing(runner):
            for batch, results in runner:
                analyses = [r for r in results if isinstance(r, Analysis)]
                failures = batch.failures + [r for r in results if isinstance(r, Failure)]
                writer.write_batch(analyses, batch.unanalysed, failures, replace=batch.replace)
                tally.add(analyses, len(batch.unanalysed), len(failures))
        summary = tally.summary()
        if cluster:
            try:
                summary = replace(summary, corpus=writer.update_corpus(corpus_progress))
            except (ClaimtrailError, OSError, RuntimeError, ValueError, MemoryError) as err:
                # (the batches are committed; the update rolled back, and the next ingest
                # takes it up again for every article it has not placed)
                summary = replace(summary, corpus_error=f"{type(err).__name__}: {err}")
    return summary


def _check(workers: int, batch_size: int, timeout: float | None) -> None:
    if workers < 1:
        raise OptionError(f"the number of workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise OptionError(f"the batch size must be at least 1, not {batch_size}")
    if timeout is not None and timeout < 0:
        raise OptionError("the time limit per article must be 0 (none) or more seconds")


def _expand(inputs: Iterable[str | Path]) -> tuple[list[str | Failure], int | None]:
    """The inputs with folders expanded, and how many articles they hold when that is cheap to
    know: when every one is an article file (records in JSON lines, CSV, feeds, WARC are not
    counted ahead)."""
    sources = list(expand_inputs(inputs))
    plain = all(isinstance(s, str) and s != "-" and not is_url_like(s) and kind_of(s) == "article"
                for s in sources)
    return sources, len(sources) if plain else None


class _Tally:
    """Running totals; reports them to ``progress`` at most every 0.2 s and at the end."""

    def __init__(self, total: int | None, progress: Progress | None) -> None:
        self.started = time.monotonic()
        self.current = IngestSummary(total=total)
        self.progress = progress
        self.reported = 0.0

    def skip(self, count: int) -> None:
        if count:
            self.current = replace(self.current, skipped=self.current.skipped + count)
            self._report()

    def add(self, analyses: list[Analysis], not_english: int, failed: int) -> None:
        now = self.current
        words = sum(len(a.article.text.split()) for a in analyses)
        self.current = replace(now, analysed=now.analysed + len(analyses), words=now.words + words,
                               not_english=now.not_english + not_english, failed=now.failed + failed)
        self._report()

    def summary(self) -> IngestSummary:
        return replace(self.current, seconds=time.monotonic() - self.started)

    def _report(self) -> None:
        now = time.monotonic()
        if self.progress is not None and now - self.reported >= 0.2:
            self.reported = now
            self.progress(self.summary())


def _plan(items: Iterator[Article | Failure], writer: Any, batch_size: int, reanalyze: bool,
          tally: _Tally) -> Iterator[Batch]:
    """Batches of up to ``batch_size`` articles to analyse, with the reading failures and the
    articles not in English met on the way; what the store holds (or this run has already
    seen) is counted as skipped. The store is asked once per ``batch_size`` items read."""
    from . import store_id

    seen: set[str] = set()
    batch = Batch()
    for chunk in _chunks(items, batch_size):
        ids = {id(item): store_id(item) for item in chunk if isinstance(item, Article)}
        known: dict[str, str] = writer.known(ids.values())
        skipped = 0
        for item in chunk:
            if isinstance(item, Failure):
                batch.failures.append(item)
            else:
                sid = ids[id(item)]
                stored = known.get(sid)
                if sid in seen or (stored is not None and (not reanalyze or stored == __version__)):
                    skipped += 1
                    continue
                seen.add(sid)
                batch.replace = batch.replace or stored is not None
                (batch.articles if item.language in SUPPORTED else batch.unanalysed).append(item)
            if len(batch.articles) >= batch_size or len(batch) >= 2 * batch_size:
                yield batch
                batch = Batch()
        tally.skip(skipped)
    if len(batch):
        yield batch


def _chunks(items: Iterator[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    chunk: list[Article | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_process(batches: Iterator[Batch], options: AnalyzeOptions,
                timeout: float | None) -> Run:
    from ..nlp import load_pipeline

    nlp = load_pipeline(options.model)
    for batch in batches:
        yield batch, _analyse(batch.articles, options, nlp, timeout)


def _analyse(articles: list[Article], options: AnalyzeOptions, nlp: Any,
             timeout: float | None) -> list[Result]:
    from ..analyze import analyze_many

    if not articles:
        return []
    return list(analyze_many(articles, options, nlp=nlp, batch_size=len(articles),
                             timeout_per_article=timeout))


def _in_workers(batches: Iterator[Batch], options: AnalyzeOptions, timeout: float | None,
                workers: int) -> Run:
    """Analyse on ``workers`` processes, at most two batches each in flight (memory stays flat
    however many articles come); results come back in the order they finish."""
    pool = _Pool(workers, options, timeout)
    try:
        for batch in batches:
            if not batch.articles:
                yield batch, []
                continue
            pool.submit(batch)
            while pool.pending >= 2 * workers:
                yield from pool.collect()
        while pool.pending:
            yield from pool.collect()
    finally:
        pool.close()


class _Pool:
    """Worker processes (spawned: nothing of the parent's state is shared); one that dies fails
    the batches in flight (rerun to retry them) and the pool is started anew."""

    def __init__(self, workers: int, options: AnalyzeOptions, timeout: float | None) -> None:
        self.workers = workers
        self.initargs = (options, timeout)
        self.executor: ProcessPoolExecutor | None = None
        self.futures: dict[Future[list[Result]], Batch] = {}
        self.broken = False

    @property
    def pending(self) -> int:
        return len(self.futures)

    def submit(self, batch: Batch) -> None:
        # A worker may be spawned here. It must never see Ctrl-C (a terminal sends SIGINT to the
        # whole process group; stopping the workers is the parent's job): it is spawned with
        # SIGINT blocked and ignores it before unblocking; here a Ctrl-C waits until after.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            try:
                future = self._executor().submit(_work, batch.articles)
            except BrokenProcessPool:  # a worker died since results last came back
                self.broken = True
                future = self._executor().submit(_work, batch.articles)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        self.futures[future] = batch

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None or self.broken:
            if self.executor is not None:  # broken: the batches it held fail by themselves
                self.executor.shutdown(wait=False)
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=self.initargs)
            self.broken = False
        return self.executor

    def collect(self) -> Iterator[tuple[Batch, list[Result]]]:
        """The batches that are done, waiting for at least one."""
        done, _ = wait(self.futures, return_when=FIRST_COMPLETED)
        for future in done:
            batch = self.futures.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                self.broken = True
                results = [_failed(a, "the worker process analysing it stopped (killed, or out of "
                                      "memory); rerun ingest to retry it") for a in batch.articles]
            except (KeyboardInterrupt, SystemExit, ModelError):
                raise
            except BaseException as err:  # what broke one batch in a worker fails that batch alone
                results = [_failed(a, f"analysis failed: {type(err).__name__}: {err}")
                           for a in batch.articles]
            yield batch, results

    def close(self) -> None:
        """Stop the workers at once (a finished run has nothing left in flight)."""
        if self.executor is None:
            return
        processes = list((self.executor._processes or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(5)
        self.executor = None


def _failed(article: Article, why: str) -> Failure:
    from ..batch import source_of

    where = f"{source_of(article)} {article.record}" if article.record else source_of(article)
    return Failure(source_of(article), "E099", f"[E099] {where}: {why}", article.record)


# A worker's own state: its options, time limit and pipeline, loaded once when it starts.
_WORKER: dict[str, Any] = {}


def _start_worker(options: AnalyzeOptions, timeout: float | None) -> None:
    """Load the pipeline once (Ctrl-C ignored, see :meth:`_Pool.submit`); a worker whose parent
    is gone (killed) exits rather than wait for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _WORKER.update(options=options, timeout=timeout)
    try:
        from ..batch import warm_resources
        from ..nlp import load_pipeline

        _WORKER["nlp"] = load_pipeline(options.model)
        warm_resources()
    except ClaimtrailError as err:
        _WORKER["error"] = err  # raised with the first batch, so the parent reports it


def _exit_with(parent: Any) -> None:
    parent.join()
    os._exit(1)


def _work(articles: list[Article]) -> list[Result]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return _analyse(articles, _WORKER["options"], _WORKER["nlp"], _WORKER["timeout"])


class ProgressLine(StatusLine):
    """One self-rewriting stderr line while ingesting (on a terminal): counts, rates and, when
    the number of inputs is known, the ETA. :meth:`clear` before printing anything else."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        super().__init__(stream)

    def __call__(self, summary: IngestSummary) -> None:
        done = f"{summary.done}/{summary.total}" if summary.total else f"{summary.done}"
        eta = ""
        if summary.total and summary.done and summary.seconds:
            left = max(summary.total - summary.done, 0) * summary.seconds / summary.done
            eta = f", ETA {_duration(left)}"
        self.show(f"ingesting: {done} ({summary.analysed} analysed, {summary.skipped} skipped, "
                  f"{summary.not_english} not English, {summary.failed} failed), "
                  f"{summary.rates()}{eta}")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
