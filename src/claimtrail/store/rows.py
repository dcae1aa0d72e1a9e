"""An :class:`Analysis` (or an article left unanalysed) as rows of the corpus tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from .. import __version__
from ..failures import Failure
from ..records import SCHEMA_VERSION, Analysis, Article, EventArgument

Row = dict[str, Any]


def store_id(article: Article) -> str:
    """The corpus id of an article: the first 16 hex digits of the SHA-256 of its text with
    whitespace runs collapsed to one space and the ends stripped, a newline, and its url (or
    nothing). The same text from the same address always gets the same id; the same text at two
    addresses is two articles."""
    normalised = " ".join(article.text.split())
    key = f"{normalised}\n{article.url or ''}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_row(article: Article, sid: str, now: dt.datetime,
                analysis: Analysis | None = None) -> Row:
    """The ``articles`` row; ``analysis`` None for an article stored but not analysed."""
    structure = article.structure
    dateline, byline = structure.dateline, structure.byline
    model = analysis.model if analysis is not None else {}
    return {
        "id": sid, "text_id": article.id, "url": article.url, "outlet": article.outlet,
        "title": article.title, "author": article.author, "published": article.published,
        "published_from": article.published_from, "language": article.language,
        "language_confidence": article.language_confidence, "analysed": analysis is not None,
        "input_kind": article.input_kind, "path": _name(article.path), "record": article.record,
        "record_id": article.record_id, "words": len(article.text.split()),
        "chars": len(article.text), "text": article.text,
        "dateline_place": dateline.place if dateline else None,
        "dateline_agency": dateline.agency if dateline else None,
        "dateline_date": dateline.date if dateline else None,
        "byline_names": list(byline.names) if byline else [],
        "structure": json.dumps(structure.as_dict(), ensure_ascii=False),
        "ingested_at": now, "claimtrail_version": __version__,
        "schema_version": SCHEMA_VERSION if analysis is not None else None,
        "model_name": model.get("name"), "model_version": model.get("version"),
    }


def analysis_rows(analysis: Analysis, sid: str) -> dict[str, list[Row]]:
    """The rows of every table but ``articles`` and ``failures`` for one analysis."""
    names = {s.id: s.name for s in analysis.sources}
    rows: dict[str, list[Row]] = {
        "analyses": [{"article_id": sid,
                      "analysis": json.dumps(analysis.as_dict(), ensure_ascii=False)}],
        "entities": [], "mentions": [], "sources": [], "claims": [], "events": [],
        "event_arguments": [], "times": [], "techniques": [],
    }
    for ent in analysis.entities:
        rows["entities"].append({
            "article_id": sid, "entity_id": ent.id, "name": ent.name, "label": ent.label,
            "kind": ent.kind, "country": ent.country, "qid": ent.qid, "source": ent.source,
            "mentions": len(ent.mentions)})
        rows["mentions"].extend({
            "article_id": sid, "entity_id": ent.id, "text": m.text, "start_char": m.start_char,
            "end_char": m.end_char, "sentence": m.sentence, "how": m.how} for m in ent.mentions)
    rows["sources"] = [{
        "article_id": sid, "source_id": s.id, "name": s.name, "kind": s.kind,
        "entity_id": s.entity_id, "country": s.country, "collective": s.collective}
        for s in analysis.sources]
    rows["claims"] = [{
        "article_id": sid, "claim_id": c.id, "text": c.text, "start_char": c.start_char,
        "end_char": c.end_char, "sentence": c.sentence, "source_id": c.source_id,
        "source_name": names.get(c.source_id), "cue": c.cue.text if c.cue else None,
        "cue_kind": c.cue_kind, "via": list(c.via), "voice": c.voice, "status": c.status,
        "negated": c.negated, "quote": c.quote, "channel": c.channel,
        "markers": list(c.markers)} for c in analysis.claims]
    for ev in analysis.events:
        rows["events"].append({
            "article_id": sid, "event_id": ev.id, "type": ev.type, "plover_type": ev.plover_type,
            "mode": ev.mode, "trigger": ev.trigger.text, "start_char": ev.trigger.start_char,
            "end_char": ev.trigger.end_char, "sentence": ev.sentence, "modality": ev.modality,
            "negated": ev.negated, "status": ev.status, "source_id": ev.source_id,
            "when_precision": ev.when.precision, "when_value": ev.when.value,
            "when_start": ev.when.start, "when_end": ev.when.end,
            "location": ev.location.name if ev.location else None,
            "location_country": ev.location.country if ev.location else None,
            "intensity": ev.intensity, "main": ev.main})
        roles: list[tuple[str, EventArgument]] = [
            *(("actor", a) for a in ev.actors), *(("recipient", a) for a in ev.recipients),
            *(("weapon", a) for a in ev.weapons),
            *((("location", ev.location),) if ev.location else ())]
        rows["event_arguments"].extend({
            "article_id": sid, "event_id": ev.id, "role": role, "text": a.text,
            "start_char": a.start_char, "end_char": a.end_char, "entity_id": a.entity_id,
            "name": a.name, "country": a.country, "sector": a.sector,
            "inferred": a.inferred} for role, a in roles)
    rows["times"] = [{
        "article_id": sid, "text": t.text, "start_char": t.start_char, "end_char": t.end_char,
        "sentence": t.sentence, "value": t.value, "grain": t.grain, "start_date": t.start,
        "end_date": t.end, "resolution": t.resolution} for t in analysis.times]
    rows["techniques"] = [{
        "article_id": sid, "technique_id": t.id, "technique": t.technique, "text": t.text,
        "start_char": t.start_char, "end_char": t.end_char, "sentence": t.sentence,
        "score": t.score, "source": t.source} for t in analysis.techniques]
    return rows


def failure_row(failure: Failure, now: dt.datetime) -> Row:
    return {"input": _name(failure.source), "record": failure.record, "code": failure.code,
            "message": failure.message, "failed_at": now}


def _name(name: str | None) -> str | None:
    """A file name as text: the bytes of a name that was not UTF-8 shown as ``\\xe9``."""
    if name is None:
        return None
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
