"""Learn the attribution-cue lexicon from an annotated corpus (PolNeAR's training split).

For every lemma and coarse part of speech, count how often a token is inside a gold cue span and
how often it occurs at all. The ratio is the lemma's cue precision; the extractor uses lemmas
whose precision and count pass the thresholds stored beside them. Deterministic: the same corpus
gives the same file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..evaluate.polnear import GoldArticle

POS = ("VERB", "NOUN", "ADJ", "ADP", "ADV", "AUX")


def cue_statistics(articles: Iterable[GoldArticle], docs: Iterable[Any]) -> dict[str, Any]:
    """Per-lemma cue counts over ``articles`` and their parsed ``docs``."""
    arts = list(articles)
    total: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for art, doc in zip(arts, docs, strict=True):
        cue_chars = art.mask("cue")
        for token in doc:
            if token.pos_ not in POS:
                continue
            key = f"{token.lemma_.lower()}|{token.pos_}"
            total[key] += 1
            if cue_chars[token.idx]:
                in_cue[key] += 1
    rows = {key: [in_cue[key], total[key]] for key in sorted(in_cue) if in_cue[key] >= 2}
    return {"articles": len(arts), "counts": rows}


def write_cues(stats: dict[str, Any], path: Path, source: str) -> None:
    data = {
        "version": "1.0",
        "description": "Attribution cue lemmas learned from an annotated corpus: for 'lemma|POS', "
                       "[times inside a gold cue, times seen]. Made by 'claimtrail train "
                       "attribution'; the extractor keeps lemmas whose precision and count pass "
                       "the thresholds in attribution.json.",
        "source": source,
        "articles": stats["articles"],
        "counts": stats["counts"],
    }
    head = {k: v for k, v in data.items() if k != "counts"}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "counts": {']
    rows = [f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(value)}"
            for key, value in data["counts"].items()]
    lines.append(",\n".join(rows))
    lines.append(" }\n}\n")
    path.write_text("\n".join(lines), encoding="utf-8")
