"""Throughput and peak memory of ``claimtrail analyze`` next to spaCy's own pipeline.

Usage:
    python bench/benchmark.py [FOLDER ...] [--repeat N] [--batch-size B]

Each mode runs in a fresh subprocess so that peak memory (max RSS) is its own:
  spacy       spaCy's pipeline alone (the same model, nlp.pipe), the floor we build on
  claimtrail  claimtrail's analyze_many: ingest + spaCy with our components + extractors
Words are whitespace-separated tokens of the article texts. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def collect(folders: list[str]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        path = Path(folder)
        if path.is_file():
            files.append(path)
            continue
        files += sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".html", ".htm"))
    return files


def run_mode(mode: str, files: list[str], repeat: int, batch_size: int) -> dict[str, float]:
    import claimtrail
    from claimtrail.analyze import Failure, analyze_many
    from claimtrail.ingest import ingest
    from claimtrail.options import AnalyzeOptions

    options = AnalyzeOptions(language="en")
    articles = [ingest(f, options) for f in files]
    words = sum(len(a.text.split()) for a in articles) * repeat
    if mode == "spacy":
        import spacy

        from claimtrail.nlp.loader import choose_model

        nlp = spacy.load(choose_model())
        texts = [a.text for a in articles] * repeat
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        elapsed = time.perf_counter() - start
    else:
        from claimtrail.nlp import load_pipeline

        nlp = load_pipeline()
        sources = files * repeat
        start = time.perf_counter()
        failures = sum(isinstance(r, Failure)  # default options: language detection runs too
                       for r in analyze_many(sources, AnalyzeOptions(), nlp=nlp, batch_size=batch_size))
        elapsed = time.perf_counter() - start
        assert failures == 0, f"{failures} inputs failed"
    return {
        "mode": mode,
        "docs": len(articles) * repeat,
        "words": words,
        "seconds": elapsed,
        "words_per_s": words / elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "claimtrail": claimtrail.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--repeat", type=int, default=20, help="analyse the set this many times")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--mode", choices=["spacy", "claimtrail"], help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON rows instead of a table")
    args = parser.parse_args()
    files = [str(p) for p in collect(args.folders) if "russian" not in p.name]

    if args.mode:
        print(json.dumps(run_mode(args.mode, files, args.repeat, args.batch_size)))
        return

    rows = []
    for mode in ("spacy", "claimtrail"):
        out = subprocess.run(
            [sys.executable, __file__, *args.folders, "--repeat", str(args.repeat),
             "--batch-size", str(args.batch_size), "--mode", mode],
            check=True, capture_output=True, text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    base = rows[0]["seconds"]
    print(f"{len(files)} files x {args.repeat} = {rows[0]['docs']} articles, {rows[0]['words']:,} words\n")
    print("| pipeline | words/s | seconds | peak RSS (MB) | time vs spaCy |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['mode']} | {row['words_per_s']:,.0f} | {row['seconds']:.2f} | "
              f"{row['peak_rss_mb']:.0f} | {row['seconds'] / base:.2f}x |")


if __name__ == "__main__":
    main()
