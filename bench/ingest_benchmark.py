"""Throughput and memory of `claimtrail ingest` with 1 and 2 workers, next to spaCy alone.

Usage:
    python bench/ingest_benchmark.py [--texts GLOB] [--limit N] [--workers 1 2] [--batch-size B]
                                     [--json FILE]

The texts (default: every ../shared/data/polnear/*/text/*.txt, about 1,000 articles; --limit N:
the first N in file-name order) are copied into a temporary folder; each run is a fresh process:
  ingest, N workers   `claimtrail ingest FOLDER --db TMP.duckdb --workers N` into a new file
  spacy               spaCy's model alone (the one claimtrail loads, without our components),
                      nlp.pipe over the same texts in one process
  spacy n_process=2   the same with nlp.pipe(n_process=2, batch_size=5)
Each run is timed on the wall clock from start to exit, model loading included (a shared machine
inflates wall time; compare runs made one after another). Articles/s and words/s count the
articles analysed and their whitespace-separated words. Every second the resident memory (RSS) of
the run's process and of each of its child processes is sampled (psutil if installed, else
/proc); the memory table shows each process's first, middle, last and largest sample.

Prints Markdown tables on stdout and progress on stderr; --json FILE writes every sample.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = str(ROOT.parent / "shared" / "data" / "polnear" / "*" / "text" / "*.txt")
SUMMARY = re.compile(r"(\d+) analysed, .*?(\d+) failed")

SPACY_ALONE = """
import sys, time
from pathlib import Path
import spacy
from claimtrail.nlp.loader import choose_model
n_process, batch_size = int(sys.argv[2]), int(sys.argv[3])
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).iterdir())]
nlp = spacy.load(choose_model())
for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
    pass
print(f"{len(texts)} analysed, 0 failed", file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", default=DEFAULT_TEXTS, help="glob of the text files")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--no-spacy", action="store_true", help="leave out the spaCy-alone runs")
    parser.add_argument("--json", dest="json_out", help="write every measurement to this file")
    args = parser.parse_args()

    files = sorted(glob.glob(args.texts))[: args.limit]  # noqa: PTH207 a user-given pattern, relative or absolute
    if not files:
        sys.exit(f"no texts match {args.texts}")
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i, name in enumerate(files):
            shutil.copyfile(name, folder / f"{i:05d}_{Path(name).name}")
        words = sum(len(p.read_text(encoding="utf-8", errors="replace").split())
                    for p in folder.iterdir())
        runs = []
        for workers in args.workers:
            db = Path(tmp) / f"w{workers}.duckdb"
            command = [sys.executable, "-m", "claimtrail", "ingest", str(folder), "--db", str(db),
                       "--workers", str(workers), "--batch-size", str(args.batch_size)]
            runs.append(measure(f"ingest, {workers} worker{'s' if workers > 1 else ''}", command))
        if not args.no_spacy:
            for n_process, batch in ((1, args.batch_size), (2, 5)):
                command = [sys.executable, "-c", SPACY_ALONE, str(folder), str(n_process), str(batch)]
                name = "spacy" if n_process == 1 else "spacy n_process=2"
                runs.append(measure(name, command))
    print(report(runs, len(files), words, args))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")


def measure(name: str, command: list[str]) -> dict[str, Any]:
    """Run ``command``, sampling the RSS of it and its children every second."""
    print(f"{name}: running", file=sys.stderr, flush=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=ROOT)
    samples: dict[int, list[tuple[float, float]]] = {}
    roles: dict[int, str] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            now = time.monotonic() - started
            for pid in [proc.pid, *descendants(proc.pid)]:
                rss = rss_mb(pid)
                if rss is not None:
                    samples.setdefault(pid, []).append((now, rss))
                    roles.setdefault(pid, role(pid, proc.pid))
            stop.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    stderr = err.decode(errors="replace")
    found = SUMMARY.search(stderr)
    if proc.returncode not in (0, 1) or not found:
        sys.exit(f"{name} failed (exit {proc.returncode}):\n{stderr[-2000:]}")
    print(f"{name}: {wall:.1f} s; {stderr.strip().splitlines()[-1]}", file=sys.stderr, flush=True)
    analysed, failed = int(found.group(1)), int(found.group(2))
    return {"name": name, "command": command, "wall_s": wall, "analysed": analysed,
            "failed": failed,
            "memory": [{"pid": pid, "role": roles[pid], "samples": points}
                       for pid, points in samples.items() if points]}


def descendants(pid: int) -> list[int]:
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        pass
    except Exception:  # the process is gone
        return []
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found.extend(children)
        frontier = children
    return found


def rss_mb(pid: int) -> float | None:
    try:
        import psutil

        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except ImportError:
        pass
    except Exception:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def role(pid: int, top: int) -> str:
    if pid == top:
        return "parent"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "child"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    return "worker" if "spawn_main" in cmdline or "forkserver" in cmdline else "child"


def report(runs: list[dict[str, Any]], texts: int, words: int, args: argparse.Namespace) -> str:
    base = next((r for r in runs if r["name"].startswith("ingest, 1 ")), None)
    lines = [f"{texts} texts, {words:,} words ({args.texts}); batch size {args.batch_size}; "
             "wall time from start to exit, model loading included", "",
             "| run | analysed | failed | wall s | articles/s | words/s | vs 1 worker |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        speedup = f"{base['wall_s'] / run['wall_s']:.2f}×" if base else "–"
        run_words = words * run["analysed"] / texts
        lines.append(f"| {run['name']} | {run['analysed']} | {run['failed']} | {run['wall_s']:.1f} | "
                     f"{run['analysed'] / run['wall_s']:.2f} | {run_words / run['wall_s']:,.0f} | "
                     f"{speedup} |")
    lines += ["", "Resident memory (MB), sampled every second: first, middle, last and largest "
              "sample of each process", "",
              "| run | process | samples | start | middle | end | max |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for run in runs:
        counts: dict[str, int] = {}
        for proc in run["memory"]:
            values = [rss for _, rss in proc["samples"]]
            counts[proc["role"]] = counts.get(proc["role"], 0) + 1
            label = f"{proc['role']} {counts[proc['role']]}" if proc["role"] == "worker" else proc["role"]
            lines.append(f"| {run['name']} | {label} | {len(values)} | {values[0]:.0f} | "
                         f"{values[len(values) // 2]:.0f} | {values[-1]:.0f} | {max(values):.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
