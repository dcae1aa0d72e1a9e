"""Claims: every attributed statement with its source and epistemic status, and the author's own
statements (what no one else is said to have said) with theirs.

Status vocabulary (schema): asserted, reported, hedged, speculative, denied, unconfirmed,
no_comment, question. Negation is a separate flag. Hedge and speculation words are data
(``data/attribution.json``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Any

from ..records import Claim, Entity, Source, TextSpan
from ._util import IntervalIndex, doc_text
from .attribution import Attribution, AttributionLexicon, outermost
from .coref import Coreference, build_coreference
from .quotes import find_quotes, quotes_overlapping
from .sources import AUTHOR, UNNAMED_REPORTS, SourceLexicon, SourceTable

# Cue verbs that carry the author's hedge, not someone else's statement: "X seems to…".
_HEDGE_VERBS = {"appear", "seem"}


@dataclass(frozen=True, slots=True)
class StatusLexicon:
    hedges: frozenset[str]
    speculation: frozenset[str]
    speculation_phrases: tuple[str, ...]
    negations: frozenset[str]
    modals: frozenset[str] = frozenset({"may", "might", "could"})
    deontic: frozenset[str] = frozenset()
    first_person_hedges: frozenset[str] = frozenset()
    hedging_cues: frozenset[str] = frozenset()
    asking_cues: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    intentions: frozenset[str] = frozenset()
    establishing: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    minimising: frozenset[str] = frozenset()
    unconfirming_denials: frozenset[str] = frozenset()
    nominal_beliefs: frozenset[str] = frozenset()
    first_person_attitudes: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any], status: dict[str, Any] | None = None) -> StatusLexicon:
        extra = status or {}
        return cls(frozenset(data["hedges"]), frozenset(data["speculation"]),
                   tuple(data["speculation_phrases"]), frozenset(data["negations"]),
                   frozenset(extra.get("modals", ("may", "might", "could"))),
                   frozenset(extra.get("deontic", ())),
                   frozenset(extra.get("first_person_hedges", ())),
                   frozenset(extra.get("hedging_cues", ())), frozenset(extra.get("asking_cues", ())),
                   frozenset(extra.get("question_words", ())),
                   frozenset(extra.get("denial_verbs", ())),
                   frozenset(extra.get("intentions", ())),
                   frozenset(extra.get("establishing", ())),
                   frozenset(extra.get("evidential", ())),
                   frozenset(extra.get("minimising", ())),
                   frozenset(extra.get("unconfirming_denials", ())),
                   frozenset(extra.get("nominal_beliefs", ())),
                   frozenset(extra.get("first_person_attitudes", ())))


def is_claim(att: Attribution, lex: AttributionLexicon) -> bool:
    """Attributions that state something. The cue model follows PolNeAR's wide notion (it also
    marks 'support', 'attack', 'sign'); a claim needs a saying, a belief with a clause or a
    quotation, a non-answer, or a cue word that is a cue most of the time."""
    if att.parenthetical:
        return False  # "as the Chinese say"
    if att.cue_kind == "noun":  # "statement", "claim", "report"… about something
        return att.cue_lemma in lex.noun_cues and att.content is not None
    if att.cue_kind != "verb":
        return True
    if att.source is None and not att.impersonal:
        return False  # "internationally recognized parts", "it is worth noting": no one reports
    lemma = att.cue_lemma
    if lemma in _HEDGE_VERBS:  # "X seems to…": the author's hedge; "it seemed to the
        return att.source is not None  # police that…": theirs (the one it seemed to)
    if lemma.startswith("not "):
        return False  # "X did not say that…": no saying
    if lemma in lex.speech or lemma in lex.non_answer_verbs or lemma in lex.deny:
        return True
    if att.impersonal and lemma in lex.raised_reports:
        return True  # "X is expected to…", "X is said to…"
    if lemma in lex.exclamations:
        return att.direct  # 'shouted “…”', not "was shouting in the square"
    if lemma in lex.advising:
        return att.direct or att.clausal  # "advised them to leave", not "reminded me of him"
    if lemma in lex.speech_acts and lemma not in lex.object_infinitive_only:
        return att.content is not None  # "urged X to…", "ruled out…", "pressed for…"
    if lemma in lex.object_infinitive_only and att.clausal:
        return True  # "pushed the council to release…", "dared them to try…"
    if lemma in lex.attitude_adjectives or lemma in lex.attitude_nouns:
        return att.clausal  # "X is concerned that…", "X voiced concern that…"
    if lemma in lex.postposed and att.content is not None and att.content[1] <= att.cue[0]:
        return True  # "…, the document continues"
    if lemma in lex.continuation:  # 'she continued: “…”' (only next to a quotation)
        return att.direct
    if lemma in lex.belief:
        return att.clausal
    return lex.learned_precision.get(lemma, 0.0) >= 0.6


def extract_claims(doc: Any, attributions: list[Attribution], entities: list[Entity],
                   sources_lex: SourceLexicon, status_lex: StatusLexicon,
                   cue_lex: AttributionLexicon, coref: Coreference | None = None
                   ) -> tuple[list[Source], list[Claim]]:
    """Sources and claims of ``doc`` (claims in text order); ``coref``: the article's
    coreference facts when the caller has built them (else built here)."""
    text = doc_text(doc)
    coref = coref or build_coreference(doc, entities, sources_lex.coref)
    table = SourceTable(entities, sources_lex, coref)
    quotes = find_quotes(text)
    sents = list(doc.sents)
    starts = [sent.start_char for sent in sents]
    drafts: list[tuple[int, Claim]] = []
    covered: list[tuple[int, int]] = []

    # a claim reported inside another claim is that source's word, not its own ("X added that
    # Kyiv had asked…"): keep the outer one, as PolNeAR does
    # the author's own "I wrote: …" or "I think…" is the author's voice: no reported claim,
    # and it hides none of the claims inside it
    whole = {q for q in quotes if q[1] - q[0] > 2 and text[q[0] + 1].isupper()}
    attributions = _merge_relays(text, attributions)
    claimed = outermost([a for a in attributions if (is_claim(a, cue_lex) or _fears(a, status_lex)
                                                     or _given_quotation(a, whole))
                         and not _intention(a, text, status_lex)
                         and not _authors_own(a, text, quotes) and not _bare_act(doc, a)])
    claimed = [_relayed(doc, a, cue_lex) for a in claimed]
    claimed = [a for a in (_pronoun_content(doc, a) for a in claimed) if a is not None]
    claimed = [a for a in (_noun_infinitive(doc, a) for a in claimed) if a is not None]
    # "Who can really say?": a question of the author's, no one's claim
    claimed = [a for a in claimed if not _asking_who(doc, text, a)]
    # "The White House and the Pentagon said…": one claim for each source
    for att in (one for outer in claimed for one in _each_source(doc, outer)):
        source_span = _span(text, att.source) if att.source else None
        if att.source is None:
            source = Source(UNNAMED_REPORTS, "unnamed reports", "anonymous", None, None, ())
        else:
            source = table.resolve(doc, att.source, att.source_token)
        if source.kind == "other" and att.cue_lemma in status_lex.evidential and not att.direct:
            continue  # "Photos showed…", "the findings echo…": evidence, not someone's word
        source_id = table.add(source, source_span)
        via: tuple[str, ...] = ()
        via_span, via_head = (att.via, None) if att.via is not None else _told_to(doc, att)
        if via_span is not None:  # "unnamed officials who spoke to the newspaper": via it
            via_source = table.resolve(doc, via_span, via_head)
            via = (table.add(via_source, _span(text, via_span)),)
        content = att.content or att.cue
        held: tuple[tuple[str, ...], int] = ((), 0)  # a belief over a quotation, and its end
        for piece, s_i in _sentence_pieces(text, content, starts, att.sentence):
            tokens = _tokens(doc, piece)
            # a reported claim's status is that of its main clause: "recognizes that this could
            # get out of hand" is stated, not speculated; "I think we must…" is a hedge
            main = _main_clause(tokens)
            markers = _markers(main, " ".join(t.text for t in main), status_lex)
            belief = _first_person_belief(main, status_lex) or next(
                (t for t in tokens if _what_i_believe(t, status_lex)), None)
            own = _first_person_hedge(belief)
            if belief is not None:
                held = (own, _quoted_belief_end(belief, piece, quotes))
                # "he believes there may be…": a possibility in what is believed stays one
                markers = (*markers, *_believed_markers(belief, tokens, status_lex))
            elif piece[1] <= held[1]:
                own = held[0]
            markers = (*own, *markers)
            if source.kind == "document":  # "the decree says the state may use…": a rule
                markers = tuple(m for m in markers if m not in status_lex.deontic)
            if att.cue_kind == "adverb":
                markers = (att.cue_lemma, *markers)
            if att.hedge:
                markers = (att.hedge, *markers)
            status = _status(att, markers, text[piece[0]:piece[1]], status_lex, main)
            drafts.append((piece[0], Claim(
                id="", text=text[piece[0]:piece[1]], start_char=piece[0], end_char=piece[1],
                sentence=s_i, source_id=source_id, source_span=source_span,
                cue=_span(text, att.cue), cue_kind=att.cue_kind, via=via, voice="reported",
                status=status, negated=_negated(tokens, status_lex) and status not in (
                    "no_comment", "unconfirmed"),
                quote="direct" if att.direct else "indirect", channel=att.channel,
                markers=tuple(m for m in markers if m not in status_lex.negations),
            )))
        covered.append((min(att.cue[0], content[0], *(att.source or content)),
                        max(att.cue[1], content[1], *(att.source or content))))

    author_used = False
    covering = IntervalIndex(covered)
    for s_i, sent in enumerate(sents):
        span = _trim(text, sent.start_char, sent.end_char)
        if span[1] - span[0] < 2 or not any(ch.isalpha() for ch in text[span[0]:span[1]]):
            continue
        inside = sum(min(span[1], covered[k][1]) - max(span[0], covered[k][0])
                     for k in covering.overlapping(*span))
        if inside > (span[1] - span[0]) * 0.5:
            continue
        tokens = list(sent)
        sentence_text = text[span[0]:span[1]]
        markers = _markers(tokens, sentence_text, status_lex)
        status = _author_status(sentence_text, markers, status_lex)
        author_used = True
        drafts.append((span[0], Claim(
            id="", text=sentence_text, start_char=span[0], end_char=span[1], sentence=s_i,
            source_id=AUTHOR.id, source_span=None, cue=None, cue_kind="none", via=(),
            voice="author", status=status, negated=_negated(tokens, status_lex),
            quote="direct" if any(q[0] <= span[0] and span[1] <= q[1]
                                  for q in quotes_overlapping(quotes, span[0], span[0] + 1))
            else "none",
            channel=None, markers=tuple(m for m in markers if m not in status_lex.negations),
        )))
    if author_used:
        table.add(AUTHOR, None)
    claims = [_with_id(claim, k) for k, (_, claim) in enumerate(sorted(drafts, key=lambda d: d[0]))]
    sources = [table.sources[i] for i in table.order]
    return sources, claims


_WORD = re.compile(r"[^\W\d_]{2}")
_LINK = re.compile(r"\S+\.\S+/\S*")


_TOLD_VERBS = frozenset({"speak", "talk", "tell", "quote", "cite", "brief", "interview"})
_NOT_OWN = frozenset({"conj", "cc", "preconj", "punct", "appos", "relcl", "acl"})


def _authors_own(att: Attribution, text: str, quotes: list[tuple[int, int]]) -> bool:
    """An attribution to "I" outside any quotation: the author speaking of their own words."""
    if att.source is None or text[att.source[0]:att.source[1]].strip() not in ("I", "me"):
        return False
    return not quotes_overlapping(quotes, att.source[0], att.source[1])


def _merge_relays(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """'The driver says the convoy never stopped, according to the Gazette', where both cues were
    found (each inside the other's content): the driver's claim, via the Gazette, ending before
    'according to'. Only a verb of the relay's own sentence is looked at (linear)."""
    relays = [k for k, a in enumerate(attributions) if a.cue_kind == "according_to"
              and a.content is not None and a.source is not None]
    if not relays:
        return attributions
    verbs: dict[int, list[int]] = {}
    for k, a in enumerate(attributions):
        if a.cue_kind == "verb" and a.content is not None and a.source is not None \
                and a.via is None:
            verbs.setdefault(a.sentence, []).append(k)
    out = list(attributions)
    dropped: set[int] = set()
    for r in relays:
        relay = attributions[r]
        for k in verbs.get(relay.sentence, ()):
            att = out[k]
            if k in dropped or att.content is None or relay.content is None \
                    or not relay.content[0] <= att.cue[0] < relay.content[1] \
                    or not att.content[0] < relay.cue[0] < att.content[1]:
                continue
            start, end = _trim(text, att.content[0], relay.cue[0])
            while end > start and text[end - 1] in ",;—–- ":
                end -= 1
            out[k] = replace(att, content=(start, end), via=relay.source)
            dropped.add(r)
            break
    return [a for k, a in enumerate(out) if k not in dropped]


_RELATIVES = frozenset({"that", "which", "what", "whom", "who"})


def _pronoun_content(doc: Any, att: Attribution) -> Attribution | None:
    """A content that is only a relative or interrogative pronoun (PolNeAR marks it so) says
    nothing by itself: in a relative clause the claim is the noun the clause describes ('the
    protections that the administration promised': the protections); in a free relative
    ('contrary to what the press asserts') the text does not say what is claimed, and there is
    no claim."""
    if att.content is None or att.cue_token is None or att.content[1] - att.content[0] > 5:
        return att
    words = doc.char_span(*att.content, alignment_mode="expand")
    if words is None or len(words) != 1 or (words[0].tag_ not in ("WDT", "WP")
                                            and words[0].lower_ not in _RELATIVES):
        return att
    cue = doc[att.cue_token]
    if cue.dep_ != "relcl":
        return None
    start, end = cue.head.left_edge.i, cue.left_edge.i
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end <= start:
        return None
    return replace(att, content=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))


