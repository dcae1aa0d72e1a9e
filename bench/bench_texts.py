"""Inputs of ``bench/benchmark.py``: the files of the folders given, long articles built from a corpus,
and long sentences of our own."""

from __future__ import annotations

import itertools
from pathlib import Path


def article_suffixes() -> set[str]:
    """The suffixes `claimtrail analyze` reads from a folder (its own list when it has one)."""
    try:
        from claimtrail.cli import ARTICLE_SUFFIXES
    except ImportError:  # a refactored CLI
        return {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
    return set(ARTICLE_SUFFIXES)


def collect(inputs: list[str]) -> list[str]:
    """Files as given; a folder becomes every article file under it (any depth), sorted."""
    suffixes = article_suffixes()
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in suffixes)
        elif path.is_file():
            files.append(str(path))
        else:
            raise SystemExit(f"benchmark: {item}: no such file or folder")
    if not files:
        raise SystemExit(f"benchmark: no article files in {', '.join(inputs)}")
    return files


def corpus_texts(folder: str) -> list[tuple[str, str]]:
    """(file name, text the analysers see) for every article file of a corpus folder, sorted."""
    from bench_worker import text_of

    from claimtrail.ingest import ingest
    from claimtrail.options import AnalyzeOptions

    options = AnalyzeOptions(language="en")
    out = []
    for path in collect([folder]):
        text = text_of(ingest(path, options)).strip()
        if text:
            out.append((Path(path).name, text))
    return out


def long_article(corpus: list[tuple[str, str]], words: int) -> tuple[str, list[str]]:
    """About ``words`` words: whole corpus articles in order, each once, joined by blank lines; the
    last one cut at a line break. Returns the text and the names of the articles used."""
    parts: list[str] = []
    used: list[str] = []
    count = 0
    for name, text in corpus:
        used.append(name)
        for line in text.splitlines(keepends=True):
            parts.append(line)
            count += len(line.split())
            if count >= words:
                return "".join(parts).strip() + "\n", used
        parts.append("\n\n")
    raise SystemExit(f"benchmark: the corpus has {count:,} words, fewer than the {words:,} asked for")


# Nested reported speech, as in issue 16's "X said that Y said that …" (names and verbs varied).
_SPEAKERS = ("Anna Kovac", "the minister", "Boris Lind", "a spokesman for the army", "Carla Ruiz",
             "two officials", "the governor of the region", "David Osei", "the opposition leader",
             "Elena Marsh", "a senior diplomat", "Farid Haddad")
_VERBS = ("said that", "told reporters that", "claimed that", "insisted that", "reported that",
          "warned that", "denied that", "suggested that", "confirmed that", "argued that")
_NESTED_END = "the ceasefire in the north had collapsed on Monday."

# A long but ordinary sentence: one verb with a coordinated list of objects.
_TOPICS = ("grain exports", "energy prices", "border controls", "rail links", "the price of fertiliser",
           "water supplies", "fishing rights", "power lines", "school repairs", "road tolls",
           "port fees", "medical supplies", "bank loans", "farm subsidies", "river crossings")
_PLACES = ("Poland", "the Baltic states", "Moldova", "the Danube delta", "northern Italy", "Crete",
           "the Balkans", "southern Spain", "Lapland", "the Black Sea coast", "Bavaria", "Wales",
           "Brittany", "the Alps", "Silesia", "Thessaly", "Flanders")
_LIST_START = "At the summit in Brussels on Thursday the ministers discussed "
_LIST_END = "and the cost of heating homes in the coming winter."


def nested_speech(size: int) -> str:
    """One sentence of at least ``size`` characters: "X said that Y told reporters that … ."."""
    clauses = (f"{who} {verb}" for who, verb in zip(itertools.cycle(_SPEAKERS), itertools.cycle(_VERBS)))
    text = "On Sunday"
    for clause in clauses:
        if len(text) + len(_NESTED_END) + 1 >= size:
            break
        text += f" {clause}"
    return f"{text} {_NESTED_END}\n"


def list_sentence(size: int) -> str:
    """One sentence of at least ``size`` characters listing topics and places, comma-separated."""
    items = (f"{topic} in {place}" for topic, place in
             zip(itertools.cycle(_TOPICS), itertools.cycle(_PLACES)))
    text = _LIST_START.rstrip()
    for item in items:
        if len(text) + len(_LIST_END) + 2 >= size:
            break
        text += f" {item},"
    return f"{text} {_LIST_END}\n"
