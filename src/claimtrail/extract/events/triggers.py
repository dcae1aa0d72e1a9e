"""Step 1, triggers: event verbs, nouns and phrases of a sentence, each with its type settled by
the words around it; the noun that carries a light verb's event joins its verb."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from ..cue_model import parse_table
from .context import _Context, _Draft
from .lexicon import EventLexicon
from .syntax import _lemma_of_at, _match_phrase_at, lemma_of
from .words import CARRIER_NOUNS, MOTION_VERBS, PLACING, STOPPING

_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


def _triggers(ctx: _Context, sent: Any, consumed: set[int]) -> list[_Draft]:
    lex = ctx.lex
    doc = ctx.doc
    p = parse_table(doc)
    lemmas, pos = p.lemma, p.pos
    out: list[_Draft] = []
    own: set[int] = set()  # the tokens taken in this sentence
    # (the document-wide sets are asked, not copied: a copy per sentence is quadratic)
    non_answer = ctx.non_answer_tokens
    # multiword phrases first ("open fire", "impose sanction", "sign decree"), even over a word the
    # claims layer took as a saying ("recalled its ambassador" is none), but never over a
    # non-answer ("declined to comment"); read from the doc's table, a Token made only for a match
    phrases = lex.phrases
    for i in range(sent.start, sent.end):
        candidates = phrases.get(lemmas[i])
        if not candidates or i in own or i in consumed or i in non_answer:
            continue
        for words, name in candidates:
            at = _match_phrase_at(p, i, words, sent.end)
            if at is None or at[-1] - at[0] > len(words) + 3 \
                    or any(j in own or j in consumed or j in non_answer
                           for j in at):  # "suspended military aid": one event
                continue
            if not name:  # an idiom ("strike a balance"): its words are no event
                own.update(at)
                break
            matched = [doc[j] for j in at]
            inside = set(at)
            head = next((t for t in matched if t.head.i not in inside or t.head.i == t.i), matched[0])
            if head.pos_ in ("NOUN", "PROPN") and _is_reference(head, lex):
                continue
            span = (matched[0].idx, matched[-1].idx + len(matched[-1].text))
            name = _phrase_type(name, matched, sent, lex)
            out.append(_Draft(name, head, head, span, phrase=words, tokens=list(at)))
            own.update(at)
            break
    cues = ctx.cue_tokens  # (which holds the non-answers too)
    verb_types, noun_types, party_nouns = lex.verb_types, lex.noun_types, lex.party_nouns
    for i in range(sent.start, sent.end):
        tag = pos[i]
        if tag == "VERB":
            names = verb_types.get(_lemma_of_at(p, i, verb_types))
            reference = False
        elif tag in ("NOUN", "PROPN"):
            lemma = lemmas[i]
            names = None if lemma in party_nouns else noun_types.get(lemma)
            reference = True
        else:
            continue
        if not names or i in own or i in consumed or i in cues:
            continue
        token = doc[i]
        if reference and _is_reference(token, lex):
            continue
        if _not_an_act(token, lex):
            continue
        chosen = _choose_type(token, names, sent, lex)
        if chosen is None:
            continue
        if _advice(token, lex):
            chosen = "REQUEST"
        out.append(_Draft(chosen, token, token, (token.idx, token.idx + len(token.text)),
                          tokens=[i]))
        own.add(i)
    return _merge_in_clause(ctx, out)


def _not_an_act(token: Any, lex: EventLexicon) -> bool:
    """A question is no request ("was asked about the attack", "asked whether …": only "asked
    the court to …" and "asked for help" ask for something), a press conference is no
    consultation, a participle that describes a thing is no act of its own, and a verb of knowing
    with a clause ("recognize that …") is none."""
    lemma = token.lemma_.lower()
    if lemma in lex.asking_verbs and token.pos_ == "VERB":
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.anonymity_verbs
               and any(a.dep_ == "auxpass" for a in c.children) for c in token.children):
            return True  # "asked not to be named": a source's anonymity, not a request
        return not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
                       for c in token.children)
    if token.pos_ == "VERB" and token.dep_ == "amod":
        return True  # a participle that describes a thing ("his proposed ban"): the noun tells
    children = list(token.children)
    if lemma in lex.knowing_verbs and any(c.dep_ == "ccomp" for c in children) \
            and not any(c.dep_ in ("dobj", "xcomp") for c in children):
        return True  # "need to recognize that …": knowing, not recognising anyone
    blocking = lex.not_events_after.get(lemma, frozenset())
    return any(c.dep_ == "compound" and c.lemma_.lower() in blocking for c in token.children)


def _advice(token: Any, lex: EventLexicon) -> bool:
    """A warning that tells someone what to do is advice, a REQUEST ("warned its citizens to be
    vigilant"), not a threat ("warned China against", "warned that it would strike")."""
    return bool(token.pos_ == "VERB" and token.lemma_.lower() in lex.advising_verbs
                and any(c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                    for c in token.children))


def _is_reference(token: Any, lex: EventLexicon) -> bool:
    """'declined to comment on the missile strike', 'reports about the strikes': a noun that only
    names an event being talked about is not a new event."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ in ("on", "about", "of", "over", "regarding"):
        governor = head.head
        return governor.lemma_.lower() in lex.reference_heads
    return False


def _choose_type(token: Any, names: tuple[str, ...], sent: Any, lex: EventLexicon) -> str | None:
    """The type of an ambiguous trigger from cue words in its sentence and the two before
    ('strike' among missiles and drones, or among workers and unions); else the type listed
    first for it. A verb listed with one type only ('provide') is no event without cues among its
    own arguments ('provided helicopters', not 'provided details')."""
    if len(names) == 1 and token.lemma_.lower() not in lex.disambiguation:
        return names[0]
    rules = lex.disambiguation.get(token.lemma_.lower())
    if rules:
        # (a general verb, with one type only, is judged by its own arguments only)
        # ("@PERSON" in a cue list: a named person among them)
        lemmas: AbstractSet[str] = _own_words(token, lex.statement_verbs) if len(rules) == 1 \
            else _cue_window(token, sent)
        scores = {name: len(lemmas & words) for name, words in rules.items() if name in names}
        if scores:
            best = max(scores.items(), key=lambda kv: kv[1])
            if best[1] > 0:
                return best[0]
        if len(rules) == 1:  # a general verb ("provide", "give") is an event only with its cues
            return None
        return next(iter(rules)) if next(iter(rules)) in names else names[0]
    return names[0]


_OTHER_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "cc", "punct", "mark",
                            "npadvmod"})


def _own_words(token: Any, saying: AbstractSet[str]) -> set[str]:
    """The lemmas of the trigger and of its own arguments, with "@LABEL" for their named entities
    ("missiles hit", "demonstrators gathered", "released two @PERSON"): not the clauses beside it
    ("The town released a statement saying Trump's comments …": Trump is not released), and of a
    transitive verb's subject its words but not its names (who releases is not who is freed)."""
    children = list(token.children)
    transitive = any(c.dep_ == "dobj" for c in children)
    found = {str(token.lemma_).lower()}
    stack = [(c, transitive and c.dep_ == "nsubj") for c in children
             if c.dep_ not in _OTHER_CLAUSES]
    while stack:  # (a clause of saying on an argument is left out too: "a statement saying …")
        word, in_subject = stack.pop()
        if word.dep_ in ("acl", "relcl") and word.lemma_.lower() in saying:
            continue
        found.add(str(word.lemma_).lower())
        if word.ent_type_ and not in_subject:
            found.add(f"@{word.ent_type_}")
        stack.extend((c, in_subject) for c in word.children)
    return found


def _cue_window(token: Any, sent: Any) -> AbstractSet[str]:
    """The lemmas an ambiguous trigger's cues are looked for in: its sentence and the text just
    before it (worked out once per sentence, not once per trigger; kept as a dict's keys, which
    a Doc can serialise)."""
    doc = token.doc
    windows = doc.user_data.setdefault("claimtrail.cue_windows", {})
    found: dict[str, None] | None = windows.get(sent.start)
    if found is None:
        found = dict.fromkeys(str(t.lemma_).lower() for t in doc[max(sent.start - 60, 0):sent.end])
        windows[sent.start] = found
    return found.keys()


def _phrase_type(name: str, matched: list[Any], sent: Any, lex: EventLexicon) -> str:
    """A phrase around an ambiguous word goes with the word's cues when they clearly point
    elsewhere: 'launched a general strike' among oil workers is a protest."""
    for token in matched:
        rules = lex.disambiguation.get(token.lemma_.lower())
        if not rules or name not in rules or len(rules) < 2:
            continue
        lemmas = _cue_window(token, sent)
        scores = {other: len(lemmas & words) for other, words in rules.items()}
        best = max(scores, key=lambda other: scores[other])
        if scores[best] > scores[name]:
            return best
    return name


def _merge_in_clause(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """A noun trigger that is an argument of a verb trigger of the same type is that event
    ('a combined strike … targeted'); a noun carried by a light verb ('carried out its strike',
    'launched an attack') takes the light verb as its predicate."""
    lex = ctx.lex
    by_token = {d.trigger.i: d for d in drafts}
    out: list[_Draft] = []
    for draft in drafts:
        token = draft.trigger
        if token.pos_ in ("NOUN", "PROPN"):
            base = token
            while base.dep_ == "conj" and base.head.i != base.i:  # "Drone and missile strikes hit"
                base = base.head
            governor = base.head
            if base.dep_ == "pobj" and governor.dep_ == "prep":
                governor = governor.head
            other = by_token.get(governor.i)
            if other is not None and other is not draft and other.type == draft.type:
                other.trigger_span = (min(other.trigger_span[0], draft.trigger_span[0]),
                                      max(other.trigger_span[1], draft.trigger_span[1]))
                other.tokens.extend(draft.tokens)
                continue
            carrier, role = base, base.dep_
            if role == "compound" and base.head.lemma_.lower() in CARRIER_NOUNS:
                carrier = base.head  # "launched a mediation effort between A and B"
                role, governor = carrier.dep_, carrier.head
                draft.tokens.append(carrier.i)
            if role == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ == "NOUN":
                carrier = base.head.head  # "provide 25,000 tons of food aid"
                role = carrier.dep_
                governor = carrier.head
            if role == "dobj" and governor.lemma_.lower() in STOPPING and draft.type in _COOPERATIVE:
                # "broke off peace talks with the ELN", "scaled back cooperation with Senegal":
                # ending cooperation reduces relations
                draft.predicate = governor
                draft.type = "SANCTION"
                draft.tokens.append(governor.i)
            elif role in ("dobj", "nsubjpass", "attr") and \
                    lemma_of(governor, lex.light_verbs) in lex.light_verbs:
                draft.predicate = governor
            elif role == "pobj" and base.head.lower_ in ("for", "on") and \
                    base.head.head.lemma_.lower() in MOTION_VERBS and draft.type == "CONSULT":
                draft.predicate = base.head.head  # "arrived in Moscow for an official visit"
            elif role == "pobj" and base.head.lower_ in ("under", "into") and \
                    base.head.head.lemma_.lower() in PLACING:
                draft.predicate = base.head.head  # "placed the opposition leader under house arrest"
            elif base.dep_ == "nsubj" and governor.pos_ == "VERB" and governor.i not in by_token:
                draft.predicate = governor  # "a combined strike … targeted a command center"
                draft.subject_noun = True
        out.append(draft)
    return out