_NOTHING = frozenset({"nothing", "little"})
_ASKING_WHO = frozenset({"who", "what", "which"})


def _asking_who(doc: Any, text: str, att: Attribution) -> bool:
    """Whether the source is the question word of a question ('Who can really say?'), not a
    relative pronoun for someone named ('the envoy, who said…')."""
    if att.source is None or att.cue_token is None \
            or text[att.source[0]:att.source[1]].lower() not in _ASKING_WHO:
        return False
    cue = doc[att.cue_token]
    return cue.dep_ not in ("relcl", "acl") and text[cue.sent.start_char:cue.sent.end_char] \
        .rstrip().endswith("?")


def _noun_infinitive(doc: Any, att: Attribution) -> Attribution | None:
    """A speech verb in an infinitive that describes a noun, with no subject of its own: "there
    is something important to note: …" is the author framing their own words (no claim); "had
    nothing to say about the strike" is a non-answer."""
    if att.cue_kind != "verb" or att.cue_token is None or att.non_answer is not None:
        return att
    cue = doc[att.cue_token]
    if any(c.dep_ == "ccomp" for c in cue.children):
        return att  # "went out of his way to say that…" is said
    if cue.dep_ not in ("relcl", "acl") or cue.head.pos_ not in ("NOUN", "PRON") \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return att
    if cue.head.lower_ in _NOTHING and att.source is not None:
        return replace(att, non_answer="no_comment")
    return None


