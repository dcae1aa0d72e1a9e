"""The readable terminal report (``--format text``)."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from typing import Any

from .output import safe_for_terminal

_GROUPS = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG",)),
    ("Places", ("GPE", "LOC", "FAC")),
    ("Nationalities and groups", ("NORP",)),
    ("Weapons", ("WEAPON",)),
    ("Other", ("PRODUCT", "EVENT", "LAW")),
)
_WIDTH = 100


def render_text(analysis: dict[str, Any]) -> str:
    """Render ``Analysis.as_dict()`` as plain text, safe to print: control characters, escape
    sequences and bidi controls from the article (in any field) are shown escaped, e.g. ``\\x1b``."""
    art = analysis["article"]
    lines: list[str] = []
    lines.append(_one_line(art.get("title") or "(untitled article)"))
    facts = []
    if art.get("published"):
        facts.append(f"published {art['published']} ({art['published_from']})")
    else:
        facts.append("no publication date")
    if art.get("outlet"):
        facts.append(_one_line(art["outlet"]))
    conf = art.get("language_confidence")
    facts.append(f"language {art['language']}" + (f" ({conf:.2f})" if conf is not None else ""))
    facts.append(f"{art['words']} words")
    model = analysis["model"]
    facts.append(f"model {model['name']} {model['version']}")
    lines.append(" · ".join(facts))
    if art.get("url") or art.get("path"):
        lines.append(_one_line(art.get("url") or art["path"]))
    lines += _structure(art.get("structure"))
    for warning in analysis.get("warnings", []):
        lines.append(f"! {_one_line(warning)}")
    lines += ["", *_claims(analysis), "", *_events(analysis), "", *_techniques(analysis), "",
              *_entities(analysis["entities"]), "",
              *_times(analysis["times"], art["text"])]
    # Every field passes through here: whatever a section prints, no control reaches the terminal.
    return safe_for_terminal("\n".join(lines) + "\n", multiline=True)


def _structure(structure: dict[str, Any] | None) -> list[str]:
    """Dateline and byline on one line; what was set apart from the story, counted by kind."""
    if not structure:
        return []
    parts = []
    dateline = structure.get("dateline")
    if dateline:
        where = ", ".join(x for x in (dateline["place"], dateline["date"] or dateline["date_text"]) if x)
        agency = f" ({dateline['agency']})" if dateline["agency"] else ""
        parts.append(f"dateline {where}{agency}" if where else f"source tag{agency}")
    byline = structure.get("byline")
    if byline and byline["names"]:
        parts.append("by " + ", ".join(byline["names"]))
    parts.append(f"{len(structure['paragraphs'])} paragraphs")
    counts: dict[str, int] = defaultdict(int)
    for piece in structure["set_apart"]:
        if piece["kind"] not in ("dateline", "source_tag", "byline", "markup"):
            counts[piece["kind"]] += 1
    if counts:
        parts.append("set apart: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    return [_one_line(" · ".join(parts))]


def _one_line(value: str) -> str:
    """A field printed on a line of its own: a line break inside it is shown, not obeyed."""
    return safe_for_terminal(value)


_STATUS_ORDER = ("asserted", "hedged", "speculative", "question", "reported", "denied",
                 "unconfirmed", "no_comment")


def _claims(analysis: dict[str, Any]) -> list[str]:
    claims = analysis["claims"]
    sources = {s["id"]: s for s in analysis["sources"]}
    reported = [c for c in claims if c["voice"] == "reported"]
    own = [c for c in claims if c["voice"] == "author"]
    n_sources = len({c["source_id"] for c in reported})
    out = [f"CLAIMS BY SOURCE ({len(reported)} attributed, from {n_sources} "
           f"source{'' if n_sources == 1 else 's'})"]
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in reported:
        by_source[claim["source_id"]].append(claim)
    for source_id, items in by_source.items():
        source = sources[source_id]
        facts = [source["kind"]] + ([source["country"]] if source.get("country") else [])
        said_as = list(dict.fromkeys(m["text"] for m in source["mentions"]))
        also = f'  as: {", ".join(repr(s) for s in said_as[:4])}' if said_as else ""
        out.append(f"  {source['name']}  [{', '.join(facts)}]{also}")
        for claim in items:
            out += _claim_lines(claim, sources)
    out += ["", f"AUTHOR'S OWN VOICE ({len(own)} statement{'' if len(own) == 1 else 's'})"]
    counts: dict[str, int] = defaultdict(int)
    for claim in own:
        counts[claim["status"]] += 1
    out.append("  " + ", ".join(f"{counts[s]} {s}" for s in _STATUS_ORDER if counts[s]))
    for claim in own:
        if claim["status"] != "asserted":
            out += _claim_lines(claim, sources)
    return out


def _claim_lines(claim: dict[str, Any], sources: dict[str, Any]) -> list[str]:
    tags = [claim["status"]]
    if claim["negated"]:
        tags.append("negated")
    if claim["quote"] == "direct":
        tags.append("quote")
    if claim["channel"]:
        tags.append(claim["channel"].replace("_", " "))
    if claim["via"]:
        tags.append("via " + ", ".join(sources[v]["name"] for v in claim["via"]))
    if claim["markers"]:
        tags.append("markers: " + ", ".join(claim["markers"]))
    cue = f'{claim["cue"]["text"]}: ' if claim.get("cue") else ""
    head = f"    [{'; '.join(tags)}] {cue}"
    return textwrap.wrap(f"{head}{' '.join(claim['text'].split())}", _WIDTH,
                         subsequent_indent="        ")


def _events(analysis: dict[str, Any]) -> list[str]:
    """The timeline: events by date (undated ones last), with who, whom, where, the source and
    the status of the claims that report them."""
    events = analysis.get("events", [])
    out = [f"EVENTS ({len(events)}, dated first)"]
    ids = {e["id"]: e for e in events}

    def key(event: dict[str, Any]) -> tuple[bool, str, int]:
        start = event["when"].get("start")
        return start is None, start or "", event["trigger"]["start_char"]

    for event in sorted(events, key=key):
        when = event["when"]
        if when.get("start") and when["precision"] == "day":
            date = when["start"]
        elif when.get("start"):
            date = f"{when['start']}…{when['end']}"
        else:
            date = "undated" if when["precision"] == "none" else f"unresolved: {when.get('text')}"
        kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
        flags = [event["modality"]] if event["modality"] != "actual" else []
        if event["negated"]:
            flags.append("negated")
        head = f"  {date:<22} {kind:<22} "
        who = ", ".join(a["name"] for a in event["actors"]) or "?"
        parts = [who, f"“{event['trigger']['text']}”"]
        if event["recipients"]:
            parts.append("→ " + ", ".join(r["name"] + (" (inferred)" if r.get("inferred") else "")
                                          for r in event["recipients"]))
        if event.get("location"):
            loc = event["location"]
            parts.append(f"in {loc['name']}" + (f" ({loc['country']})" if loc.get("country") else ""))
        if event["weapons"]:
            parts.append("with " + ", ".join(w["name"] for w in event["weapons"]))
        line = head + " ".join(parts)
        if flags:
            line += f"  [{', '.join(flags)}]"
        out += textwrap.wrap(line, _WIDTH, subsequent_indent=" " * 47)
        if event["quantities"]:
            counted = "; ".join(f"{q['value']:g} {q['unit']} {q['counts']}" for q in event["quantities"])
            out.append(f"{'':<47}counts: {counted}")
        reports = "; ".join(
            f"{r['source_id']}{' via ' + ', '.join(r['via']) if r['via'] else ''} ({r['status']})"
            for r in event["reports"]) or "the author (asserted)"
        out.append(f"{'':<47}reported by: {reports}")
        for link in event["links"]:
            target = ids.get(link["target"] or "")
            what = (f"{target['type']} “{target['trigger']['text']}” ({target['id']})" if target
                    else f"“{link.get('target_text')}”")
            out.append(f"{'':<47}{link['type']} to {what}, says {link['asserted_by']} "
                       f"(“{link['cue']['text']}”)")
    return out


_SHORT = {
    "Appeal_to_Authority": "AUTHORITY", "Appeal_to_fear-prejudice": "FEAR",
    "Bandwagon,Reductio_ad_hitlerum": "BANDWAGON", "Black-and-White_Fallacy": "BLACK-WHITE",
    "Causal_Oversimplification": "OVERSIMPLIFY", "Doubt": "DOUBT",
    "Exaggeration,Minimisation": "EXAGGERATE", "Flag-Waving": "FLAG", "Loaded_Language": "LOADED",
    "Name_Calling,Labeling": "LABEL", "Repetition": "REPEAT", "Slogans": "SLOGAN",
    "Thought-terminating_Cliches": "CLICHE", "Whataboutism,Straw_Men,Red_Herring": "WHATABOUT",
}


def _techniques(analysis: dict[str, Any]) -> list[str]:
    """A per-technique summary, then each sentence that has technique spans, with the spans
    marked ⟦like this⟧ and labelled."""
    items = analysis.get("techniques", [])
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item["technique"]] += 1
    out = [f"PERSUASION TECHNIQUES ({len(items)} spans)"]
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {n:>3}  {name}")
    text = analysis["article"]["text"]
    by_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_sentence[item["sentence"]].append(item)
    for _, group in sorted(by_sentence.items()):
        start = min(t["start_char"] for t in group)
        left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, -1) + 1
        end = max(t["end_char"] for t in group)
        right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
        right = min(right_candidates) + 1 if right_candidates else len(text)
        marked = text[left:right]
        # mark from the end so offsets stay valid; overlapping spans are marked once
        taken: list[tuple[int, int]] = []
        for item in sorted(group, key=lambda t: -t["start_char"]):
            s, e = item["start_char"] - left, item["end_char"] - left
            if any(s < te and ts < e for ts, te in taken) or s < 0 or e > len(marked):
                continue
            taken.append((s, e))
            marked = f"{marked[:s]}⟦{marked[s:e]}⟧{_SHORT.get(item['technique'], item['technique'])}" \
                     f"{marked[e:]}"
        out += textwrap.wrap(" ".join(marked.split()), _WIDTH, initial_indent="  > ",
                             subsequent_indent="    ")
        for item in group:
            out.append(f"      {_SHORT.get(item['technique'], item['technique'])}: "
                       f"“{item['text']}” ({item['source']}, {item['score']:.2f}) — "
                       f"{item['explanation']}")
    return out


def _entities(entities: list[dict[str, Any]]) -> list[str]:
    out = [f"ENTITIES ({len(entities)})"]
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ent in entities:
        by_label[ent["label"]].append(ent)
    for title, labels in _GROUPS:
        group = [e for label in labels for e in by_label.get(label, [])]
        if not group:
            continue
        out.append(f"  {title} ({len(group)})")
        for ent in sorted(group, key=lambda e: (-len(e["mentions"]), e["name"])):
            facts = [ent["kind"]]
            if ent.get("country"):
                facts.append(ent["country"])
            if ent.get("qid"):
                facts.append(ent["qid"])
            if ent["source"] == "model":
                facts.append("not in gazetteer")
            forms = list(dict.fromkeys(m["text"] for m in ent["mentions"]))
            shown = ", ".join(f'"{f}"' for f in forms[:5]) + (" …" if len(forms) > 5 else "")
            count = len(ent["mentions"])
            out.append(f"    {ent['name']}  [{', '.join(facts)}]  "
                       f"{count} mention{'s' if count != 1 else ''}: {shown}")
            if ent.get("note"):
                out.append(f"      note: {ent['note']}")
    return out


def _times(times: list[dict[str, Any]], text: str) -> list[str]:
    out = [f"TIMES ({len(times)})"]
    ordered = sorted(times, key=lambda t: (t["start"] is None, t["start"] or "", t["start_char"]))
    for item in ordered:
        when = item["value"] or "unresolved"
        if item["grain"] not in ("day",) and item["start"]:
            when = f"{item['value']} ({item['start']} – {item['end']})"
        how = item["resolution"].replace("_", " ")
        if item.get("anchor"):
            how += f" {item['anchor']}"
        out.append(f"  {when:<34} {item['grain']:<8} \"{item['text']}\"  [{how}]")
        if item.get("note"):
            out.append(f"      note: {item['note']}")
        sentence = _sentence_around(text, item["start_char"], item["end_char"])
        out += textwrap.wrap(sentence, _WIDTH, initial_indent="      > ", subsequent_indent="        ")
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), -1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1:right].split())
