"""The real-news claim gold: files that hold offsets and a hash, never the text.

A gold file (``tests/gold/claims-news/NAME.json``) names a text under the shared data folder
(``path``, relative to it) and its SHA-256, lists the article's sources (each with its kind and
the spans where the article names it) and its attributed statements (source, local mention, cue,
content, status). Texts are read from the data folder at evaluation time; a text whose hash has
changed is refused, so offsets never silently point at the wrong characters.

Annotators write *drafts* instead, with the strings as they appear in the text (kept outside the
repository); :func:`build_gold` turns a draft into offsets and checks that every string is found.
Draft format::

    {"path": "polnear/train/text/NAME.txt", "topic": "war" | "other",
     "sources": {"putin": {"kind": "person", "names": ["Vladimir V. Putin", "Mr. Putin"]}},
     "claims": [{"source": "putin" | null, "mention": "he" | null, "cue": "said" | null,
                 "content": "exact words", "status": "reported", "near": "longer exact words"}]}

Claims are listed in reading order; each content string is looked up from the previous claim's
content onward (``near``, a longer string holding it, settles a repeated one). The cue is the
occurrence nearest the content, the mention the occurrence nearest the cue.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gold_files import (
    annotated_path,
    disjoint,
    draft_command,
    gold_files,
    occurrences,
    read_gold_file,
    read_text,
    text_hash,
)

FORMAT = "claimtrail-claims-gold/1"
KINDS = ("person", "government", "military", "media", "organization", "group", "anonymous",
         "document", "social_media", "other")
STATUSES = ("reported", "hedged", "speculative", "denied", "unconfirmed", "no_comment", "question")
_WINDOW = 600


@dataclass(frozen=True, slots=True)
class GoldSource:
    id: str
    kind: str
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldClaim:
    source: str | None
    mention: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    status: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    path: str
    text: str
    topic: str
    sources: dict[str, GoldSource]
    claims: tuple[GoldClaim, ...]

    def source_kind(self, claim: GoldClaim) -> str:
        return self.sources[claim.source].kind if claim.source else "anonymous"


# --- drafts -> gold ---------------------------------------------------------------------------

def build_gold(draft: dict[str, Any], data_root: Path) -> tuple[dict[str, Any], list[str]]:
    """A draft turned into a gold record (offsets and hash), and the problems found."""
    problems: list[str] = []
    text = read_text(data_root, draft["path"])
    sources: dict[str, Any] = {}
    for sid, spec in draft.get("sources", {}).items():
        if spec.get("kind") not in KINDS:
            problems.append(f"source {sid}: kind {spec.get('kind')!r} is not one of {KINDS}")
        spans: list[tuple[int, int]] = []
        for name in spec.get("names", []):
            found = occurrences(text, name)
            if not found:
                problems.append(f"source {sid}: name {name!r} is not in the text")
            spans.extend(found)
        sources[sid] = {"kind": spec.get("kind"), "mentions": disjoint(spans)}
    claims = []
    cursor = 0
    for k, claim in enumerate(draft.get("claims", [])):
        where = f"claim {k + 1} ({str(claim.get('content'))[:40]!r})"
        if claim.get("status") not in STATUSES:
            problems.append(f"{where}: status {claim.get('status')!r} is not one of {STATUSES}")
        sid = claim.get("source")
        if sid is not None and sid not in sources:
            problems.append(f"{where}: source {sid!r} is not declared")
        content = _locate_content(text, claim, cursor)
        if content is None:
            problems.append(f"{where}: content not found in the text")
            continue
        cursor = content[0]
        cue = _nearest(text, claim.get("cue"), content, avoid=content)
        if claim.get("cue") and cue is None:
            problems.append(f"{where}: cue {claim['cue']!r} not found within {_WINDOW} characters")
        anchor = cue or content
        mention = _nearest(text, claim.get("mention"), anchor, avoid=content)
        if claim.get("mention") and mention is None:
            problems.append(f"{where}: mention {claim['mention']!r} not found near the cue")
        claims.append({"source": sid, "mention": mention, "cue": cue, "content": content,
                       "status": claim.get("status")})
    gold = {"format": FORMAT, "path": draft["path"], "sha256": text_hash(text),
            "topic": draft.get("topic", "other"), "sources": sources, "claims": claims}
    return gold, problems


def _locate_content(text: str, claim: dict[str, Any], cursor: int) -> tuple[int, int] | None:
    content = claim.get("content") or ""
    if not content:
        return None
    near = claim.get("near")
    if near:
        at = text.find(near, cursor)
        if at < 0:
            at = text.find(near)
        if at < 0:
            return None
        inner = near.find(content)
        if inner < 0:
            return None
        return at + inner, at + inner + len(content)
    at = text.find(content, cursor)
    if at < 0:
        at = text.find(content)
    if at < 0:
        return None
    return at, at + len(content)


def _nearest(text: str, needle: str | None, anchor: tuple[int, int],
             avoid: tuple[int, int]) -> tuple[int, int] | None:
    if not needle:
        return None
    lo, hi = max(0, anchor[0] - _WINDOW), min(len(text), anchor[1] + _WINDOW)
    best: tuple[int, tuple[int, int]] | None = None
    for start, end in occurrences(text[lo:hi], needle):
        span = (start + lo, end + lo)
        if span[0] >= avoid[0] and span[1] <= avoid[1] and avoid != anchor:
            continue  # a mention inside the content is not the speaker
        distance = max(anchor[0] - span[1], span[0] - anchor[1], 0)
        if best is None or distance < best[0]:
            best = (distance, span)
    return best[1] if best else None


# --- gold files -------------------------------------------------------------------------------

def load_gold(folder: Path, data_root: Path, paths: Collection[str] | None = None
              ) -> list[GoldArticle]:
    """Every gold file in ``folder`` (only those annotating one of ``paths``, when given), with
    its text read (and its hash checked) from ``data_root``."""
    articles = []
    for f in gold_files(folder):
        if paths is not None and annotated_path(f) not in paths:
            continue
        articles.append(_load_one(f, data_root))
    return articles


def _load_one(path: Path, data_root: Path) -> GoldArticle:
    raw, text = read_gold_file(path, data_root, FORMAT, "a claims")
    sources = {sid: GoldSource(sid, s["kind"], tuple((a, b) for a, b in s["mentions"]))
               for sid, s in raw["sources"].items()}
    claims = tuple(GoldClaim(c["source"], _pair(c["mention"]), _pair(c["cue"]),
                             (c["content"][0], c["content"][1]), c["status"])
                   for c in raw["claims"])
    return GoldArticle(path.stem, raw["path"], text, raw.get("topic", "other"), sources, claims)


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


# --- the annotators' command ------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """``python -m claimtrail.evaluate.claims_gold check|build DRAFT... [--data D] [--out DIR]``:
    ``check`` shows each draft claim as found in the text, ``build`` writes the gold files."""
    return draft_command(
        argv, "python -m claimtrail.evaluate.claims_gold", "tests/gold/claims-news", build_gold,
        lambda gold: f"{len(gold['claims'])} claims, {len(gold['sources'])} sources",
        lambda text, gold: [_render(text, c) for c in gold["claims"]])


def _render(text: str, claim: dict[str, Any]) -> str:
    def show(span: Any) -> str:
        return "-" if not span else repr(text[span[0]:span[1]])[:90]

    return (f"[{claim['status']}] {claim['source']} mention={show(claim['mention'])} "
            f"cue={show(claim['cue'])} content={show(claim['content'])}")


if __name__ == "__main__":
    raise SystemExit(main())
