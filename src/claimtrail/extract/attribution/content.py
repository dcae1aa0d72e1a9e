"""The content of a verb cue: its clause or object, or the quotation next to it."""

from __future__ import annotations

from typing import Any

from .._util import doc_children, doc_text, subtree_bounds
from ..quotes import quotes_overlapping
from .spans import _strip, _trailing_cut

# a content ends before a relative clause set off at its end ("…as John McCain, who was born
# abroad") and before a second clause after ", but" (measured on PolNeAR's training split:
# appositions, adverbial and participial clauses set off by a comma are as often the speaker's)
_TRAILING = frozenset({"relcl"})
_CONTRAST = frozenset({"but"})


def _content(token: Any, content_token: Any, quotes: list[tuple[int, int]]
             ) -> tuple[int, int] | None:
    """The content of the cue ``token`` headed by ``content_token`` (its clause or object). A
    raised passive subject is part of what is claimed ('Trump is expected to win'), and so is the
    predicate of an object ('described the plan as reckless', 'criticized the mayor for the
    delay')."""
    doc = token.doc
    if content_token is None:
        prep = next((c for c in token.children if c.dep_ == "prep"
                     and c.lower_ in _CONTENT_PREPS), None)  # "warned of new attacks"
        if prep is None:
            prep = _topic_preposition(token, quotes)  # "touched on the war"
        if prep is None:  # "the plan was first reported by the Gazette": what was reported
            return _passive_subject(token)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        content_token = obj
    content_token = _following(token, content_token)
    if content_token.dep_ == "dobj" and token.lemma_.lower() == "tell":
        return None  # 'told reporters', '“…,” he told People': whom it was told, not what
    if content_token.lower_ == "it" and content_token.dep_ == "dobj":
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        content_token = clause
    span = _content_extent(content_token, quotes)
    span = _with_split_clause(token, content_token, span, quotes)
    span = _with_raised_subject(token, content_token, span)
    span = _with_infinitive_subject(token, content_token, span)
    span = _with_object_predicate(token, content_token, span, quotes)
    span = _strip(doc_text(doc), span)
    if span[1] <= span[0]:
        return None
    # a content that runs into a quotation (inside its marks) is the quotation
    hit = quotes_overlapping(quotes, span[0] + 1, span[1] - 1)
    if hit:
        first, last = hit[0], hit[-1]
        span = (min(span[0], first[0]), max(span[1], last[1]))
        if span[0] < token.idx < span[1]:  # the cue sits inside: keep the quotation alone
            span = first if first[1] <= token.idx else last
    return span


# "touched on the war", "agreed with the mayor", "clashed over taxes": the topic of a verb with no
# object, when the preposition follows it at once (only a particle between: "chimed in with"),
# names no time ("spoke on Monday") and no quotation in the sentence is the content ('“…,” he
# said on television')
_TOPIC_PREPS = frozenset({"on", "upon", "with", "over", "through"})


