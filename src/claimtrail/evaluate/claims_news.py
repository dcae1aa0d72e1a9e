"""``claimtrail eval claims-news``: claims on whole real articles against our own gold.

Every article is analysed as ``claimtrail analyze`` reads it (ingest, structure, the full
pipeline). A predicted claim is one in a source's voice (not the author's). It is **right** when
its content or cue overlaps a gold claim's and it has that claim's source and status. A gold claim
is **found** when a right prediction overlaps it; a gold claim made inside another's content
("X said that Y had warned …") counts when found and is left out of recall when not, since
claimtrail, like PolNeAR, reports the outer claim. So a quotation of three sentences, annotated one
claim per sentence, is found sentence by sentence: a system that loses the speaker after the first
sentence misses two.

The source is right when the words claimtrail names it by (its resolved name, or the words at the
claim) are among the words of one of the gold source's names: "Putin" and "Vladimir Putin" are
right for a source named "Russian President Vladimir Putin"; so is a fuller name than the gold
lists ("Hans-Peter Bartels" for "Mr. Bartels") unless the gold form is a word that two sources of
the article share; "Luis Torres" is wrong for a source named "Ana Torres"; an unresolved "he" is
wrong. An unnamed report ("reportedly") has no source in
the gold and must have none in the prediction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claims_gold import GoldArticle, GoldClaim, load_gold
from .gold_files import analysed
from .scoring import f1, ratio

_DROP = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "s"})
_WORD = re.compile(r"[\w.\-]+")


@dataclass(frozen=True, slots=True)
class Predicted:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    names: tuple[str, ...]
    unnamed: bool
    kind: str
    status: str


@dataclass(slots=True)
class Tally:
    predicted: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.right += other.right
        self.gold += other.gold
        self.found += other.found

    def metrics(self) -> dict[str, float]:
        p, r = ratio(self.right, self.predicted), ratio(self.found, self.gold)
        return {"precision": p, "recall": r, "f1": f1(p, r), "predicted": self.predicted,
                "gold": self.gold}


@dataclass(slots=True)
class ClaimScores:
    """Tallies for claims (source and status right), for sources alone, and for spans alone,
    overall and per source kind and topic."""

    claims: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)
    spans: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_topic: dict[str, Tally] = field(default_factory=dict)
    articles: int = 0
    optional: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"articles": self.articles, "optional_missed": self.optional, "claims": self.claims.metrics(),
                "sources": self.sources.metrics(), "spans": self.spans.metrics(),
                "by_kind": {k: t.metrics() for k, t in sorted(self.by_kind.items())},
                "by_topic": {k: t.metrics() for k, t in sorted(self.by_topic.items())}}


def words(name: str) -> frozenset[str]:
    """The words of a name, lower-cased, without articles, honorifics and possessive 's."""
    name = name.replace("’", "'").replace("'s", " ").lower()
    found = (w.strip(".-") for w in _WORD.findall(name))
    return frozenset(w for w in found if w and w not in _DROP)


def source_right(pred: Predicted, claim: GoldClaim, art: GoldArticle) -> bool:
    if claim.source is None:
        return pred.unnamed
    if pred.unnamed:
        return False
    names = [words(art.text[a:b]) for a, b in art.sources[claim.source].mentions]
    shared = _shared_words(art)
    for name in pred.names:
        said = words(name)
        if not said:
            continue
        if any(said <= gold for gold in names):
            return True
        # a fuller name than the article's gold forms ("Hans-Peter Bartels" for "Mr. Bartels"),
        # unless the gold form is a word two sources share (the Torres couple's surname)
        if any(gold and gold <= said and not gold <= shared and _capitalised(name)
               for gold in names):
            return True
    return False


def _shared_words(art: GoldArticle) -> frozenset[str]:
    seen: dict[str, set[str]] = {}
    for sid, source in art.sources.items():
        for a, b in source.mentions:
            for word in words(art.text[a:b]):
                seen.setdefault(word, set()).add(sid)
    return frozenset(w for w, owners in seen.items() if len(owners) > 1)


def _capitalised(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split())


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def aligned(pred: Predicted, claim: GoldClaim) -> bool:
    return _overlaps(pred.content, claim.content) or _overlaps(pred.cue, claim.cue)


