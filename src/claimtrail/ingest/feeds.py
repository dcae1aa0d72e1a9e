"""RSS (0.9x, 1.0, 2.0) and Atom feed files: one article per item, read as the file streams.

Parsed with lxml, never resolving entities or loading a DTD (no billion laughs, no external
files). An item's HTML content goes through HTML extraction like a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ..errors import InputTooLarge
from ..failures import Failure
from ..options import AnalyzeOptions
from ..records import Article
from .recordmeta import build_article, record_failure

_ROOTS = {"rss", "rdf", "feed", "channel"}
_ITEMS = {"item", "entry"}
_FEED_START = re.compile(rb"<(?:[\w.-]+:)?(rss|RDF|feed)\b")
_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|\xef\xbb\xbf", re.S)
_MARKUP = re.compile(r"<[A-Za-z/!]")


def is_feed(path: str) -> bool:
    """True for a file whose first element is an RSS, RDF or Atom root."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    match = _FEED_START.search(head)
    return match is not None and b"<" not in _strip_prolog(head[: match.start()])


def _strip_prolog(head: bytes) -> bytes:
    """What stands before the root, less the XML declaration, comments, PIs and the doctype."""
    return _PROLOG.sub(b"", head)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def read_feed(path: str, options: AnalyzeOptions) -> Iterator[Article | Failure]:
    """Each ``<item>`` or ``<entry>`` with its link, title, date and content (or summary)."""
    state = _FeedState(path, options)
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, load_dtd=False,
                                 no_network=True, huge_tree=False, remove_comments=True)
    with Path(path).open("rb") as fh:
        while True:
            chunk = fh.read(1 << 16)
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
            except etree.XMLSyntaxError as err:
                yield from state.take(parser.read_events())  # the items before the break
                if not state.done:
                    yield record_failure(path, f"item {state.number + 1}",
                                         f"the feed's XML breaks here ({err.msg}); the items after "
                                         "it are not read")
                return
            yield from state.take(parser.read_events())
            if state.done:
                return
            if not chunk:
                break
    if state.root is None:
        yield record_failure(path, "item 1", "empty: not an RSS or Atom feed")


class _FeedState:
    """The items of a feed as its parse events arrive."""

    def __init__(self, path: str, options: AnalyzeOptions) -> None:
        self.path, self.options = path, options
        self.number = 0
        self.outlet: str | None = None
        self.root: str | None = None
        self.done = False

    def take(self, events: Iterator[tuple[str, etree._Element]]) -> Iterator[Article | Failure]:
        for event, elem in events:
            if self.done:
                return
            name = _local(elem.tag)
            if self.root is None:
                if name not in _ROOTS:
                    self.done = True
                    yield record_failure(self.path, "item 1", "not an RSS or Atom feed (its root "
                                                              f"element is <{name}>)")
                    return
                self.root = name
                continue
            if event != "end":
                continue
            parent = elem.getparent()
            if name == "title" and parent is not None and _local(parent.tag) in {"channel", "feed"}:
                self.outlet = _text(elem) or None
            elif name in _ITEMS:
                self.number += 1
                yield _item(elem, self.path, f"item {self.number}", self.options, self.outlet)
                elem.clear()
                while elem.getprevious() is not None and parent is not None:
                    del parent[0]


def _text(elem: etree._Element) -> str:
    return "".join(t for t in elem.itertext() if isinstance(t, str)).strip()


def _content(elem: etree._Element) -> tuple[str, bool]:
    """An element's content and whether it is HTML (RSS and Atom type html/xhtml)."""
    kind = (elem.get("type") or "").lower()
    if kind == "xhtml" or (kind.endswith("xml") and len(elem)):
        inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in elem)
        return ((elem.text or "") + inner).strip(), True
    text = _text(elem)
    if kind in ("text", "text/plain"):
        return text, False
    return text, bool(_MARKUP.search(text))


def _item(elem: etree._Element, path: str, where: str, options: AnalyzeOptions,
          outlet: str | None) -> Article | Failure:
    fields: dict[str, etree._Element] = {}
    link: str | None = None
    for child in elem:
        name = _local(child.tag)
        if name == "link":
            rel = child.get("rel", "alternate")
            href = child.get("href") or _text(child)
            if href and rel == "alternate" and link is None:
                link = href
        elif name and name not in fields:
            fields[name] = child
    body = next((fields[k] for k in ("encoded", "content", "description", "summary") if k in fields),
                None)
    if body is None:
        return record_failure(path, where, "no content, description or summary to analyse")
    text, html = _content(body)
    if not text:
        return record_failure(path, where, "its content is empty")
    data = text.encode("utf-8")
    if len(data) > options.max_bytes:
        err = InputTooLarge(f"{path} {where} is larger than the limit of {options.max_bytes:,} "
                            "bytes; raise it with --max-bytes")
        return Failure(path, err.code, str(err), where)
    guid = fields["guid"] if "guid" in fields else fields.get("id")
    guid_text = _text(guid) if guid is not None else None
    if link is None and guid is not None and guid.get("isPermaLink", "true") == "true" and \
            (guid_text or "").startswith(("http://", "https://")):
        link = guid_text
    date_elem = next((fields[k] for k in ("pubdate", "published", "date", "updated") if k in fields),
                     None)
    title = _text(fields["title"]) if "title" in fields else None
    return build_article(data, options, path=path, record=where, input_kind="feed", html=html,
                         title=title or None, date=_text(date_elem) if date_elem is not None else None,
                         url=link, outlet=options.outlet or outlet, record_id=guid_text or None)