def _topic_preposition(token: Any, quotes: list[tuple[int, int]]) -> Any:
    doc = token.doc
    k = token.i + 1
    while k < len(doc) and doc[k].head.i == token.i and doc[k].dep_ in ("prt", "advmod"):
        k += 1
    if k >= len(doc) or doc[k].dep_ != "prep" or doc[k].head.i != token.i \
            or doc[k].lower_ not in _TOPIC_PREPS:
        return None
    obj = next((c for c in doc[k].children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None or obj.ent_type_ in _WHEN:
        return None
    sent = token.sent
    if quotes_overlapping(quotes, sent.start_char, sent.end_char):
        return None
    return doc[k]


def _following(token: Any, content_token: Any) -> Any:
    """A clause before the cue is its content ('The plan failed, he said') unless the cue has a
    clause or an object of its own after it: then the clause before is the author's, or another
    verb's, which the parser hung on the cue ('He praised the plan, said it would work'; 'She is
    upbeat, sees the vote as a turning point'). Whom it is said to is no content ('…, he told
    reporters')."""
    if content_token.dep_ != "ccomp" or content_token.i > token.i:
        return content_token
    after = next((c for c in token.children if c.i > token.i and (
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj"
                                         and token.lemma_.lower() not in _ADDRESSED
                                         and token.lemma_.lower() != "tell"))), None)
    return after if after is not None else content_token


def _adjacent_quote(token: Any, sent: Any, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation in the cue's sentence (or ending right before it)."""
    best = None
    for start, end in quotes_overlapping(quotes, sent.start_char - 3, sent.end_char + 1):
        distance = min(abs(token.idx - end), abs(start - token.idx))
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    return best[1] if best else None


def _content_extent(token: Any, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The characters of ``token``'s subtree up to where the attributed content ends: a relative
    clause set off at its end ('said he is as American as John McCain, who was born abroad') and a
    second clause after ", but" ('said the bridge was destroyed, but the damage was minor') are
    the author's, not the content. A cut inside a quotation is not made: the speaker's own words
    are the content."""
    doc = token.doc
    lo, hi = subtree_bounds(doc)
    end = doc[hi[token.i]]
    cut = _trailing_cut(doc, token.i, _TRAILING, _CONTRAST)
    if cut is not None and cut > lo[token.i]:
        mark = doc[cut]
        if not quotes_overlapping(quotes, mark.idx, mark.idx + 1):
            end = doc[cut - 1]
    return doc[lo[token.i]].idx, end.idx + len(end.text)


def _with_split_clause(token: Any, content_token: Any, span: tuple[int, int],
                       quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """'Sources say the information gathered so far does not point to a motive': the parser may
    split one reported clause into two complements of the cue (a participle it took for the verb,
    then the verb). Complements that follow each other on the same side of the cue, with nothing
    but their own words between, are one content."""
    if content_token.dep_ != "ccomp":
        return span
    after = content_token.i > token.i
    for other in token.children:
        if other.dep_ != "ccomp" or other.i == content_token.i or (other.i > token.i) != after:
            continue
        extra = _content_extent(other, quotes)
        if extra[0] >= span[1] and not doc_text(token.doc)[span[1]:extra[0]].strip():
            span = (span[0], extra[1])
        elif extra[1] <= span[0] and not doc_text(token.doc)[extra[1]:span[0]].strip():
            span = (extra[0], span[1])
    return span


# "warned of new attacks", "talked about the war", "warned against haste", "pointed to the report"
# (not "on": "noted on X", "said on television" name the channel)
_CONTENT_PREPS = frozenset({"for", "about", "of", "against", "to"})
# "described the plan as reckless", "criticized the mayor for the delay"
_OBJECT_PREDICATES = frozenset({"as", "for"})


def _with_raised_subject(token: Any, content_token: Any, span: tuple[int, int]
                         ) -> tuple[int, int]:
    """'Trump is expected to win', 'the senator was named chair of the panel', 'she is best known
    for her songs': the passive subject of a cue with an infinitive or a predicate is what the
    predicate is said of, so the content runs from it (across the cue) to the predicate's end.
    (Not with an agent, who would stand inside the content: 'was praised by X for Y'; nor for a
    verb whose passive subject is the one spoken to: 'was told', 'was asked about'.)"""
    infinitive = content_token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                       for c in content_token.children)
    if not infinitive and not (_predicate(token, content_token) and _passive_subject_is_said(token)
                               and not any(c.dep_ == "agent" for c in token.children)):
        return span
    subject = _raised_subject(token)
    if subject is None:
        return span
    lo, _ = subtree_bounds(token.doc)
    return token.doc[lo[subject.i]].idx, span[1]


def _with_infinitive_subject(token: Any, content_token: Any, span: tuple[int, int]
                             ) -> tuple[int, int]:
    """'urged lawmakers to reject the bill', 'asked voters to stay home': the object of a cue with
    an infinitive is who is to do it, the subject of what is asked, so the content runs from it.
    (Not after 'tell': 'told reporters to wait' names whom it was told.)"""
    if content_token.dep_ != "xcomp" or content_token.i < token.i \
            or token.lemma_.lower() == "tell" \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in content_token.children):
        return span
    obj = next((c for c in token.children if c.dep_ == "dobj" and token.i < c.i < content_token.i),
               None)
    if obj is None:
        return span
    lo, _ = subtree_bounds(token.doc)
    return min(span[0], token.doc[lo[obj.i]].idx), span[1]


# verbs whose passive subject is the one spoken to, not what is said ('he was told', 'she was
# asked about the loan', 'they were urged to leave', 'voters were assured of a recount')
_ADDRESSED = frozenset({"tell", "ask", "question", "interview", "warn", "urge", "advise", "inform",
                        "remind", "assure", "brief", "quote", "press", "order", "invite"})


def _raised_subject(token: Any) -> Any:
    """The passive subject before a cue, unless an empty 'it' or 'there', or None."""
    return next((c for c in token.children if c.dep_ == "nsubjpass" and c.i < token.i
                 and c.lower_ not in ("it", "there")), None)


def _passive_subject_is_said(token: Any) -> bool:
    return token.tag_ == "VBN" and token.lemma_.lower() not in _ADDRESSED


def _predicate(token: Any, content_token: Any) -> bool:
    """Whether ``content_token`` heads a predicate of the cue's passive subject: 'was named chair',
    'was identified as the driver', 'is known for her songs'."""
    if content_token.dep_ in ("oprd", "attr", "dobj"):
        return True
    prep = content_token.head
    return content_token.dep_ in ("pobj", "pcomp") and prep.dep_ == "prep" \
        and prep.head.i == token.i and prep.lower_ in _OBJECT_PREDICATES


def _passive_subject(token: Any) -> tuple[int, int] | None:
    """The content of a passive cue with no object: its subject ('the plan was first reported
    by the Gazette', 'the meeting was confirmed by two aides'), and what it is taken for ('the
    driver was identified as a former guard')."""
    if not _passive_subject_is_said(token):
        return None
    subject = _raised_subject(token)
    if subject is None:
        return None
    lo, hi = subtree_bounds(token.doc)
    last = token.doc[hi[subject.i]]
    taken = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                  and c.i > token.i and hi[c.i] > c.i), None)
    if taken is not None and not any(c.dep_ == "agent" for c in token.children):
        last = token.doc[hi[taken.i]]
    span = _strip(doc_text(token.doc), (token.doc[lo[subject.i]].idx, last.idx + len(last.text)))
    return span if span[1] > span[0] else None


def _with_object_predicate(token: Any, content_token: Any, span: tuple[int, int],
                           quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """'described the plan as reckless', 'praised the mayor for her work', 'accused the agency of
    hiding the data', 'devoted its budget to the border', 'called him a coward', 'referred to the
    mayor as a liar': what the verb says of its object (the complements right after it) belongs
    to the content. A phrase of time or occasion ('praised her on Monday', 'thanked voters at a
    rally') tells when or where it was said, and ends it; so does a comma."""
    doc = token.doc
    if content_token.dep_ == "dobj":
        anchor = content_token.i
    elif content_token.dep_ in ("pobj", "pcomp") and content_token.head.head.i == token.i \
            and content_token.head.i > token.i:
        anchor = content_token.head.i  # 'referred to the mayor as a liar', 'called for X'
    else:
        return span
    lo, hi = subtree_bounds(doc)
    end = hi[anchor]
    last = None
    for c in doc_children(doc)[token.i]:
        if c <= hi[anchor]:
            continue
        if lo[c] != end + 1 or not _object_complement(doc[c]):
            break
        end, last = hi[c], c
    # an 'as' or 'for' further on still says what the object is taken for ('described the plan
    # on Monday as reckless')
    prep = next((c for c in doc_children(doc)[token.i] if c > end
                 and doc[c].dep_ == "prep" and doc[c].lower_ in _OBJECT_PREDICATES), None)
    if prep is not None and hi[prep] > prep:
        end, last = hi[prep], prep
    if last is None:
        return span
    cut = _trailing_cut(doc, last, _TRAILING, _CONTRAST)
    if cut is not None and cut > lo[last]:
        mark = doc[cut]
        if not quotes_overlapping(quotes, mark.idx, mark.idx + 1):
            end = cut - 1
    final = doc[end]
    return span[0], max(span[1], final.idx + len(final.text))


# prepositions that complete what a verb says of its object ('accused him of', 'compared it to',
# 'blamed the law for', 'saw an upside in'); not 'at', 'on', 'by', 'after', 'during': they say
# where, when or how it was said
_COMPLEMENT_PREPS = frozenset({"as", "for", "of", "to", "in", "into", "with", "from", "without",
                               "against", "onto", "over", "than"})
_WHEN = frozenset({"DATE", "TIME"})


def _object_complement(tok: Any) -> bool:
    if tok.dep_ in ("oprd", "dobj"):
        return True
    if tok.dep_ != "prep" or tok.lower_ not in _COMPLEMENT_PREPS:
        return False
    obj = next((c for c in tok.children if c.dep_ in ("pobj", "pcomp")), None)
    return obj is not None and obj.ent_type_ not in _WHEN