def _relayed(doc: Any, att: Attribution, lex: AttributionLexicon) -> Attribution:
    """'The woman says the incident took place in 1982, according to the newspaper': the woman
    speaks, via the newspaper (the cue model, trained on PolNeAR's outermost attributions, leaves
    the inner verb to 'according to')."""
    if att.cue_kind != "according_to" or att.content is None or att.source is None:
        return att
    span = doc.char_span(*att.content, alignment_mode="expand")
    if span is None:
        return att
    verb = span.root
    if verb.lemma_.lower() not in lex.speech or verb.pos_ != "VERB":
        return att
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i
                    and c.i >= span.start), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if subject is None or clause is None or subject.pos_ == "PRON":
        return att
    text = doc_text(doc)
    first, last = doc[clause.left_edge.i], doc[min(clause.right_edge.i, span.end - 1)]
    content = _trim(text, first.idx, last.idx + len(last.text))
    source = (doc[subject.left_edge.i].idx, subject.idx + len(subject.text))
    return replace(att, cue=(verb.idx, verb.idx + len(verb.text)), cue_kind="verb",
                   cue_lemma=verb.lemma_.lower(), source=source, source_token=subject.i,
                   content=content, via=att.source, cue_token=verb.i, clausal=True)


def _given_quotation(att: Attribution, whole: set[tuple[int, int]]) -> bool:
    """A quotation of its own sentences after the cue of someone named just before ('Her
    father, Lamar, saw it too. “It kept exploding.”'): their words, whatever the verb."""
    return att.cue_kind == "verb" and att.source is not None and att.content in whole \
        and att.content is not None and att.content[0] > att.cue[1]


