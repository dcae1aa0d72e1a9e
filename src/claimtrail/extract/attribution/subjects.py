"""The source of a verb cue: its subject, a passive agent, the subject of the verb a participle
hangs on, a subject the parser misread; none for an expletive 'it'."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from ..quotes import find_quotes, quotes_overlapping
from .datelines import _after_dateline, _dateline
from .lexicon import AttributionLexicon
from .spans import _span, _strip

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_PARTICIPLE_DEPS = ("advcl", "conj", "xcomp", "dep", "parataxis")
_MISPARSED_LEFT = ("compound", "advmod", "npadvmod", "dep", "nmod")
_MISPARSED_RIGHT = ("dobj", "attr", "npadvmod", "advmod", "dep", "appos", "oprd", "nsubj")


def _source(token: Any, lex: AttributionLexicon, avoid: tuple[int, int] | None = None
            ) -> tuple[tuple[int, int] | None, int | None]:
    """The source span and its head token; ``avoid`` (the content) is never the source: in
    '“…amendment,” said Cruz' the parser may take a word of the quotation as a second subject."""
    doc = token.doc
    for child in token.children:
        if avoid is not None and avoid[0] <= child.idx < avoid[1] and not (
                token.dep_ == "relcl" and child.dep_ == "nsubj" and child.i < token.i):
            continue  # (but in "a wall, which he said Mexico should pay for", "he" speaks)
        if child.dep_ in _SUBJECT_DEPS and _quoted_away(child, token):
            continue  # '“Like Oakland. Or Ferguson,” Trump said': a word of another quotation
        if child.dep_ == "nsubj" and _later_subject(child, token):
            continue
        if child.dep_ in _SUBJECT_DEPS:
            if _dateline(child):  # "LONDON (Reuters) - Donald Trump said…"
                rest = _after_dateline(child, token)
                if rest is None:
                    continue
                return rest, child.i
            if child.lower_ == "it" and _expletive_it(token, child, lex):
                return None, None  # "it was reported that…", "it is believed that…"
            if child.dep_ == "nsubjpass":
                quoted = _quoted_as_saying(token)
                if quoted is not None:  # "X was quoted (by Y) as saying": X speaks
                    return quoted
                agent = _agent(token)
                if agent is not None:
                    return agent
                continue
            tokens = [t for t in child.subtree if t.i < token.i] if child.i < token.i \
                else list(child.subtree)
            second = _second_subject(child, token)
            if second is not None:  # "Former Secretary of State and frontrunner Hillary Clinton"
                tokens += [t for t in second.subtree if t.i < token.i]
                child = second
            return _strip(doc_text(doc), _span(tokens)), child.i
    agent = _agent(token)
    if agent is not None:
        return agent
    if token.dep_ in _PARTICIPLE_DEPS and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        main = _main_of_subordinate(token)
        if main is not None:
            return _source(main, lex, avoid)
        found = _source(token.head, lex, avoid)
        if found[0] is None and token.tag_ == "VBG":
            found = _passive_subject(token.head)  # "X was heard telling…": X tells
        if found[0] is None and token.dep_ == "conj":
            # "Clark said Brooks had begun…, there are two…, but said…": the parser hung the
            # second "said" on a clause of the first; its speaker is the first one's
            speaker = next((a for a in token.ancestors if a.lemma_.lower() in lex.speech
                            and any(c.dep_ == "nsubj" for c in a.children)), None)
            if speaker is not None:
                return _source(speaker, lex, avoid)
        return found
    if token.dep_ == "acomp" and token.head.pos_ in ("AUX", "VERB"):  # "loyalists were adamant that"
        return _source(token.head, lex, avoid)
    if token.dep_ == "pcomp" and token.head.lower_ == "as" and \
            token.head.head.lemma_.lower() in QUOTING_VERBS:
        return None, None  # "(was) quoted as saying": the quoting verb is the cue
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        return _source(token.head.head, lex, avoid)  # "distanced himself by saying…"
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.dep_ == "acomp" \
            and token.head.head.head.pos_ in ("VERB", "AUX"):
        return _source(token.head.head.head, lex, avoid)  # "was aggressive in pushing…"
    if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("ADJ", "NUM"):
        # "was the first to report": the subject of the clause the adjective belongs to
        holder = token.head.head
        if holder.i != token.head.i and holder.pos_ in ("VERB", "AUX"):
            return _source(holder, lex, avoid)
    if _misread_participle(token, lex):
        # "A Quinnipiac poll found last week that…", "Ms. Doe, the party's chair, tweeted: …":
        # the parser took the verb for a participle on the noun; the noun is its subject
        head = token.head
        left = [t for t in head.subtree if (t.i < token.i and t.dep_ != "punct") or t is head]
        return _strip(doc_text(doc), _span(left)), head.i
    if token.dep_ == "acl" and token.tag_ != "VBN" and token.head.pos_ in ("PROPN", "NOUN", "PRON"):
        # "a report suggesting…" (but not "Lazar, known online as…": the noun is what is known)
        head = token.head
        absolute = head.dep_ == "pobj" and head.head.lower_ == "with"  # "with one driver saying"
        if head.dep_ == "dobj" and head.head.lemma_.lower() in lex.issuing_verbs \
                and head.lemma_.lower() in lex.issued_nouns:
            issuer = _source(head.head, lex, avoid)  # "The ministry issued a statement saying…"
            if issuer[0] is not None:
                return issuer
        if not absolute and not _may_speak(head, lex):
            # "went out of his way to say…", "was heard on a microphone telling…": a thing
            # the clause hangs on is no speaker; the speaker is the subject of its verb
            verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is None:
                return None, None
            found = _source(verb, lex, avoid)
            return found if found[0] is not None else _passive_subject(verb)
        left = [t for t in head.subtree if (t.i < token.i and t.dep_ != "punct") or t is head]
        return _strip(doc_text(doc), _span(left)), head.i
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if token.dep_ == "relcl" and not passive and token.head.pos_ in ("PROPN", "NOUN", "PRON"):
        head = token.head
        if not _may_speak(head, lex) and any(c.dep_ == "aux" and c.lower_ == "to"
                                             for c in token.children):
            # "went out of his way to say…": an infinitive on a thing; its verb's subject speaks
            verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                found = _source(verb, lex, avoid)
                if found[0] is not None:
                    return found
        return _strip(doc_text(doc), (head.left_edge.idx, head.idx + len(head.text))), head.i
    return _misparsed_subject(token, avoid)


def _main_of_subordinate(token: Any) -> Any:
    """'Putin backpedaled on his forecast that Russia would recover, and blamed…': a verb after
    ', and' that the parser joined to the verb of a subordinate clause belongs with the verb that
    clause hangs on. That verb, or None."""
    doc, head = token.doc, token.head
    if token.dep_ != "conj" or token.i < 2 or doc[token.i - 1].lower_ != "and" \
            or doc[token.i - 2].text != "," or head.dep_ not in ("ccomp", "acl", "relcl", "advcl"):
        return None
    main = head.head
    while main.dep_ in ("prep", "pobj", "dobj", "acl", "relcl", "ccomp", "advcl") \
            and main.head.i != main.i and main.pos_ not in ("VERB", "AUX"):
        main = main.head
    if main.pos_ not in ("VERB", "AUX") or not any(c.dep_ in _SUBJECT_DEPS for c in main.children):
        return None
    return main


def _misread_participle(token: Any, lex: AttributionLexicon) -> bool:
    """Whether a verb the parser hung on a noun as a past participle is rather the noun's own
    verb in the past tense: the noun is no object ('a report published…') and the verb acts on
    something, with an object, a clause or a colon ('analysts found that…', 'called the report
    a sham'), and no agent ('a statement, issued by…', 'Lazar, known online as…' act on nothing)."""
    head = token.head
    if token.dep_ != "acl" or token.tag_ != "VBN" or head.dep_ not in ("ROOT", "nsubj") \
            or head.pos_ not in ("PROPN", "NOUN") or not _may_speak(head, lex):
        return False
    children = [c.dep_ if c.dep_ != "punct" else c.text for c in token.children]
    return "agent" not in children and "auxpass" not in children \
        and any(d in ("dobj", "ccomp", ":") for d in children)


def _second_subject(first: Any, verb: Any) -> Any:
    """A second subject of ``verb`` that starts right after ``first`` ends: the parser split one
    noun phrase, a title and then the name ('Democratic frontrunner | Hillary Clinton is
    calling…'). The name is the head; None when there is no such subject."""
    if first.dep_ != "nsubj":
        return None
    after = first.right_edge.i + 1
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i != first.i
                 and c.left_edge.i == after and c.pos_ == "PROPN"), None)


