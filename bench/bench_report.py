"""Summaries and Markdown tables of ``bench/benchmark.py``'s measurements."""

from __future__ import annotations

import statistics
from typing import Any

MODE_LABELS = {
    "spacy": "spaCy alone (`nlp.pipe`, the same model)",
    "pipeline": "+ our spaCy components (gazetteer ruler, entity fixes, line breaks)",
    "entities": "+ entities and times",
    "claims": "+ claims (attribution, sources, status)",
    "events": "+ events",
    "techniques": "+ persuasion techniques (all extractors)",
    "techniques-crf": "all extractors, techniques without the sentence model",
    "full": "`analyze_many` from the files (reading, HTML extraction, language ID, all of the above)",
}

# (row, mode, the mode it adds to): each stage's cost is the paired difference of the two.
STAGES = (
    ("our spaCy components (gazetteer ruler, entity fixes, line breaks)", "pipeline", "spacy"),
    ("entities + times extractors", "entities", "pipeline"),
    ("claims (attribution + sources + status)", "claims", "entities"),
    ("events", "events", "claims"),
    ("persuasion techniques", "techniques", "events"),
    ("persuasion techniques without the sentence model", "techniques-crf", "events"),
    ("reading files, HTML extraction, language ID, batching", "full", "techniques"),
)


def ok(run: dict[str, Any] | None) -> bool:
    return bool(run) and run.get("status") == "ok"