def _fears(att: Attribution, lex: StatusLexicon) -> bool:
    """'Britain feared the re-emergence of a German colossus': a fear or an expectation of a
    thing is held as a belief in it (hedged), though it has no clause."""
    return att.cue_kind == "verb" and att.cue_lemma in lex.nominal_beliefs \
        and att.source is not None and att.content is not None


def _bare_act(doc: Any, att: Attribution) -> bool:
    """An act with nothing said: a cue with no content ("the candidate lashed out"), a refusal
    of a thing ("declined an offer"), a meeting called ("called an emergency session")."""
    if att.non_answer or att.denied or att.cue_kind != "verb":
        return False  # ("The ministry denied." denies, content or not)
    if att.content is None:  # (a speech verb's content may be what the cue points at)
        return not att.direct and att.cue_lemma not in _SAYING
    if att.cue_token is None or att.direct or att.clausal:
        return False
    cue = doc[att.cue_token]
    lemma = cue.lemma_.lower()
    if lemma == "ask" and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children) and any(
            (c.dep_ == "prep" and c.lower_ == "for") or (c.dep_ == "dobj" and c.lemma_ == "question")
            for c in cue.children):
        return True  # "asked the public for help", "could ask questions": no question put
    if lemma not in _REFUSING and lemma not in _DECIDING:
        return False
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    deps = ("oprd", "xcomp", "ccomp", "dative")
    others = [c for c in cue.children if c.dep_ in deps or (
        c.dep_ == "prep" and lemma not in _ASKING_OF and c.lower_ in _CALLING_PREPS)]
    # "called him a liar" and "called for…", "called on…" stay; "In May, X called a meeting" not
    return bool(objects) and not others


