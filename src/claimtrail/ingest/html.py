"""Main text and metadata from HTML, via trafilatura (offline, ~13 ms a page)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import MalformedInput, NoMainText

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article)\b", re.I | re.S)
# Fewer words than this is a menu or a caption, not an article.
MIN_WORDS = 5
# lxml drops what lies deeper than this many elements (libxml2's limit without huge_tree).
MAX_PARSED_DEPTH = 255
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr"]
)
_TAG = re.compile(r"<(?:p|div|br|span|h[1-6]|a|title|meta)\b", re.I)


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None
    headings: tuple[str, ...] = ()


def nesting_depth(html: str) -> int:
    """How deep the elements nest (the deepest open element count), in one pass."""
    depth = deepest = 0
    for match in _ANY_TAG.finditer(html):
        closing, tag, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and tag.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def looks_like_html(text: str) -> bool:
    """True for a document that starts like HTML or is dense with common tags."""
    if _HTML_START.match(text[:2000]):
        return True
    head = text[:5000]
    return len(_TAG.findall(head)) >= 3 and head.lstrip().startswith("<")


def extract_html(html: str, name: str, url: str | None = None) -> HtmlContent:
    """Extract the article body and its metadata; raise when there is no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise MalformedInput(f"{name}: the HTML could not be parsed ({err})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        depth = nesting_depth(html)
        if depth > MAX_PARSED_DEPTH:
            raise MalformedInput(
                f"{name}: the HTML is nested {depth:,} elements deep, deeper than the HTML parser "
                f"reads ({MAX_PARSED_DEPTH}); its text is below that depth. Save the page's text, "
                "or pass the article's own page"
            )
        raise NoMainText(
            f"{name}: no article text found in the HTML (a page of navigation, a script-only "
            "page, or an empty body); save the article's own page or pass its text"
        )
    title = getattr(doc, "title", None) or None
    body = getattr(doc, "body", None)
    headings = tuple(" ".join("".join(head.itertext()).split()) for head in body.iter("head")) \
        if body is not None else ()
    first_line = text.partition("\n")[0].strip()
    if title and " ".join(title.split()).casefold() != " ".join(first_line.split()).casefold():
        # the headline is part of the story: it goes first, as in a plain-text article
        text = f"{' '.join(title.split())}\n{text}"
    return HtmlContent(
        text=text,
        title=title,
        headings=headings,
        author=getattr(doc, "author", None) or None,
        date=getattr(doc, "date", None) or None,
        sitename=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or url,
    )