def spread(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def summarise_modes(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per mode: CPU seconds (median, min), words/s, peak RSS, ratios to spaCy; per stage: the
    paired per-round differences of consecutive modes."""
    modes: dict[str, Any] = {}
    for mode, rounds in runs.items():
        good = [r for r in rounds if ok(r)]
        modes[mode] = {
            "cpu_s": spread([r["cpu_s"] for r in good]),
            "wall_s": spread([r["wall_s"] for r in good]),
            "peak_rss_mb": max((r["peak_rss_mb"] for r in good), default=None),
            "words": good[0]["words"] if good else None,
            "failed": [r["status"] for r in rounds if not ok(r)],
        }
    base = modes.get("spacy", {}).get("cpu_s")
    for entry in modes.values():
        cpu = entry["cpu_s"]
        entry["words_per_s"] = entry["words"] / cpu["median"] if cpu and cpu["median"] > 0 else None
        if cpu and base:
            entry["vs_spacy_median"] = cpu["median"] / base["median"]
            entry["vs_spacy_min"] = cpu["min"] / base["min"]
    stages = []
    for label, mode, before in STAGES:
        direct = [r["stage_cpu_s"][mode] for r in runs.get("techniques", [])
                  if ok(r) and mode in r.get("stage_cpu_s", {})]
        if mode not in runs or before not in runs:
            if direct:  # (only the techniques mode ran: its stages' own calls, as a share of spaCy)
                timed = spread(direct)
                stages.append({"stage": label, "mode": mode, "adds_to": before, "cpu_s": None,
                               "timed_in_process_s": timed, "share_of_spacy":
                               timed["median"] / base["median"] if timed and base else None})
            continue
        pairs = [(a["cpu_s"], b["cpu_s"]) for a, b in zip(runs[mode], runs[before], strict=True)
                 if ok(a) and ok(b)]
        diff = spread([a - b for a, b in pairs])
        row: dict[str, Any] = {"stage": label, "mode": mode, "adds_to": before, "cpu_s": diff}
        if direct:
            row["timed_in_process_s"] = spread(direct)
        if diff and base:
            row["share_of_spacy"] = diff["median"] / base["median"]
            row["over_mode_before"] = diff["median"] / statistics.median(b for _, b in pairs)
        stages.append(row)
    return {"modes": modes, "stages": stages}


def secs(value: float) -> str:
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return "~0" if value < 0 else secs(value)


def _share(value: float | None, sign: str = "") -> str:
    if value is None:
        return "–"
    return "~0" if value < 0 else f"{value:{sign}.0%}"


def modes_table(summary: dict[str, Any]) -> list[str]:
    lines = ["| mode | CPU s (median) | CPU s (min) | wall s (median) | words/s | peak RSS (MB) | "
             "vs spaCy (medians) | vs spaCy (mins) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for mode, entry in summary["modes"].items():
        cpu, wall = entry["cpu_s"], entry["wall_s"]
        if not cpu:
            lines.append(f"| {MODE_LABELS[mode]} | {', '.join(entry['failed'])} | | | | | | |")
            continue
        ratio_med, ratio_min = entry.get("vs_spacy_median"), entry.get("vs_spacy_min")
        lines.append(
            f"| {MODE_LABELS[mode]} | {secs(cpu['median'])} | {secs(cpu['min'])} | {secs(wall['median'])} | "
            f"{entry['words_per_s']:,.0f} | {entry['peak_rss_mb']:.0f} | "
            f"{'–' if ratio_med is None else f'{ratio_med:.2f}x'} | "
            f"{'–' if ratio_min is None else f'{ratio_min:.2f}x'} |")
    return lines


def stages_table(summary: dict[str, Any]) -> list[str]:
    lines = ["| stage | CPU s (median) | CPU s (min) | share of spaCy's time | over the mode before | "
             "CPU s timed in its calls (median) |",
             "|---|---:|---:|---:|---:|---:|"]
    noise = False
    for row in summary["stages"]:
        diff = row["cpu_s"]
        direct = row.get("timed_in_process_s")
        inside = secs(direct["median"]) if direct else "–"
        if not diff:  # (share: that of the time timed in its calls)
            lines.append(f"| {row['stage']} | – | – | {_share(row.get('share_of_spacy'))} | – | "
                         f"{inside} |")
            continue
        noise = noise or diff["median"] < 0 or diff["min"] < 0
        lines.append(f"| {row['stage']} | {_seconds(diff['median'])} | {_seconds(diff['min'])} | "
                     f"{_share(row.get('share_of_spacy'))} | {_share(row.get('over_mode_before'), '+')} | "
                     f"{inside} |")
    if noise:
        lines.append("")
        lines.append("~0: the paired difference came out negative, i.e. the stage's cost is within "
                     "the run-to-run noise (the last column times the stage's own calls).")
    return lines


def cell(run: dict[str, Any] | None, timeout: float) -> str:
    if not run:
        return "–"
    if run["status"] == "timeout":
        return f"timeout (> {timeout:.0f} s)"
    if run["status"] != "ok":
        return "error"
    return secs(run["cpu_s_each"])


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The run with the median CPU time (the slower of the two middle ones), or the first failure."""
    good = sorted((r for r in runs if ok(r)), key=lambda r: r["cpu_s_each"])
    if len(good) < len(runs):
        return next(r for r in runs if not ok(r))
    return good[len(good) // 2] if good else None


def _ratio(full: dict[str, Any] | None, spacy: dict[str, Any] | None) -> str:
    if ok(full) and ok(spacy) and spacy["cpu_s"] > 0:
        return f"{full['cpu_s'] / spacy['cpu_s']:.2f}x"
    return "–"


def _rate(run: dict[str, Any] | None) -> str:
    return f"{run['words'] / run['cpu_s']:,.0f}" if ok(run) and run["cpu_s"] > 0 else "–"


def lengths_table(rows: list[dict[str, Any]], timeout: float) -> list[str]:
    lines = ["| article | words | spaCy CPU s | spaCy words/s | full CPU s | full words/s | full / spaCy | "
             "full peak RSS (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        spacy, full = median_run(row["spacy"]), median_run(row["full"])
        rss = f"{full['peak_rss_mb']:.0f}" if ok(full) else "–"
        lines.append(f"| {row['target']:,}-word target ({row['articles']} articles) | {row['words']:,} | "
                     f"{cell(spacy, timeout)} | {_rate(spacy)} | {cell(full, timeout)} | {_rate(full)} | "
                     f"{_ratio(full, spacy)} | {rss} |")
    return lines


def sentences_table(rows: list[dict[str, Any]], timeout: float) -> list[str]:
    lines = ["| one sentence | characters | tokens | sentences (spaCy) | spaCy CPU s | full CPU s | "
             "full / spaCy | claims |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        spacy, full = median_run(row["spacy"]), median_run(row["full"])
        tokens = f"{spacy['tokens']:,}" if ok(spacy) else "–"
        sentences = spacy["sentences"] if ok(spacy) else "–"
        claims = full.get("claims", "–") if ok(full) else "–"
        lines.append(f"| {row['kind']}, {row['kb']} KB | {row['chars']:,} | {tokens} | {sentences} | "
                     f"{cell(spacy, timeout)} | {cell(full, timeout)} | {_ratio(full, spacy)} | {claims} |")
    return lines