_REFUSING = frozenset({"decline", "refuse"})
# "called an emergency session", "ordered the release of the files": a decision, nothing said;
# "questioned the suspect": questions put to someone (a question of a claim is a denial)
_DECIDING = frozenset({"call", "order", "question", "interrogate"})
_ASKING_OF = frozenset({"question", "interrogate"})  # ("…the suspect for six hours")
# the prepositions with which a deciding verb still asks something ("called for", "called on")
_CALLING_PREPS = frozenset({"for", "on", "upon", "to", "about", "over"})
_SAYING = frozenset({"say", "tell", "add", "write", "report", "state", "note", "explain",
                     "announce", "claim", "insist", "argue", "warn", "predict", "estimate",
                     "project", "expect", "believe", "think", "call", "ask"})


def _intention(att: Attribution, text: str, lex: StatusLexicon) -> bool:
    """'planned to enter the race', 'refused to release the records': what the source means to
    do, not what it says (a refusal to comment is a non-answer, and stays)."""
    if att.non_answer or att.cue_kind != "verb" or att.content is None or att.direct:
        return False
    return att.cue_lemma in lex.intentions and text.startswith("to ", att.content[0])


def _each_source(doc: Any, att: Attribution) -> list[Attribution]:
    """An attribution whose source is a coordination ("the ministry and the army", "neither the
    ministry nor the army") as one attribution per conjunct; a name that holds the conjunction
    ("Smith & Wesson", "Bosnia and Herzegovina") stays one source."""
    if att.source is None or att.source_token is None:
        return [att]
    head = doc[att.source_token]
    conjuncts = [t for t in head.conjuncts if t.pos_ in ("NOUN", "PROPN")
                 and att.source[0] <= t.idx < att.source[1]]
    if not conjuncts:
        return _two_named_people(doc, att)
    if head.pos_ not in ("NOUN", "PROPN"):
        return [att]
    if any(ent.start <= head.i < ent.end and any(ent.start <= c.i < ent.end for c in conjuncts)
           for ent in doc.ents):
        return [att]
    if not all(_names_one(t) for t in [head, *conjuncts]):
        return [att]  # "his adviser and former ambassador, Richard Grenell": one person
    out = []
    for token in sorted([head, *conjuncts], key=lambda t: t.i):
        own = [token, *_own_words(token)]
        span = (min(t.idx for t in own), max(t.idx + len(t.text) for t in own))
        out.append(replace(att, source=span, source_token=token.i))
    return out


def _told_to(doc: Any, att: Attribution) -> tuple[tuple[int, int] | None, int | None]:
    """The outlet an unnamed source spoke to, when the source's own words say so ("officials who
    spoke to the newspaper", "a source quoted by Reuters", "people who talked to the BBC")."""
    if att.source is None or att.source_token is None:
        return None, None
    head = doc[att.source_token]
    for clause in head.children:
        if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in _TOLD_VERBS:
            continue
        for child in clause.children:
            target = None
            if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "by", "with"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ in ("dobj", "dative") and clause.lemma_.lower() == "tell":
                target = child
            if target is not None and target.pos_ in ("NOUN", "PROPN"):
                return (target.left_edge.idx, target.idx + len(target.text)), target.i
    return None, None


_EACH = frozenset({"all", "both", "each"})


def _two_named_people(doc: Any, att: Attribution) -> list[Attribution]:
    """'FBI spokeswoman Gina Swankie and Travis spokesman Airman Christian Conrad declined…' when
    the parse has no coordination: a source of one 'and' between two people's names is each of
    them (the words on each side of it)."""
    assert att.source is not None
    if " and " not in doc_text(doc)[att.source[0]:att.source[1]]:
        return [att]
    words = doc.char_span(*att.source, alignment_mode="expand")
    if words is None:
        return [att]
    ands = [t for t in words if t.lower_ == "and"]
    people = [e for e in doc.ents if e.label_ == "PERSON"
              and words.start <= e.start and e.end <= words.end]
    if len(ands) != 1 or len(people) < 2:
        return [att]
    cut = ands[0]
    before = [e for e in people if e.end <= cut.i]
    after = [e for e in people if e.start > cut.i]
    if not before or not after or doc[cut.i - 1].is_punct:
        return [att]
    left = (words[0].idx, doc[cut.i - 1].idx + len(doc[cut.i - 1].text))
    right = (doc[cut.i + 1].idx, att.source[1])
    return [replace(att, source=left, source_token=before[-1].root.i),
            replace(att, source=right, source_token=after[-1].root.i)]


