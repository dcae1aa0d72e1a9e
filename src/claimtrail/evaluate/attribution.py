"""``claimtrail eval attribution``: source, cue and content spans against PolNeAR."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ..extract.attribution import (
    Attribution,
    AttributionLexicon,
    extract_attributions,
    one_content_per_cue,
    outermost,
)
from ..extract.attribution.subjects import QUOTING_VERBS
from ..extract.cue_model import CueModel
from .polnear import ROLES, GoldArticle
from .scoring import Scores, score_spans

Predictor = Callable[[Any], dict[str, list[tuple[int, int]]]]


def claimtrail_predictor(lex: AttributionLexicon, model: CueModel) -> Predictor:
    def predict(doc: Any) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
        text = doc.text
        found = [a for a in extract_attributions(doc, lex, model) if not _interview_turn(a, text)]
        for att in one_content_per_cue(outermost(found)):
            att = polnear_view(att)
            out["cue"].append(att.cue)
            if att.source is not None:
                out["source"].append(att.source)
            if att.content is not None:
                out["content"].append(att.content)
        return out

    return predict


def _interview_turn(att: Attribution, text: str) -> bool:
    """An interview's 'Q:' or 'A:' line: claimtrail gives it to the interviewer or interviewee;
    PolNeAR annotates no attribution there, only the ones inside the answer (which the turn, as
    the outer attribution, would hide)."""
    return att.cue_kind == "colon" and att.source is not None \
        and text[att.source[0]:att.source[1]].strip() in ("Q", "A")


def polnear_view(att: Attribution) -> Attribution:
    """An attribution as PolNeAR annotates it. "CNN quoted a witness as saying he saw…": for
    claimtrail the witness speaks, via CNN; PolNeAR takes the outlet as the source and "a witness
    as saying he saw…" as the content."""
    if att.via is None or att.source is None or att.content is None \
            or att.cue_lemma not in QUOTING_VERBS or not att.via[1] <= att.cue[0] < att.source[0]:
        return att
    return replace(att, source=att.via, content=(att.source[0], max(att.content[1], att.source[1])))


def textacy_predictor() -> Predictor:
    """textacy's ``direct_quotations`` as the baseline (direct quotes only)."""
    from textacy.extract.triples import direct_quotations

    def predict(doc: Any) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # odd number of quotation marks in the document
            return out
        for triple in triples:
            if triple.speaker:
                out["source"].append((min(t.idx for t in triple.speaker),
                                      max(t.idx + len(t.text) for t in triple.speaker)))
            if triple.cue:
                out["cue"].append((min(t.idx for t in triple.cue),
                                   max(t.idx + len(t.text) for t in triple.cue)))
            out["content"].append((triple.content.start_char, triple.content.end_char))
        return out

    return predict


def evaluate(articles: Iterable[GoldArticle], docs: Iterable[Any], predict: Predictor) -> Scores:
    scores = Scores()
    for art, doc in zip(articles, docs, strict=True):
        predicted = predict(doc)
        for role in ROLES:
            gold = [span.fragments for span in art.spans if span.role == role]
            scores.add(role, score_spans(art.text, predicted[role], gold))
    return scores


def evaluate_attribution(path: str, nlp: Any, lex: AttributionLexicon, model: CueModel,
                         baselines: Iterable[str] = (), limit: int | None = None,
                         progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
                         ) -> dict[str, Scores]:
    """Score claimtrail (and the named baselines) on a PolNeAR split folder."""
    from ..ingest.structure import story_text
    from .polnear import iter_polnear

    articles = list(iter_polnear(path, limit=limit))
    # as `analyze` reads them: datelines, captions, credit and licence lines set apart (blanked,
    # so the gold offsets still index the text)
    docs: Iterable[Any] = nlp.pipe([story_text(a.text) for a in articles], batch_size=16)
    if progress is not None:
        docs = progress(docs, len(articles))
    parsed = list(docs)
    rows = {"claimtrail": evaluate(articles, parsed, claimtrail_predictor(lex, model))}
    for name in baselines:
        if name != "textacy":
            raise ValueError(f"unknown baseline {name!r}")
        rows["textacy direct_quotations"] = evaluate(articles, parsed, textacy_predictor())
    return rows


def as_json(rows: dict[str, Scores]) -> dict[str, Any]:
    return {system: {role: scores.roles[role].metrics() for role in ROLES}
            for system, scores in rows.items()}


def format_table(rows: dict[str, Scores]) -> str:
    lines = ["| system | role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |"
             " predicted | gold |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for system, scores in rows.items():
        for role in ROLES:
            m = scores.roles[role].metrics()
            lines.append(f"| {system} | {role} | {m['exact_p']:.3f} | {m['exact_r']:.3f} | "
                         f"{m['exact_f1']:.3f} | {m['overlap_p']:.3f} | {m['overlap_r']:.3f} | "
                         f"{m['overlap_f1']:.3f} | {m['predicted']:.0f} | {m['gold']:.0f} |")
    return "\n".join(lines)