def _later_subject(first: Any, verb: Any) -> bool:
    """Whether another subject of ``verb`` stands between ``first`` and the verb and is the real
    one: after a relative pronoun ('Rubio, who many feel needs a win': 'who' belongs to the clause
    that 'many' feel) or after a comma ('Speaking in Salem, New Hampshire, Trump said…': the place
    closes the phrase before)."""
    for c in verb.children:
        if c.dep_ != "nsubj" or not first.i < c.i < verb.i or c.tag_ in RELATIVE_TAGS:
            continue
        if first.tag_ in RELATIVE_TAGS:
            return True
        if first.right_edge.i < c.left_edge.i - 1 \
                and verb.doc[c.left_edge.i - 1].text == "," and c.pos_ in ("PROPN", "PRON"):
            return True
    return False


def _passive_subject(verb: Any) -> tuple[tuple[int, int] | None, int | None]:
    """The subject of a passive verb with no agent ("The mayor was heard on a microphone
    telling aides…": the mayor is the one telling), or none."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return None, None
    tokens = [t for t in passive.subtree if t.i < verb.i]
    return _strip(doc_text(verb.doc), _span(tokens)), passive.i


def _may_speak(noun: Any, lex: AttributionLexicon) -> bool:
    """Whether a noun can be a source: a name, a pronoun, a named entity, a plural (most often
    people: "candidates proposing…"), or a noun for people, institutions, outlets, documents or
    reports ("a report suggesting…")."""
    lemma = noun.lemma_.lower()
    return noun.pos_ in ("PROPN", "PRON") or noun.tag_ == "NNS" or noun.ent_type_ in _SPEAKING_ENTS \
        or lemma in lex.source_nouns or noun.lower_ in lex.source_nouns or lemma in lex.noun_cues


_SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _apposed_before(token: Any) -> Any:
    """'…chose to travel to Jordan, a statement of facts filed with his plea agreement said', 'In a
    call with reporters, Col. Jane Doe, a military spokeswoman, said…': the parser made the speaker
    an apposition of a noun before it. The apposition whose words end right before the cue (commas
    aside), set off by a comma, or None. (Of nested ones the innermost: in 'with his wife, Senator
    Ann Roe, former governor Bill Roe said' the outer one is not the speaker.)"""
    doc = token.doc
    if token.i == 0 or token.dep_ != "ROOT" or any(c.dep_ in _SUBJECT_DEPS for c in token.children):
        return None
    end = token.i - 1
    while end > 0 and doc[end].text == ",":
        end -= 1
    node = doc[end]
    while node.dep_ != "appos":
        head = node.head
        if head.i == node.i or head.i >= token.i or _last_word(head) != end:
            return None
        node = head
    if node.pos_ not in ("NOUN", "PROPN") or node.left_edge.i == 0 \
            or doc[node.left_edge.i - 1].text != ",":
        return None
    return node


def _last_word(node: Any) -> int:
    """The index of the last word of ``node``'s phrase, commas after it aside."""
    doc, end = node.doc, node.right_edge.i
    while end > node.i and doc[end].text == ",":
        end -= 1
    return int(end)


# verbs that pass someone's words on: "CNN quoted a witness as saying…"
QUOTING_VERBS = frozenset({"quote", "cite"})


def quoted_speaker(token: Any) -> tuple[tuple[int, int], int, tuple[int, int]] | None:
    """'CNN quoted a witness as saying…': the object is the speaker, the subject the outlet it
    spoke through. (span of the speaker, its head, span of the outlet), or None."""
    if token.lemma_.lower() not in QUOTING_VERBS or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(
                g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
            for c in token.children):
        return None  # (not "cited Trump's remarks as proof")
    speaker = next((c for c in token.children if c.dep_ == "dobj"), None)
    outlet = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if speaker is None or outlet is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    text = doc_text(token.doc)
    said = _strip(text, _span([t for t in speaker.subtree if t.i > token.i
                               and not (t.lower_ == "as" and t.head.i == token.i)]))
    return said, speaker.i, _strip(text, _span([t for t in outlet.subtree if t.i < token.i]))


def _quoted_as_saying(token: Any) -> tuple[tuple[int, int] | None, int | None] | None:
    """'Larijani was quoted as saying…': the passive subject of 'quoted as saying' is the speaker
    (the outlet that quoted them, if named, comes with 'by')."""
    if token.lemma_.lower() not in QUOTING_VERBS or not any(
            c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
        return None
    found = _passive_subject(token)
    return found if found[0] is not None else None


def _quoted_away(child: Any, cue: Any) -> bool:
    """Whether ``child`` stands inside a quotation that ``cue`` is outside of."""
    quotes = find_quotes(doc_text(child.doc))
    if not quotes:
        return False
    return any(not (q[0] <= cue.idx < q[1]) for q in quotes_overlapping(quotes, child.idx,
                                                                        child.idx + 1))


def _misparsed_subject(token: Any, avoid: tuple[int, int] | None
                       ) -> tuple[tuple[int, int] | None, int | None]:
    """The speaker of a verb the parser gave no subject: '“…,” Conway notes' (taken for a compound
    noun), 'Bill Skelly, an RNC operative, vouched…' (an adverb), '“…,” added another Democrat' and
    '“…,” said Skelly' after a quotation (an object)."""
    def named(child: Any) -> bool:
        return child.pos_ in ("PROPN", "NOUN", "PRON") and child.ent_type_ not in ("DATE", "TIME")

    left = [c for c in token.children if c.i < token.i and c.dep_ in _MISPARSED_LEFT and named(c)]
    apposed = _apposed_before(token)
    if left:
        child = max(left, key=lambda c: c.i)
    elif apposed is not None:
        child = apposed
    elif avoid is not None and avoid[1] <= token.idx:
        child = min((c for c in token.children if c.i > token.i and c.dep_ in _MISPARSED_RIGHT
                     and named(c)), key=lambda c: c.i, default=None)
        if child is None:
            return None, None
    else:
        return None, None
    return _strip(doc_text(token.doc), subtree_span(child)), child.i


def _agent(token: Any) -> tuple[tuple[int, int], int] | None:
    for child in token.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _strip(doc_text(token.doc), subtree_span(obj)), obj.i
    return None


def _impersonal(token: Any, lex: AttributionLexicon) -> bool:
    """'it was reported that…', 'it is believed…', 'it seems that…', 'there are reports that…'."""
    return any((c.dep_ == "expl" and c.lower_ in ("it", "there"))
               or (c.lower_ == "it" and _expletive_it(token, c, lex)) for c in token.children)


def _expletive_it(token: Any, it: Any, lex: AttributionLexicon) -> bool:
    """'it' stands for the clause that follows ('it was reported that…', 'it seems that…'), not
    for something named before ('The ministry… It said that…', 'it did not explain why')."""
    if it.dep_ not in ("nsubj", "nsubjpass"):
        return False
    children = list(token.children)
    if any(c.dep_ == "acomp" for c in children) and any(c.dep_ == "xcomp" and c.i > token.i
                                                        for c in children):
        return True  # "it's easy to see why…", "it is important to note…"
    clause = next((c for c in children if c.dep_ == "ccomp" and c.i > token.i), None)
    if clause is None:
        return False
    return it.dep_ == "nsubjpass" or token.lemma_.lower() in lex.raising_verbs


RELATIVE_TAGS = ("WDT", "WP")


def antecedent(pronoun: Any) -> Any:
    """The noun a relative clause hangs on ('a company that had declared' → company)."""
    clause = pronoun.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("conj", "ccomp", "xcomp", "aux"):
            return pronoun
        clause = clause.head
    return clause.head if clause.dep_ in ("relcl", "acl") else pronoun