def _names_one(token: Any) -> bool:
    """A conjunct that names a source of its own: a name, a plural, or a noun with its own
    determiner or owner ('the ministry and the army'), and no apposition naming them all."""
    if any(c.dep_ == "appos" and c.lower_ not in _EACH for c in token.children):
        return False  # (but "the president and the ministers all said" names each)
    return (token.pos_ == "PROPN" or token.tag_ in ("NNS", "NNPS")
            or any(c.dep_ in ("det", "poss", "nummod") for c in token.children))


def _own_words(token: Any) -> list[Any]:
    """A conjunct's own modifiers: its subtree without the other conjuncts, the conjunctions and
    any clause hanging on it."""
    words = []
    stack = [c for c in token.children if c.dep_ not in _NOT_OWN]
    while stack:
        current = stack.pop()
        words.append(current)
        stack.extend(current.children)
    return words


def _sentence_pieces(text: str, content: tuple[int, int], starts: list[int], first: int
                     ) -> list[tuple[tuple[int, int], int]]:
    """A content cut at sentence ends: one claim per sentence, so a quotation of three sentences
    gives three claims of one source, each with its own status."""
    k = bisect.bisect_right(starts, content[0]) - 1
    pieces: list[tuple[tuple[int, int], int]] = []
    begin = content[0]
    while True:
        k += 1
        end = min(content[1], starts[k]) if k < len(starts) else content[1]
        piece = _trim_piece(text, begin, end)
        if piece is not None:
            pieces.append((piece, k - 1 if pieces else first))
        if end >= content[1]:
            break
        begin = end
    return pieces or [(content, first)]


def _trim_piece(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A piece without the white space around it; None when it holds no word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _WORD.search(_LINK.sub("", text[start:end])):
        return None  # a lone link or mark under a quotation: not a statement of its own
    return start, end


def _with_id(claim: Claim, k: int) -> Claim:
    return replace(claim, id=f"c{k + 1}")


def _span(text: str, span: tuple[int, int]) -> TextSpan:
    return TextSpan(text[span[0]:span[1]], span[0], span[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tokens(doc: Any, span: tuple[int, int]) -> list[Any]:
    chosen = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(chosen) if chosen is not None else []


def _markers(tokens: list[Any], text: str, lex: StatusLexicon) -> tuple[str, ...]:
    found: list[str] = []
    low = " ".join(text.lower().split()).replace("’", "'")
    for phrase in lex.speculation_phrases:
        if phrase in low:
            found.append(phrase)
    for token in tokens:
        word, lemma = token.lower_, token.lemma_.lower()
        if word in lex.speculation and (token.tag_ == "MD" or word not in lex.modals):
            if not _idle_speculation(token):
                found.append(word)  # the modal "may", never the month
        elif word in lex.hedges or lemma in lex.hedges:
            found.append(word if word in lex.hedges else lemma)
        elif word in lex.negations and token.dep_ == "neg":
            found.append(word)
    return tuple(dict.fromkeys(found))


def _idle_speculation(token: Any) -> bool:
    """A speculation word that hedges nothing: "as quickly as possible", "by any means possible"
    (an adjective in an idiom or after its noun), and "could not" / "cannot", which state an
    inability ("said it could not link the case"), not a possibility."""
    if token.pos_ == "ADJ":
        return bool(token.dep_ == "amod" and (token.head.lower_ == "as" or token.head.i < token.i))
    if token.lower_ in _ABILITY and token.tag_ == "MD":
        return any(c.dep_ == "neg" for c in token.head.children)
    return False


_ABILITY = frozenset({"could", "can", "ca"})
_EMBEDDING = frozenset({"ccomp", "relcl", "acl", "csubj", "advcl", "pcomp"})


def _main_clause(tokens: list[Any]) -> list[Any]:
    """The tokens of the content's main clause(s): those not inside a clause embedded under
    another (a complement, relative or adverbial clause). One walk up from each token, with the
    answers cached, so the cost is linear in the content."""
    inside = {t.i: t for t in tokens}
    embedded: dict[int, bool] = {}
    for token in tokens:
        path = []
        current = token
        verdict = False
        while True:
            if current.i in embedded:
                verdict = embedded[current.i]
                break
            path.append(current.i)
            if current.head.i == current.i or current.head.i not in inside:
                break
            if current.dep_ in _EMBEDDING:
                verdict = True
                break
            current = current.head
        for i in path:
            embedded[i] = verdict
    return [t for t in tokens if not embedded[t.i]]


def _first_person_hedge(belief: Any) -> tuple[str, ...]:
    """'I think…', 'we believe…', 'he thinks…' heading the content (``belief``, of
    :func:`_first_person_belief`): the source hedges its own statement (its belief, not a fact it
    reports)."""
    return () if belief is None else (f"{belief.lemma_.lower()} (first person)",)


def _first_person_belief(tokens: list[Any], lex: StatusLexicon) -> Any:
    """The belief verb (or attitude) heading ``tokens`` with a pronoun for its subject, or None."""
    inside = {t.i for t in tokens}
    for token in tokens:  # only a root: "…, but I think we must" hedges half a sentence
        if token.head.i != token.i and token.head.i in inside:
            continue
        if token.lemma_.lower() in lex.first_person_hedges and token.pos_ == "VERB" and any(
                c.dep_ in ("ccomp", "parataxis") for c in token.children) and any(
                c.dep_ == "nsubj" and c.pos_ == "PRON" for c in token.children):
            return token
        if token.lemma_ == "be" and any(c.dep_ == "nsubj" and c.pos_ == "PRON"
                                        for c in token.children):
            # "he is concerned about…", "they are not sure what caused…"
            attitude = next((c for c in token.children if c.dep_ == "acomp"
                             and c.lower_ in lex.first_person_attitudes), None)
            if attitude is not None:
                return attitude
    return None


def _what_i_believe(token: Any, lex: StatusLexicon) -> bool:
    """'I have seen what I believe to be credible evidence': the thing shown is only believed to
    be so by the speaker (a first-person belief with 'what' for its object and 'to be')."""
    if token.lemma_.lower() not in lex.first_person_hedges or token.pos_ != "VERB":
        return False
    children = list(token.children)
    being = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ == "be"), None)
    return being is not None and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we")
                                     for c in children) and any(
        c.lower_ == "what" for c in (*children, *being.children))


