"""Verb cues: reporting and belief verbs, non-answers ('declined to comment'), 'made it clear'."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from .._util import doc_text, subtree_bounds, subtree_span
from ..cue_model import CueModel, cue_features
from ..quotes import quotes_overlapping
from .candidates import is_candidate, near_quote
from .content import _adjacent_quote, _content
from .experiencers import _experiencer, _to_experiencer
from .lexicon import AttributionLexicon
from .model import Attribution
from .phrases import _raised_report
from .spans import _cut, _direct, _overlaps, _span, _strip, _through_preposition
from .subjects import _impersonal, _source, quoted_speaker

_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
_LEFT_CUE_DEPS = ("aux", "auxpass", "neg")


def _verb_cue(token: Any, sent: Any, s_i: int, lex: AttributionLexicon, quotes: list[tuple[int, int]],
              model: CueModel) -> Attribution | None:
    if token.pos_ in ("NOUN", "PROPN", "ADP", "PUNCT"):
        return None
    special = (_attitude(token, s_i, lex, quotes) or _unavailable(token, s_i, lex, quotes)
               or _raised_report(token, s_i, lex, quotes))
    if special is not None:
        return special
    lemma = token.lemma_.lower()
    candidate = is_candidate(token, lex)
    if not candidate and lemma not in _frame_heads(lex):
        return None  # no frame below can make it a cue (its children need not be looked at)
    if _in_idiom(token, lex):
        return None  # "That is to say, …", "Needless to say, …": the writer's own connective
    children = list(token.children)
    negated = _negated(token, children, lex)
    postposed = _postposed(token, children, lex)
    act = _speech_act(token, sent, children, lex, quotes)
    if not candidate and postposed is None and act is None and not (
            negated and token.pos_ == "VERB" and (
                lemma in lex.negated_confirm or lemma in lex.negated_answer
                or lemma in lex.negated_giving)):
        return None  # but "could not be independently verified" is a non-answer
    doc = token.doc

    non_answer = None
    content_token = min((c for c in children if c.dep_ in _CONTENT_DEPS),
                        key=lambda c: _CONTENT_DEPS.index(c.dep_), default=None)
    phrasal = _make_clear(token)
    if phrasal is not None:
        content_token = phrasal
    elif act is not None and act.content_token is not None:
        content_token = act.content_token
    if lemma in lex.non_answer_verbs:
        if content_token is not None and content_token.lemma_.lower() in lex.non_answer_objects:
            non_answer = "unconfirmed" if content_token.lemma_.lower() in lex.negated_confirm \
                else "no_comment"
        # otherwise a refusal to act ("refused to join the debate"), which the model judges
    elif negated and lemma in lex.negated_confirm:
        non_answer = "unconfirmed"
    elif negated and lemma in lex.negated_giving and content_token is not None \
            and content_token.dep_ == "dobj" and content_token.lemma_.lower() in lex.given_answers:
        non_answer = "no_comment"  # "wouldn't offer any details", "gave no reason"
    elif negated and lemma in lex.negated_answer and not _declarative(content_token):
        non_answer = "no_comment"  # "did not say how many", not "did not say that…"
    # the model judges before any content is looked for (most candidates are no cue)
    precision = lex.learned_precision.get(lemma, 0.0)
    if non_answer is None and phrasal is None:
        features = cue_features(token, sent, near_quote(sent, quotes), precision, lex.speech)
        if not model.accepts(features) and postposed is None and act is None \
                and _absolute_with(token, lex) is None and not _unseen_speech(token, lemma, lex):
            return None

    cue_lemma = "make clear" if phrasal is not None else postposed or (act.key if act else lemma)
    hedge = None
    if negated and non_answer is None and act is not None and act.denial:
        hedge = f"not {act.key}"  # "did not rule out…": no denial, a hedge
    elif negated and non_answer is None and (lemma in lex.speech or act is not None):
        cue_lemma = f"not {lemma}"  # "did not say that…": no one said it (no claim)

    content = _content(token, content_token, quotes) if act is None or act.quote is None \
        else act.quote
    if content is None and postposed is not None and _adjacent_quote(token, sent, quotes) is None:
        content = _paratactic_content(token, sent)
    if phrasal is not None and content is not None:
        clear = _clear_of(token)
        content = _strip(doc_text(doc), (max(content[0], clear.idx + len(clear.text)), content[1]))
    inserted = content is None and non_answer is None and _inserted(token, lex)
    if inserted:  # "The strike, the ministry said, killed three people": the clause around it
        content = _strip(doc_text(doc), subtree_span(token.head))
    if content is None and non_answer is None:
        content = _adjacent_quote(token, sent, quotes)
    if content is None and non_answer is not None:  # "the claims could not be verified"
        unverified = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if unverified is not None:
            content = _strip(doc_text(doc), subtree_span(unverified))
    if content is not None:
        content = _before_absolute_cue(doc, content, lex, quotes)
    if content_token is not None and content_token.dep_ == "dobj" and content_token.pos_ == "PRON" \
            and content is not None and content[1] - content[0] <= len(content_token.text):
        # 'chiding him, “What difference does it make?”': whom it is said to, then what
        quote = _adjacent_quote(token, sent, quotes)
        if quote is not None and 0 <= quote[0] - content[1] <= 3:
            content = quote
    clausal = inserted or (content_token is not None and (
        content_token.dep_ in ("ccomp", "xcomp") or (act is not None
                                                      and _marked(content_token, "that"))))
    if act is None and lemma in lex.object_infinitive_only:
        clausal = False  # "pushed to expand": an effort, not a call on someone
    if lemma in lex.experiencer and act is None:  # (but "reassured voters that…" is said)
        source, source_token, content = _experiencer(token, lex, content)
    elif lemma in lex.subject_is_content:
        source, source_token = _to_experiencer(token)
        if source is not None:
            content = _seeming_content(token, source, content)
    else:  # (an inserted cue's own subject stands inside its content)
        source, source_token = _source(token, lex, None if inserted else content)
    asked = _asked(token, lex)
    if asked:  # "Asked about the plan, the envoy said…": the envoy was asked, by someone unnamed
        source, source_token = None, None
    via = None
    quoted = quoted_speaker(token)
    if quoted is not None:  # "CNN quoted a witness as saying…": the witness, via CNN
        source, source_token, via = quoted
        content = _said_as(token, quotes) or _adjacent_quote(token, sent, quotes)
        clausal = content is not None
    if source is None and content is None and non_answer is None:
        return None
    if source is not None and content is not None and _overlaps(source, content) and not inserted:
        if token.dep_ == "relcl" and content[0] < source[0] and token.idx < content[1]:
            # "a wall, which he said Mexico should pay for": what follows the cue (the relative
            # pronoun that opens the content stands before its speaker)
            content = _strip(doc_text(token.doc), (token.idx + len(token.text), content[1]))
        elif content[0] < source[0] and source[1] <= content[1] <= token.idx:
            # "…to travel to Jordan, a statement of facts filed with his plea agreement said":
            # the speaker the parser hung inside the content ends it
            content = _strip(doc_text(token.doc), (content[0], source[0]))
        else:
            source = _cut(source, content)
    direct = content is not None and _direct(content, quotes)
    cue = _through_preposition(token, _cue_span(token, phrasal, non_answer is not None), content)
    if non_answer is not None and negated and token.dep_ == "xcomp":
        cue = (min(cue[0], _cue_span(token.head)[0]), cue[1])  # "has yet to comment"
    return Attribution(
        cue, "non_answer" if non_answer else "verb", cue_lemma, source, content,
        s_i, direct, via, _channel(token, lex), non_answer,
        ((lemma in lex.deny or (act is not None and act.denial)) and not negated)
        or (negated and lemma in lex.negated_agreement),
        source_token, token.i, clausal or phrasal is not None or direct, hedge,
        # "as the Chinese say", not "as Democrats blast the senator for…" (a clause of time)
        _marked(token, "as")
        and not any(c.dep_ in ("dobj", "ccomp") and c.i > token.i for c in children),
        asked or _impersonal(token, lex),
    )


@dataclass(frozen=True, slots=True)
class _Act:
    """A speech act of ``speech_acts`` in its frame: its key (lemma, or lemma and particle), the
    token heading its content (None: the content is found as for any verb), whether it denies,
    and the quotation that is its content (exclamations)."""
    key: str
    content_token: Any
    denial: bool = False
    quote: tuple[int, int] | None = None


def _unseen_speech(token: Any, lemma: str, lex: AttributionLexicon) -> bool:
    """A speech verb of our list that the cue model never saw in training ('underlined that…'),
    with a subject and a that-clause: the model has nothing to judge its word by."""
    return lemma in lex.speech and lemma not in lex.learned_precision and any(
        c.dep_ == "nsubj" for c in token.children) and any(
        c.dep_ == "ccomp" and c.i > token.i and _marked(c, "that") for c in token.children)


def _asked(token: Any, lex: AttributionLexicon) -> bool:
    """'Asked about the plan, the envoy said…', '…, she said when pressed on the date': a
    participle of an asking verb hung on a clause, with no agent, whose subject was asked."""
    return token.tag_ == "VBN" and token.dep_ == "advcl" \
        and token.lemma_.lower() in lex.asked_participles \
        and not any(c.dep_ == "agent" for c in token.children)


def _absolute_with(token: Any, lex: AttributionLexicon) -> Any:
    """The "with" of an absolute phrase in which a speech verb has its own speaker ('with one
    source calling the man a mystery', 'with officials warning of delays'), or None. The noun
    before the verb speaks (the cue model, which sees a participle hung on a noun, rarely takes
    it)."""
    if token.tag_ != "VBG" or token.lemma_.lower() not in lex.speech:
        return None
    head = token.head
    if token.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ == "with" \
            and head.i < token.i:
        return head.head
    if token.dep_ == "pcomp" and head.lower_ == "with" and any(
            c.dep_ == "nsubj" and c.i < token.i for c in token.children):
        return head
    return None


def _before_absolute_cue(doc: Any, content: tuple[int, int], lex: AttributionLexicon,
                         quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """A content that ends in an absolute phrase with its own speaker ('…no motive, with one
    source calling the man a mystery') stops before it: that phrase is a second attribution."""
    marks = doc.user_data.get("claimtrail.absolute_with")
    if marks is None:  # the comma before each such phrase's "with", found once per doc
        from spacy.attrs import TAG

        vbg = doc.vocab.strings["VBG"]
        withs = (_absolute_with(doc[int(i)], lex)
                 for i in (doc.to_array([TAG]).reshape(-1) == vbg).nonzero()[0])
        marks = doc.user_data["claimtrail.absolute_with"] = [
            doc[w.i - 1].idx for w in withs if w is not None and w.i > 0
            and doc[w.i - 1].text in _INSERT_MARKS
            and not quotes_overlapping(quotes, w.idx, w.idx + 1)]
    k = bisect.bisect_right(marks, content[0])
    if k < len(marks) and marks[k] < content[1]:
        return _strip(doc_text(doc), (content[0], marks[k]))
    return content


def _inserted(token: Any, lex: AttributionLexicon) -> bool:
    """A speech verb set inside the clause it reports, between commas: 'In his state, Christie
    said, offenders are sent to treatment' (the parser hangs it on that clause's verb, after it)."""
    head = token.head
    if token.dep_ != "parataxis" or not head.i > token.i or head.pos_ not in ("VERB", "AUX") \
            or token.lemma_.lower() not in lex.speech:
        return False
    doc = token.doc
    lo, hi = subtree_bounds(doc)
    # the commas that set it off may hang on the verb itself, or on the clause around it
    left = lo[token.i] if doc[lo[token.i]].text in _INSERT_MARKS else lo[token.i] - 1
    right = hi[token.i] if doc[hi[token.i]].text in _INSERT_MARKS else hi[token.i] + 1
    return 0 <= left < token.i < right < len(doc) and doc[left].text in _INSERT_MARKS \
        and doc[right].text in _INSERT_MARKS


_INSERT_MARKS = frozenset({",", "—", "–"})


def _said_as(token: Any, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The content of "quoted X as saying that…": the clause of "saying"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for saying in prep.children:
                if saying.dep_ == "pcomp":
                    clause = next((c for c in saying.children if c.dep_ == "ccomp"), None)
                    if clause is not None:
                        return _content(saying, clause, quotes)
    return None


def _infinitive(token: Any, deps: tuple[str, ...] = ("xcomp",)) -> Any:
    """The infinitive after ``token`` ('urged them to leave'), among the children of ``deps``."""
    return next((c for c in token.children if c.dep_ in deps and c.i > token.i and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


_HEADS: dict[int, tuple[AttributionLexicon, frozenset[str]]] = {}


def _frame_heads(lex: AttributionLexicon) -> frozenset[str]:
    """The lemmas with which a word that is no cue candidate may still be a cue: a postposed
    cue, a speech verb in parataxis, a speech act, a negated confirmation, answer or giving."""
    cached = _HEADS.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    heads = frozenset({key.split()[0] for key in (*lex.postposed, *lex.speech_acts)}
                      | lex.speech | lex.negated_confirm | lex.negated_answer | lex.negated_giving)
    _HEADS[id(lex)] = (lex, heads)
    return heads


def _speech_act(token: Any, sent: Any, children: list[Any], lex: AttributionLexicon,
                quotes: list[tuple[int, int]]) -> _Act | None:
    """A verb of ``speech_acts`` in the frame that makes it a cue, whatever the cue model says:
    a call or proposal with what it asks for ('urged the council to reopen', 'pressed for an
    inquiry', 'proposed a new tax'), advice with a clause, an infinitive or a quotation ('advised
    citizens to leave', 'reminded patients that…'), an exclamation next to a quotation ('shouted
    “…”'), a denial with what it denies ('ruled out a referendum', 'fired back at critics')."""
    if token.pos_ != "VERB" or token.tag_ == "JJ":
        return None
    lemma = token.lemma_.lower()
    particle = next((c for c in children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ == "back" and c.i == token.i + 1)), None)
    key = lemma
    if particle is not None and f"{lemma} {particle.lower_}" in lex.speech_acts:
        key = f"{lemma} {particle.lower_}"
    elif key not in lex.speech_acts:
        return None
    if token.dep_ == "amod" or (token.tag_ == "VBN" and token.dep_ in ("acl", "amod")):
        return None  # "the proposed law", "the measures proposed by the mayor"
    clause = next((c for c in children if c.dep_ == "ccomp" and c.i > token.i), None)
    infinitive = _infinitive(token)
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > token.i), None)
    if key in lex.denials:
        if obj is not None and key in lex.questioning and (
                obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in ("PERSON", "NORP")
                or obj.lemma_.lower() in lex.source_nouns
                or obj.lemma_.lower() in lex.questioned_people):
            return None  # "questioned the suspect": put questions to someone, denied nothing
        if obj is not None:
            return _Act(key, obj, True)
        gerund = next((c for c in children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG"
                       and c.i > token.i), None)
        if gerund is not None:  # "ruled out making a bid"
            return _Act(key, gerund, True)
        pobj = _prep_object(children, lex.denial_preps)
        return _Act(key, pobj, True) if pobj is not None else None
    if key in lex.exclamations:
        quote = _quote_beside(token, sent, quotes, lex.quote_gap)
        return _Act(key, None, quote=quote) if quote is not None else None
    if key in lex.advising:
        if clause is None and obj is not None:  # "reassured residents that…", hung on the object
            clause = next((c for c in obj.children if c.dep_ in ("acl", "relcl")
                           and _marked(c, "that")), None)
        if clause is not None or infinitive is not None:
            return _Act(key, clause or infinitive)
        quote = _quote_beside(token, sent, quotes, lex.quote_gap)
        return _Act(key, None, quote=quote) if quote is not None else None
    # directives
    if clause is not None and lemma not in lex.object_infinitive_only:
        return _Act(key, clause)
    if infinitive is not None and lemma not in lex.object_infinitive_only:
        return _Act(key, infinitive)
    asked_for = next((c for c in children if c.dep_ == "advcl" and c.i > token.i
                      and _marked(c, "for") and any(
                          g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if asked_for is not None:  # "is calling for the United States to step up…"
        return _Act(key, asked_for)
    pobj = _prep_object(children, lex.directive_preps)
    if obj is not None or (pobj is not None and pobj.head.lower_ != "for"):
        # "pushed Tehran to accept", "called on the army to withdraw", "pleaded with them to…"
        # (the parser often takes the infinitive for a purpose clause)
        addressed = _infinitive(token, ("xcomp", "advcl")) or (
            _infinitive(pobj, ("xcomp", "advcl", "acl", "relcl")) if pobj is not None else None)
        if addressed is not None:
            return _Act(key, addressed)
    if obj is not None and lemma in lex.object_directives and obj.pos_ in ("NOUN", "PROPN"):
        return _Act(key, obj)  # "demanded higher wages"
    if pobj is not None and pobj.head.lower_ == "for":  # "pressed for an inquiry"
        return _Act(f"{lemma} for" if f"{lemma} for" in lex.speech_acts else key, pobj)
    return None


def _prep_object(children: list[Any], preps: frozenset[str]) -> Any:
    """The object of the first preposition among ``preps`` after the verb."""
    for child in children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    return None


def _quote_beside(token: Any, sent: Any, quotes: list[tuple[int, int]], gap: int
                  ) -> tuple[int, int] | None:
    """The quotation at most ``gap`` words from ``token``, with no other verb between
    ('shouted “…”', '“…,” the man yelled'), or None."""
    # the nearest quotation first; one that only touches the sentence's end may be the next
    # sentence's ('“…,” the alert advised.\n“…”'), so each is tried in turn
    near = sorted(quotes_overlapping(quotes, sent.start_char - 3, sent.end_char + 1),
                  key=lambda q: min(abs(token.idx - q[1]), abs(q[0] - token.idx)))
    doc = token.doc
    for quote in near:
        step = -1 if quote[1] <= token.idx else 1
        k = token.i + step
        for _ in range(gap + 1):
            if not sent.start <= k < sent.end:
                break
            word = doc[k]
            if (step < 0 and word.idx < quote[1]) or (step > 0 and word.idx >= quote[0]):
                return quote
            if word.pos_ == "VERB":
                break
            k += step
    return None


def _channel(token: Any, lex: AttributionLexicon) -> str | None:
    if token.lemma_.lower() in lex.social_verbs:
        return "social_media"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "via"):
            obj = " ".join(t.lower_ for t in child.subtree if t.i != child.i)
            if obj in lex.social_media or any(w in obj for w in lex.social_media if len(w) > 2):
                return "social_media"
    return None


def _cue_span(token: Any, phrasal: Any = None, non_answer: bool = False) -> tuple[int, int]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].head.i == token.i and (
            doc[start - 1].dep_ in _LEFT_CUE_DEPS or (  # "did not immediately respond"
                non_answer and doc[start - 1].dep_ == "advmod" and start > 1
                and doc[start - 2].head.i == token.i and doc[start - 2].dep_ in _LEFT_CUE_DEPS)):
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ == "prt":
        end += 1
    clear = _clear_of(token) if phrasal is not None else None
    if clear is not None:  # "made it clear", "made clear"
        end = max(end, clear.i + 1)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _clear_of(token: Any) -> Any:
    """The 'clear' of 'made clear' / 'made it clear', or None."""
    if token.lemma_.lower() != "make":
        return None
    doc = token.doc
    for k in (token.i + 1, token.i + 2):
        if k < len(doc) and doc[k].lower_ == "clear" and (doc[k].head.i == token.i or
                                                         doc[k].head.head.i == token.i or
                                                         doc[k].head.i > k):
            return doc[k]
    return None


def _make_clear(token: Any) -> Any:
    """'made (it) clear that X' / 'made clear X': the token whose subtree is the content."""
    clear = _clear_of(token)
    if clear is None:
        return None
    for cand in (*clear.children, *token.children):
        if cand.i > clear.i and cand.dep_ in ("ccomp", "advcl", "dobj", "xcomp"):
            return cand
    if clear.head.i > clear.i and clear.head.dep_ in ("dobj", "pobj", "ccomp"):
        return clear.head
    return None


_ASKING_TAGS = ("WDT", "WP", "WP$", "WRB")


def _declarative(clause: Any) -> bool:
    """A that-clause or a bare clause ('did not say that the talks failed'), not an indirect
    question ('did not say whether…', '…how many…')."""
    if clause is None or clause.dep_ != "ccomp":
        return False
    first = clause.left_edge
    return not (first.tag_ in _ASKING_TAGS or first.lower_ in ("whether", "if"))


def _negated(token: Any, children: list[Any], lex: AttributionLexicon) -> bool:
    """'did not comment', 'Neither the ministry nor the army has commented' (a negative
    coordination of the subject), 'has yet to comment', 'failed to respond' (``negating_heads``)."""
    if any(c.dep_ == "neg" for c in children):
        return True
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and any(c.dep_ == "preconj" and c.lower_ in lex.negative_preconj
                                   for c in subject.children):
        return True
    if token.dep_ == "xcomp" and token.head.i < token.i:
        head = token.head
        return head.lemma_.lower() in lex.negating_verbs or any(
            c.dep_ == "advmod" and c.lower_ in lex.negating_adverbs and c.i < token.i
            for c in head.children)
    return False


def _postposed(token: Any, children: list[Any], lex: AttributionLexicon) -> str | None:
    """A verb of ``postposed_cues`` after its content: '…, the document continues', '…, he went
    on'. The clause it governs comes first, then a comma, its subject and the verb. Returns the
    cue's lemma (with its particle), or None."""
    lemma = token.lemma_.lower()
    particle = next((c for c in children if c.dep_ == "prt"), None)
    key = f"{lemma} {particle.lower_}" if particle is not None else lemma
    paratactic = (token.dep_ == "parataxis" and token.head.i < token.i
                  and token.head.pos_ in ("VERB", "AUX"))
    if key not in lex.postposed and not (paratactic and lemma in lex.speech):
        return None
    subject = next((c for c in children if c.dep_ == "nsubj" and c.i < token.i), None)
    if paratactic:  # "X will be rebuilt, the official said, though…": the clause is the head
        clause = token.head
        if any(c.dep_ in _CONTENT_DEPS for c in children):
            return None
        end = token.left_edge.i
    else:
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i < token.i), None)
        end = subject.left_edge.i if subject is not None else token.i
    if clause is None or subject is None or clause.i > subject.i:
        return None
    doc = token.doc
    between = range(max(min(clause.right_edge.i, end) - 1, clause.i), subject.left_edge.i)
    if not any(doc[k].text in (",", "—", "–") for k in between):
        return None
    return key


def _paratactic_content(token: Any, sent: Any) -> tuple[int, int] | None:
    """The content of a cue set after its clause as a parenthesis: the head clause's words
    before the cue's own, from the sentence's start ('X will be rebuilt, the official said,
    though…' → 'X will be rebuilt')."""
    if token.dep_ != "parataxis" or token.head.i > token.i or token.head.pos_ not in ("VERB", "AUX"):
        return None
    start = token.head.left_edge
    if any(not t.is_punct and not t.is_space for t in sent.doc[sent.start:start.i]):
        return None
    last = token.doc[token.left_edge.i - 1] if token.left_edge.i > start.i else None
    if last is None:
        return None
    span = _strip(doc_text(token.doc), (start.idx, last.idx + len(last.text)))
    return span if span[1] > span[0] else None


def _marked(token: Any, word: str) -> bool:
    """Whether ``token`` has ``word`` as its marker ('that' of a clause, 'as', 'for')."""
    return any(c.dep_ == "mark" and c.lower_ == word for c in token.children)


def _that_clause(head: Any, deps: tuple[str, ...], need_that: bool) -> Any:
    """The clause after ``head`` ('concerned that…', 'concern that…'), or None."""
    for child in head.children:
        if child.i > head.i and child.dep_ in deps and (not need_that or _marked(child, "that")):
            return child
    return None


def _attitude(token: Any, s_i: int, lex: AttributionLexicon, quotes: list[tuple[int, int]]
              ) -> Attribution | None:
    """An attitude held with a clause (``attitudes``): 'X is concerned that…', 'X is convinced
    that…' (the subject of the adjective or participle holds it), 'X voiced concern that…',
    'X expressed hope that…' (the subject of the light verb). Hedged, as the hedge it carries
    (denied when it doubts: 'expressed doubt that…'); 'concerned residents' (no clause) and a
    negated attitude ('is not convinced that…') are not."""
    doc = token.doc
    text = doc_text(doc)
    if token.lower_ in lex.attitude_adjectives and token.tag_ in ("JJ", "VBN"):
        if token.dep_ in ("amod", "compound"):
            return None
        clause = _that_clause(token, ("ccomp",), False)
        if clause is None:
            return None
        owner = token.head if token.dep_ == "acomp" else token
        if _negated(owner, list(owner.children), lex) or (
                owner is not token and _negated(token, list(token.children), lex)):
            return None
        content = _strip(text, subtree_span(clause))
        # the passive's subject, which the parser may hang on the auxiliary ('is convinced')
        holder = next((c for c in token.children if c.dep_ == "nsubjpass"), None) or next(
            (g for c in token.children if c.dep_ in ("aux", "auxpass") for g in c.children
             if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
        if holder is not None:
            source: tuple[int, int] | None = _strip(text, _span(
                t for t in holder.subtree if t.i < token.i))
            source_token: int | None = holder.i
        else:
            source, source_token = _source(token, lex, content)
        cue = _cue_span(token)
        word = token.lower_
    elif token.pos_ == "VERB" and token.lemma_.lower() in lex.light_verbs:
        noun = next((c for c in token.children if c.dep_ == "dobj"
                     and c.lemma_.lower() in lex.attitude_nouns), None)
        clause = _that_clause(noun, ("acl", "ccomp", "relcl"), True) if noun is not None else None
        if noun is None or clause is None or _negated(token, list(token.children), lex):
            return None
        content = _strip(text, subtree_span(clause))
        source, source_token = _source(token, lex, content)
        cue = (_cue_span(token)[0], noun.idx + len(noun.text))
        word = noun.lemma_.lower()
    else:
        return None
    if source is None:
        return None  # "it is certain that…": no one holds it
    return Attribution(cue, "verb", word, source, content, s_i, _direct(content, quotes),
                       None, _channel(token, lex), None, word in lex.doubting, source_token,
                       token.i, True, hedge=word)


def _unavailable(token: Any, s_i: int, lex: AttributionLexicon, quotes: list[tuple[int, int]]
                 ) -> Attribution | None:
    """'could not be reached for comment', 'was not available for comment', 'was unavailable
    for comment': a negated predicate (or a negative adjective) with 'for comment' is its
    subject's non-answer."""
    if token.pos_ not in ("VERB", "ADJ"):
        return None
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.lemma_.lower() not in lex.comment_nouns:
        return None
    owner = token.head if token.dep_ == "acomp" and token.head.i < token.i else token
    if not (token.lower_ in lex.unavailable or _negated(token, list(token.children), lex)
            or (owner is not token and _negated(owner, list(owner.children), lex))):
        return None
    subject = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    source: tuple[int, int] | None
    if subject.dep_ == "nsubjpass":
        source = _strip(doc_text(token.doc), _span(t for t in subject.subtree if t.i < owner.i))
        source_token: int | None = subject.i
    else:
        source, source_token = _source(owner, lex)
    if source is None:
        return None
    start = min(_cue_span(owner, None, True)[0], _cue_span(token, None, True)[0])
    return Attribution((start, obj.idx + len(obj.text)), "non_answer", token.lemma_.lower(),
                       source, None, s_i, False, None, None, "no_comment", False, source_token,
                       token.i, False)


def _seeming_content(token: Any, source: tuple[int, int], content: tuple[int, int] | None
                     ) -> tuple[int, int] | None:
    """What seems so to someone: 'To many analysts, the deal seemed to be a surrender' — the
    subject with the verb's complement (not 'it' of 'it seemed to me that…')."""
    doc = token.doc
    if source[1] <= token.idx:  # "To X, …": the clause after the phrase
        start = next((t for t in doc[token.sent.start:token.i + 1]
                      if t.idx >= source[1] and not t.is_punct), None)
    else:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        start = None if subject is None or subject.lower_ in ("it", "there") else \
            doc[min(t.i for t in subject.subtree)]
    if start is None or start.i >= token.i:
        return content
    end = content[1] if content is not None else token.idx + len(token.text)
    return start.idx, max(end, token.idx + len(token.text))


def _in_idiom(token: Any, lex: AttributionLexicon) -> bool:
    """Whether ``token`` is a word of one of the lexicon's fixed phrases ('that is to say',
    'needless to say', 'having said that') where they stand in the text."""
    doc = token.doc
    word = token.lower_
    for phrase in lex.idioms:
        for k, part in enumerate(phrase):
            start = token.i - k
            if part != word or start < 0 or start + len(phrase) > len(doc):
                continue
            if all(doc[start + m].lower_ == phrase[m] for m in range(len(phrase))):
                return True
    return False
