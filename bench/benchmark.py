"""Throughput and peak memory of ``claimtrail analyze`` next to spaCy's own pipeline.

Usage:
    python bench/benchmark.py [FOLDER ...] [--repeat N] [--batch-size B]

Each mode runs in a fresh subprocess so that peak memory (max RSS) is its own:
  spacy       spaCy's pipeline alone (the same model, nlp.pipe), the floor we build on
  claimtrail  claimtrail's analyze_many: ingest + spaCy with our components + extractors
  stages      the extractors timed one by one over docs parsed once, as a share of spaCy's time
              (events also as a share of spaCy + claims)
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
    elif mode == "stages":
        return run_stages(articles, repeat, batch_size)
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


def run_stages(articles: list, repeat: int, batch_size: int) -> dict[str, float]:
    import dataclasses
    import datetime as dt

    import spacy

    from claimtrail.extract import extract_entities, extract_times
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.extract.claims import extract_claims
    from claimtrail.extract.events import extract_events
    from claimtrail.extract.techniques import extract_techniques
    from claimtrail.nlp import load_pipeline
    from claimtrail.nlp.gazetteer import load_gazetteer
    from claimtrail.nlp.loader import choose_model
    from claimtrail.resources import (
        load_attribution_lexicon,
        load_cue_model,
        load_event_lexicon,
        load_person_roles,
        load_source_lexicon,
        load_span_model,
        load_status_lexicon,
        load_technique_model,
        load_technique_rules,
        load_time_lexicon,
    )

    texts = [a.text for a in articles] * repeat
    words = sum(len(t.split()) for t in texts)
    plain = spacy.load(choose_model())
    start = time.perf_counter()
    list(plain.pipe(texts, batch_size=batch_size))
    spacy_s = time.perf_counter() - start
    nlp = load_pipeline()
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    ours_s = time.perf_counter() - start
    gaz, lex_t = load_gazetteer(), load_time_lexicon()
    cue_lex, model = load_attribution_lexicon(), load_cue_model()
    src_lex, status_lex = load_source_lexicon(), load_status_lexicon()
    published = dt.date(2024, 11, 22)
    start = time.perf_counter()
    entities = [extract_entities(d, gaz, "2024-11-22") for d in docs]
    times = [extract_times(d, lex_t, published) for d in docs]
    ent_s = time.perf_counter() - start
    start = time.perf_counter()
    claims = [extract_claims(d, extract_attributions(d, cue_lex, model), ents, src_lex, status_lex,
                             cue_lex)[1] for d, ents in zip(docs, entities, strict=True)]
    claims_s = time.perf_counter() - start
    ev_lex, roles = load_event_lexicon(), load_person_roles()
    start = time.perf_counter()
    for d, ents, tms, cls in zip(docs, entities, times, claims, strict=True):
        extract_events(d, ents, tms, cls, ev_lex, roles)
    events_s = time.perf_counter() - start
    spans, labels, rules = load_span_model(), load_technique_model(), load_technique_rules()
    start = time.perf_counter()
    for d, cls in zip(docs, claims, strict=True):
        extract_techniques(d, cls, spans, labels, rules)
    techniques_s = time.perf_counter() - start
    crf_only = dataclasses.replace(spans, sentences=None, sentence_threshold=None)
    start = time.perf_counter()
    for d, cls in zip(docs, claims, strict=True):
        extract_techniques(d, cls, crf_only, labels, rules)
    crf_only_s = time.perf_counter() - start
    return {"techniques_s": techniques_s, "techniques_crf_only_s": crf_only_s, "mode": "stages",
            "docs": len(texts), "words": words,
            "spacy_s": spacy_s,
            "pipeline_s": ours_s, "entities_times_s": ent_s, "claims_s": claims_s,
            "events_s": events_s,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--repeat", type=int, default=20, help="analyse the set this many times")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--mode", choices=["spacy", "claimtrail", "stages"], help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON rows instead of a table")
    args = parser.parse_args()
    files = [str(p) for p in collect(args.folders) if "russian" not in p.name]

    if args.mode:
        print(json.dumps(run_mode(args.mode, files, args.repeat, args.batch_size)))
        return

    rows = []
    for mode in ("spacy", "claimtrail", "stages"):
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
    stages = rows.pop()
    base = rows[0]["seconds"]
    print(f"{len(files)} files x {args.repeat} = {rows[0]['docs']} articles, {rows[0]['words']:,} words\n")
    print("| pipeline | words/s | seconds | peak RSS (MB) | time vs spaCy |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['mode']} | {row['words_per_s']:,.0f} | {row['seconds']:.2f} | "
              f"{row['peak_rss_mb']:.0f} | {row['seconds'] / base:.2f}x |")
    sp = stages["spacy_s"]
    print("\n| stage (docs parsed once) | seconds | share of spaCy's time |")
    print("|---|---:|---:|")
    print(f"| spaCy pipeline alone | {sp:.2f} | 100% |")
    print(f"| our spaCy components (gazetteer ruler, fixes, line breaks) | "
          f"{stages['pipeline_s'] - sp:.2f} | {(stages['pipeline_s'] - sp) / sp:+.0%} |")
    print(f"| entities + times extractors | {stages['entities_times_s']:.2f} | "
          f"{stages['entities_times_s'] / sp:.0%} |")
    print(f"| claims (attribution + sources + status) | {stages['claims_s']:.2f} | "
          f"{stages['claims_s'] / sp:.0%} |")
    print(f"| events | {stages['events_s']:.2f} | {stages['events_s'] / sp:.0%} "
          f"(claims + events: {stages['events_s'] / (sp + stages['claims_s']):+.0%} over "
          f"spaCy + claims) |")
    print(f"| persuasion techniques | {stages['techniques_s']:.2f} | "
          f"{stages['techniques_s'] / sp:.0%} |")
    print(f"| persuasion techniques without the sentence model | "
          f"{stages['techniques_crf_only_s']:.2f} | {stages['techniques_crf_only_s'] / sp:.0%} |")


if __name__ == "__main__":
    main()