def _believed_markers(belief: Any, tokens: list[Any], lex: StatusLexicon) -> tuple[str, ...]:
    """The speculation words of the main clause of what a first-person belief holds ('he
    believes there may be…')."""
    clause = next((c for c in belief.children if c.dep_ in ("ccomp", "parataxis")), None)
    if clause is None:
        return ()
    inside = [t for t in tokens if clause.left_edge.i <= t.i <= clause.right_edge.i]
    held = _main_clause(inside)
    return tuple(m for m in _markers(held, " ".join(t.text for t in held), lex)
                 if m in lex.speculation or m in lex.speculation_phrases)


def _quoted_belief_end(belief: Any, piece: tuple[int, int], quotes: list[tuple[int, int]]
                       ) -> int:
    """'Benjamin said he believes “there may be some… . But those involved are…”': a belief
    outside a quotation that runs on past its sentence holds the whole quotation. Where that
    quotation ends (0: none)."""
    if quotes_overlapping(quotes, belief.idx, belief.idx + 1):
        return 0
    return next((q[1] for q in quotes_overlapping(quotes, belief.idx, piece[1])
                 if q[0] > belief.idx and q[1] > piece[1]), 0)


def _negated(tokens: list[Any], lex: StatusLexicon) -> bool:
    """Whether a root of the span has a negation ("did not strike"). Read from the doc's head
    and label arrays, so no token object is made per word."""
    if not tokens:
        return False
    heads, negs = _head_arrays(tokens[0].doc)
    first, last = tokens[0].i, tokens[-1].i
    roots = {h for h in range(first, last + 1) if heads[h] == h or not first <= heads[h] <= last}
    # a negation hanging on a root: the root's own children, inside the span or just outside it
    lo, hi = max(first - 3, 0), min(last + 4, len(heads))
    return any(negs[i] and heads[i] in roots and heads[i] != i for i in range(lo, hi))


# the arrays of the last doc asked about (one entry: an article's claims are made together, and
# no earlier doc is kept alive)
_ARRAYS: dict[int, tuple[Any, list[int], list[bool]]] = {}


def _head_arrays(doc: Any) -> tuple[list[int], list[bool]]:
    """Each token's head index and whether it is a negation, for the last doc asked about."""
    cached = _ARRAYS.get(0)
    if cached is not None and cached[0] is doc:
        return cached[1], cached[2]
    from spacy.attrs import DEP, HEAD

    array = doc.to_array([HEAD, DEP]).astype("int64")
    neg = doc.vocab.strings["neg"]
    relative = array[:, 0].tolist()
    heads = [i + int(r) for i, r in enumerate(relative)]
    negs = [d == neg for d in doc.to_array([DEP]).tolist()]
    _ARRAYS[0] = (doc, heads, negs)
    return heads, negs


