"""CPU time and peak memory of claimtrail's analysis next to spaCy's own pipeline.

Usage:
    python bench/benchmark.py [INPUT ...] [--repeat N] [--rounds R] [--corpus FOLDER] [--json FILE]

Every measurement runs in a fresh process (caches and memory never carry over), which loads the
pipeline, does the work once to warm up, then does it again under time.process_time(): CPU time,
which other programs on a shared machine do not inflate the way they inflate wall time.

Modes, over every article of the inputs, read as `claimtrail analyze --language en` reads them
(claimtrail's read_inputs: folders recursively, HTML extracted, a JSON lines, CSV, feed or WARC file
one article per record; an input that cannot be read stops the benchmark rather than being left out):
  spacy            spaCy's model alone (nlp.pipe), the floor we build on
  pipeline         the model with our components; analyze_article with every extractor off
  entities         + entities and times
  claims           + attribution and claims
  events           + events
  techniques       + persuasion techniques: all extractors (each stage's calls also timed directly)
  techniques-crf   all extractors, the techniques without the sentence model
  full             analyze_many from the files: reading, HTML extraction, language ID, all stages
The set is analysed --repeat times per mode in all, in --rounds rounds; each round runs every mode
once, in alternating order (forwards, then backwards, …). Each mode reports the median and the
minimum of its rounds, and each stage its cost as the difference of two consecutive modes taken
round by round (paired), so that a slow moment of the machine hits both sides of a difference.

Length rows (time against length, each a fresh process for spaCy alone and for the full analysis):
  --corpus FOLDER  articles of about --lengths words (default 1k to 100k), whole articles of the
                   folder in file-name order joined by blank lines (read at run time, never stored)
  sentences        one sentence of nested reported speech ("X said that Y told reporters that …")
                   and one ordinary long sentence (a list of topics) of each --sentence-kb size
A short text is analysed several times over in its process (an article up to --min-words words,
a sentence up to the largest sentence size) and the time shown is the time for one.
A measurement that runs past --timeout seconds (loading included) is recorded as a timeout.

Words are whitespace-separated tokens of the texts analysed. Prints Markdown tables on stdout,
progress on stderr; --json FILE writes every measurement.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_report as report
from bench_texts import (
    collect,
    corpus_texts,
    label,
    list_sentence,
    long_article,
    nested_speech,
    read_articles,
    text_of,
)
from bench_worker import MODES, versions, words_in

ROOT = Path(__file__).resolve().parents[1]


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Runner:
    """Runs one measurement in a fresh process and keeps its spec files in one folder."""

    def __init__(self, folder: str, timeout: float) -> None:
        self.folder, self.timeout, self.count = Path(folder), timeout, 0

    def text_file(self, text: str) -> str:
        self.count += 1
        path = self.folder / f"text-{self.count}.txt"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def measure(self, spec: dict[str, Any]) -> dict[str, Any]:
        self.count += 1
        spec_path = self.folder / f"spec-{self.count}.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        start = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, __file__, "--worker", str(spec_path)],
                                  capture_output=True, text=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            return {"status": "timeout", "process_s": time.perf_counter() - start}
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-5:]
            note("  failed: " + " / ".join(tail))
            return {"status": "error", "error": "\n".join(tail), "process_s": elapsed}
        return {"status": "ok", **json.loads(done.stdout.strip().splitlines()[-1]), "process_s": elapsed}


def show(run: dict[str, Any]) -> str:
    if run["status"] != "ok":
        return f"{run['status']} after {run['process_s']:.0f} s"
    times = f" (x{run['copies']})" if run.get("copies", 1) > 1 and "cpu_s_each" in run else ""
    return f"{run['cpu_s']:.2f} s CPU{times} ({run['wall_s']:.2f} s wall), {run['peak_rss_mb']:.0f} MB"


def alternate(items: list[Any], index: int) -> list[Any]:
    return items if index % 2 == 0 else items[::-1]


def run_modes(runner: Runner, files: list[str], modes: list[str], rounds: int, copies: int,
              batch_size: int) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    for index in range(rounds):
        for mode in alternate(modes, index):
            spec = {"kind": "modes", "mode": mode, "files": files, "copies": copies,
                    "batch_size": batch_size}
            run = runner.measure(spec)
            runs[mode].append(run)
            note(f"[round {index + 1}/{rounds}] {mode}: {show(run)}")
    return runs


def run_pairs(runner: Runner, label: str, text: str, copies: int, rounds: int,
              index: int) -> dict[str, Any]:
    """spaCy alone and the full analysis of one text (``copies`` times over in each process),
    ``rounds`` times each, in alternating order."""
    path = runner.text_file(text)
    row: dict[str, Any] = {"copies": copies, "spacy": [], "full": []}
    for turn in range(rounds):
        for mode in alternate(["spacy", "full"], index + turn):
            run = runner.measure({"kind": "text", "mode": mode, "text_path": path, "copies": copies})
            row[mode].append(run)
            note(f"[{label}] {mode}: {show(run)}")
    return row


def run_lengths(runner: Runner, corpus: str, targets: list[int], min_words: int,
                rounds: int) -> list[dict[str, Any]]:
    articles = corpus_texts(corpus)
    note(f"corpus {corpus}: {len(articles)} articles, {sum(words_in(t) for _, t in articles):,} words")
    rows = []
    for index, target in enumerate(targets):
        text, used = long_article(articles, target)
        row = {"target": target, "words": words_in(text), "chars": len(text), "articles": len(used),
               "first": used[0], "last": used[-1]}
        copies = max(1, math.ceil(min_words / row["words"]))
        row.update(run_pairs(runner, f"{target:,} words", text, copies, rounds, index))
        rows.append(row)
    return rows


def run_sentences(runner: Runner, sizes: list[float], rounds: int) -> list[dict[str, Any]]:
    makers: tuple[tuple[str, Callable[[int], str]], ...] = (
        ("nested speech", nested_speech), ("list of topics", list_sentence))
    rows = []
    index = 0
    for kind, make in makers:
        for kb in sizes:
            text = make(int(kb * 1024))
            row = {"kind": kind, "kb": f"{kb:g}", "chars": len(text.strip())}
            copies = max(1, round(max(sizes) / kb))  # each row analyses about as much text
            row.update(run_pairs(runner, f"{kind}, {kb:g} KB", text, copies, rounds, index))
            rows.append(row)
            index += 1
    return rows


def numbers(kind: Callable[[str], Any]) -> Callable[[str], list[Any]]:
    def parse(value: str) -> list[Any]:
        try:
            return [kind(v.strip().lower().replace("k", "000")) for v in value.split(",") if v.strip()]
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {value}") from None
    return parse


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "samples")],
                        help="article files and folders (default: samples/)")
    parser.add_argument("--repeat", type=int, default=20,
                        help="analyse the set this many times per mode, over all rounds (default 20)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every mode (default 5)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--modes", type=lambda v: [m.strip() for m in v.split(",") if m.strip()],
                        default=list(MODES), help=f"modes to run (default all: {','.join(MODES)})")
    parser.add_argument("--skip-modes", action="store_true", help="no mode and stage tables")
    parser.add_argument("--corpus", help="folder of articles to build the long articles from (e.g. "
                        "../shared/data/ptc/train-articles); no article-length rows without it")
    parser.add_argument("--lengths", type=numbers(int), default=[1000, 5000, 20000, 50000, 100000],
                        help="article sizes in words (default 1k,5k,20k,50k,100k)")
    parser.add_argument("--min-words", type=int, default=20000,
                        help="a shorter article is analysed several times over in its process, to "
                             "at least this many words (default 20000)")
    parser.add_argument("--sentence-kb", type=numbers(float), default=[1, 2, 4, 8, 16, 32],
                        help="sentence sizes in KB (default 1,2,4,8,16,32)")
    parser.add_argument("--skip-sentences", action="store_true", help="no sentence-length rows")
    parser.add_argument("--length-rounds", type=int, default=1,
                        help="measurements of each length row per mode; the median is shown (default 1)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds one measurement may take, loading included (default 900)")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement to FILE as JSON")
    args = parser.parse_args()
    unknown = [m for m in args.modes if m not in MODES]
    if unknown:
        parser.error(f"unknown modes {', '.join(unknown)}; choose from {', '.join(MODES)}")
    if args.repeat < 1 or args.rounds < 1 or args.length_rounds < 1:
        parser.error("--repeat, --rounds and --length-rounds must be at least 1")
    return args


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        import bench_worker

        bench_worker.main(sys.argv[2])
        return
    args = parse_args()
    files = collect(args.inputs)
    per_file = {label(a): words_in(text_of(a)) for a in read_articles(files)}  # stops on a bad one
    copies = max(1, args.repeat // args.rounds)
    started = time.time()
    result: dict[str, Any] = {
        "settings": {k: v for k, v in vars(args).items() if k != "modes"} | {"modes": args.modes},
        "versions": versions(), "cores": os.cpu_count(), "load_before": os.getloadavg(),
        "files": per_file, "copies_per_round": copies,
    }
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimtrail-bench-") as folder:
        runner = Runner(folder, args.timeout)
        if not args.skip_modes:
            runs = run_modes(runner, files, args.modes, args.rounds, copies, args.batch_size)
            result["runs"] = runs
            result.update(report.summarise_modes(runs))
            words = sum(per_file.values())
            times = "once" if copies == 1 else f"{copies} times"
            out += [f"{len(per_file)} articles in {len(files)} files ({words:,} words), analysed {times} "
                    f"in each of {args.rounds} rounds per mode: {words * copies:,} words per measurement.",
                    "",
                    *report.modes_table(result), ""]
            if any(row["cpu_s"] or row.get("timed_in_process_s") for row in result["stages"]):
                out += [*report.stages_table(result), ""]
        if args.corpus:
            result["lengths"] = run_lengths(runner, args.corpus, args.lengths, args.min_words,
                                            args.length_rounds)
            out += [f"Articles built from {args.corpus}:", "",
                    *report.lengths_table(result["lengths"], args.timeout), ""]
        else:
            note("no --corpus: no article-length rows")
        if not args.skip_sentences:
            result["sentences"] = run_sentences(runner, args.sentence_kb, args.length_rounds)
            out += [*report.sentences_table(result["sentences"], args.timeout), ""]
    result["load_after"] = os.getloadavg()
    result["elapsed_s"] = time.time() - started
    v = result["versions"]
    out.append(f"CPU time (time.process_time) of one fresh process each, after a warm-up; claimtrail "
               f"{v['claimtrail']}, spaCy {v['spacy']}, {v['model']}; {result['cores']} cores, load "
               f"average {result['load_before'][0]:.1f} before and {result['load_after'][0]:.1f} after; "
               f"{result['elapsed_s'] / 60:.1f} minutes in all.")
    print("\n".join(out))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
