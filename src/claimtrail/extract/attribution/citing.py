"""'…, citing unnamed officials': the officials become the via of the report."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .model import Attribution


def _attach_citing(doc: Any, found: list[Attribution]) -> list[Attribution]:
    """'X reported the leak, citing unnamed officials': the officials become the report's via."""
    out = list(found)
    drop = set()
    in_sentence: dict[int, list[int]] = {}
    for j, other in enumerate(found):
        if other.cue_kind != "adverb" and other.cue_lemma != "cite":
            in_sentence.setdefault(other.sentence, []).append(j)
    for k, att in enumerate(found):
        if att.cue_lemma != "cite" or att.cue_token is None or doc[att.cue_token].tag_ != "VBG":
            continue
        hosts = [j for j in in_sentence.get(att.sentence, ()) if j != k]
        if not hosts or att.content is None:
            continue
        host = min(hosts, key=lambda j: abs(out[j].cue[0] - att.cue[0]))
        out[host] = replace(out[host], via=att.content)
        drop.add(k)
    return [a for k, a in enumerate(out) if k not in drop]