def score_article(art: GoldArticle, predicted: list[Predicted], scores: ClaimScores) -> None:
    scores.articles += 1
    topic = scores.by_topic.setdefault(art.topic, Tally())
    for pred in predicted:
        matches = [c for c in art.claims if aligned(pred, c)]
        right_source = [c for c in matches if source_right(pred, c, art)]
        right = any(c.status == pred.status for c in right_source)
        for tally, ok in ((scores.claims, right), (scores.sources, bool(right_source)),
                          (scores.spans, bool(matches)), (topic, right),
                          (scores.by_kind.setdefault(pred.kind, Tally()), right)):
            tally.predicted += 1
            tally.right += ok
        if not right:
            scores.errors.append(_error(art, pred, matches, "wrong" if matches else "extra"))
    for claim in art.claims:
        overlapping = [p for p in predicted if aligned(p, claim)]
        sourced = [p for p in overlapping if source_right(p, claim, art)]
        found = any(p.status == claim.status for p in sourced)
        if not found and _nested(claim, art):
            scores.optional += 1
            continue  # said inside another source's claim: found if found, never missed
        for tally, ok in ((scores.claims, found), (scores.sources, bool(sourced)),
                          (scores.spans, bool(overlapping)), (topic, found),
                          (scores.by_kind.setdefault(art.source_kind(claim), Tally()), found)):
            tally.gold += 1
            tally.found += ok
        if not found:
            scores.errors.append(_missed(art, claim, overlapping))


def _nested(claim: GoldClaim, art: GoldArticle) -> bool:
    """Whether the claim is made inside another claim's content ("X said that Y had warned
    that …"): claimtrail reports the outer claim, as PolNeAR annotates it."""
    return any(other is not claim and other.content[0] <= claim.content[0]
               and claim.content[1] <= other.content[1] and other.content != claim.content
               for other in art.claims)


def _error(art: GoldArticle, pred: Predicted, matches: list[GoldClaim], what: str
           ) -> dict[str, Any]:
    return {"article": art.name, "error": what, "content": art.text[slice(*pred.content)][:160],
            "predicted_source": list(pred.names), "predicted_status": pred.status,
            "gold": [_gold_view(art, c) for c in matches]}


def _missed(art: GoldArticle, claim: GoldClaim, overlapping: list[Predicted]) -> dict[str, Any]:
    return {"article": art.name, "error": "missed", **_gold_view(art, claim),
            "predicted": [{"source": list(p.names), "status": p.status} for p in overlapping]}


def _gold_view(art: GoldArticle, claim: GoldClaim) -> dict[str, Any]:
    source = None
    if claim.source is not None:
        mentions = art.sources[claim.source].mentions
        source = art.text[slice(*max(mentions, key=lambda m: m[1] - m[0]))] if mentions else None
    return {"content": art.text[slice(*claim.content)][:160], "source": source,
            "kind": art.source_kind(claim), "status": claim.status}


def predictions(analysis: Any) -> list[Predicted]:
    """The claims of an :class:`~claimtrail.records.Analysis` made in a source's voice."""
    from ..extract.sources import UNNAMED_REPORTS

    sources = {s.id: s for s in analysis.sources}
    out = []
    for claim in analysis.claims:
        if claim.voice != "reported":
            continue
        source = sources.get(claim.source_id)
        names = tuple(n for n in (source.name if source else None,
                                  claim.source_span.text if claim.source_span else None) if n)
        unnamed = claim.source_id == UNNAMED_REPORTS or source is None
        cue = (claim.cue.start_char, claim.cue.end_char) if claim.cue else None
        out.append(Predicted((claim.start_char, claim.end_char), cue, names, unnamed,
                             source.kind if source else "anonymous", claim.status))
    return out


def evaluate_claims_news(gold_dir: str | Path, data_root: str | Path, nlp: Any,
                         progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
                         ) -> ClaimScores:
    """Analyse every gold article from the data folder and score its claims."""
    articles = load_gold(Path(gold_dir), Path(data_root))
    scores = ClaimScores()
    for art, analysis in analysed(articles, Path(data_root), nlp, progress):
        score_article(art, predictions(analysis), scores)
    return scores


def format_report(scores: ClaimScores) -> str:
    summary = scores.summary()
    lines = [f"{scores.articles} articles; {scores.optional} claims made inside another claim and "
             "not found are left out of recall", "",
             "| measure | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]

    def row(label: str, m: dict[str, float]) -> str:
        return (f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
                f"| {int(m['predicted'])} | {int(m['gold'])} |")

    lines.append(row("claims (source and status right)", summary["claims"]))
    lines.append(row("sources right (any status)", summary["sources"]))
    lines.append(row("attributed spans (any source)", summary["spans"]))
    for topic, m in summary["by_topic"].items():
        lines.append(row(f"claims, topic {topic}", m))
    lines += ["", "Per source kind (precision by the predicted kind, recall by the gold kind):", "",
              "| kind | precision | recall | predicted | gold |", "|---|---:|---:|---:|---:|"]
    for kind, m in summary["by_kind"].items():
        lines.append(f"| {kind} | {m['precision']:.3f} | {m['recall']:.3f} "
                     f"| {int(m['predicted'])} | {int(m['gold'])} |")
    return "\n".join(lines)
