"""A report adverb on a verb cue hedges that cue ('Officials reportedly fear…')."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .model import Attribution


def _merge_report_adverbs(doc: Any, found: list[Attribution]) -> list[Attribution]:
    """'Officials reportedly fear that…': one attribution (officials, fear), hedged by the adverb."""
    by_cue = {a.cue_token: k for k, a in enumerate(found) if a.cue_kind in ("verb", "non_answer")}
    out = list(found)
    drop = set()
    for k, att in enumerate(found):
        if att.cue_kind != "adverb" or att.cue_token is None:
            continue
        head = doc[att.cue_token].head.i
        if head in by_cue:
            verb = out[by_cue[head]]
            out[by_cue[head]] = replace(verb, hedge=att.cue_lemma)
            drop.add(k)
    return [a for k, a in enumerate(out) if k not in drop]
