"""Inputs of ``bench/benchmark.py``: the files of the folders given, long articles built from a corpus,
and long sentences of our own."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any


def collect(inputs: list[str]) -> list[str]:
    """Files as given; a folder becomes the files `claimtrail analyze` reads from it (any depth)."""
    from claimtrail.ingest import expand_inputs

    files: list[str] = []
    for item in expand_inputs(inputs):
        if not isinstance(item, str):
            raise SystemExit(f"benchmark: {item.message}")
        if not Path(item).is_file():
            raise SystemExit(f"benchmark: {item}: no such file")
        files.append(item)
    return files


def read_articles(files: list[str]) -> list[Any]:
    """Every article of the files, read as `claimtrail analyze --language en` reads them (a JSON
    lines, CSV, feed or WARC file gives one per record). Any input that fails stops the benchmark."""
    from claimtrail.ingest import read_inputs
    from claimtrail.options import AnalyzeOptions
    from claimtrail.records import Article

    items = list(read_inputs(files, AnalyzeOptions(language="en")))
    failed = [item.message for item in items if not isinstance(item, Article)]
    if failed:
        raise SystemExit("benchmark: inputs that cannot be analysed:\n" + "\n".join(failed))
    return items


def corpus_texts(folder: str) -> list[tuple[str, str]]:
    """(name, text the analysers see) for every article of a corpus folder, in file-name order."""
    out = []
    for article in read_articles(collect([folder])):
        text = text_of(article).strip()
        if text:
            out.append((label(article), text))
    return out


def text_of(article: Any) -> str:
    """The text the analysers see: the article's text with the furniture blanked."""
    return str(article.analysed_text)


def label(article: Any) -> str:
    """Where an article came from: its file (and record, for a file of records)."""
    where = article.path or article.url or article.id
    return f"{where} {article.record}" if article.record else str(where)


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