def _is_question(text: str) -> bool:
    stripped = text.rstrip(" »”\"'")
    return stripped.endswith("?")


def _speculative(markers: tuple[str, ...], lex: StatusLexicon) -> bool:
    return any(m in lex.speculation or m in lex.speculation_phrases for m in markers)


def _hedged(markers: tuple[str, ...], lex: StatusLexicon) -> bool:
    return any(m in lex.hedges or m in {"reportedly", "allegedly"} or m.endswith("(first person)")
               for m in markers)


def _status(att: Attribution, markers: tuple[str, ...], content: str, lex: StatusLexicon,
            main: list[Any] | None = None) -> str:
    roots = _roots(main or [])
    if att.non_answer:
        return att.non_answer
    if att.hedge in lex.unconfirming_denials:
        return "unconfirmed"  # "did not deny the claims"
    if (att.denied and att.cue_lemma not in lex.minimising) or _denies(roots, lex):
        return "denied"
    if att.cue_kind in ("verb", "noun") and att.cue_lemma in lex.hedging_cues:
        # a belief holds its content, even one that quotes a question ('imagined he was
        # thinking: "What have I done?"'); a possibility in it stays one
        return "speculative" if _speculative(markers, lex) else "hedged"
    if _is_question(content) or _direct_question(main, lex) or (
            att.cue_lemma in lex.asking_cues and _asks(att, main)):
        return "question"
    if _unestablished(roots, lex):
        return "unconfirmed"  # "said it could not link the case to…"
    if _speculative(markers, lex):
        return "speculative"
    if _hedged(markers, lex) or att.cue_kind == "adverb" or att.hedge or att.impersonal:
        return "hedged"  # (a hedging cue returned above)
    return "reported"


def _asks(att: Attribution, main: list[Any] | None) -> bool:
    """Whether an asking cue's content is a question: not a quotation (its own marks say so),
    not a request ("asked to see the passport") and not a challenge ("questioned Trump's
    logic", a noun)."""
    if att.direct or not main:
        return False
    cue = main[0].doc[att.cue_token] if att.cue_token is not None else None
    if cue is not None and any(c.dep_ == "xcomp" for c in cue.children):
        return False
    if att.cue_lemma == "question":  # "questioned the plan": a challenge, unless a clause
        return any(t.pos_ in ("VERB", "AUX") for t in main) or any(
            t.lower_ in ("whether", "if") or t.tag_ in ("WP", "WRB", "WDT") for t in main[:2])
    return True  # "asked whether…", "asked about the investigation"


def _unestablished(roots: list[Any], lex: StatusLexicon) -> bool:
    """'it could not link the case to…', 'cannot confirm': the source says it could not
    establish the content."""
    return any(r.lemma_.lower() in lex.establishing and any(
        c.dep_ == "aux" and c.lower_ in _ABILITY for c in r.children) and any(
        c.dep_ == "neg" for c in r.children) for r in roots)


def _roots(tokens: list[Any]) -> list[Any]:
    inside = {t.i for t in tokens}
    return [t for t in tokens if t.head.i == t.i or t.head.i not in inside]


def _denies(roots: list[Any], lex: StatusLexicon) -> bool:
    """'I categorically deny this allegation': the source's content is itself a denial."""
    return any(r.lemma_.lower() in lex.denial_verbs and any(
        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in r.children) for r in roots)


def _direct_question(tokens: list[Any] | None, lex: StatusLexicon) -> bool:
    """A quoted question without its question mark, as transcripts print them: 'What was her
    judgment in setting up this site.' (a wh-word or an auxiliary before the subject)."""
    words = [t for t in tokens or [] if not t.is_punct]
    if len(words) < 3 or words[0].lower_ not in lex.question_words:
        return False
    first, second = words[0], words[1]
    if first.pos_ == "AUX":  # "Is the border closed", not "Is closed" fragments
        return second.dep_ in ("nsubj", "nsubjpass", "expl") or second.pos_ in ("PRON", "DET", "PROPN")
    return second.pos_ == "AUX" and first.tag_ in ("WP", "WRB", "WDT", "WP$")


def _author_status(text: str, markers: tuple[str, ...], lex: StatusLexicon) -> str:
    if _is_question(text):
        return "question"
    if _speculative(markers, lex):
        return "speculative"
    if _hedged(markers, lex):
        return "hedged"
    return "asserted"
