"""Events: who did what to whom, where and when, in the PLOVER ontology — each tied to the claims
that report it.

A pure function over a parsed Doc and the layers already extracted (entities, times, claims):

1. **Triggers** are verbs, event nouns and multiword phrases of the event lexicon
   (``data/events.json``: the 16 PLOVER types and claimtrail's documented extensions STATEMENT,
   POLICY and NO_COMMENT). A lemma listed under several types is settled by the words around it.
2. **Arguments** come from the parse: subjects and passive agents are actors, objects and
   type-specific prepositions recipients ("met with" makes both sides actors, as PLOVER codes
   meetings); a noun trigger takes its possessor, its nationality adjective, "by X", or the subject
   of the light verb that carries it ("carried out its strike"). Each argument resolves to an entity
   of the article, with its country and sector.
3. **Place, weapons, quantities, time** from the trigger's clause; an attack's follow-up sentences
   ("Five missiles were intercepted", "another was damaged", "It struck…") add their counts and
   places to the attack instead of starting new events.
4. **Modality** (actual, planned, threatened, attempted, hypothetical) and negation from the
   governing words and auxiliaries; the status and source come from the claim that contains the
   trigger, so an event known only from a hedged leak is visibly so.
5. **Links** ("in response", "retaliatory", "after", "despite", "because of") to earlier events, with
   the source that asserts the link; repeated mentions of one event merge into one record with
   several reports.

The steps live in one module each: ``triggers``, ``arguments`` (with ``parties``), ``details``,
``modality``, ``classify``, ``followup``, ``from_claims``, ``links`` and ``repeats``, run in
order by ``pipeline``; then ``coreference`` joins the mentions of one happening across sentences
``mention_model`` drops the rules' events a learned filter finds to be no event, and ``main``
marks the article's main events. The word sets are data: ``data/events.json`` (the
lexicon) and ``data/event_words.json`` (``words``).
"""

from .coreference import merge_coreferent
from .lexicon import EventLexicon, TypeSpec
from .main import MAX_MAIN, mark_main_events
from .mention_model import EventModel, filter_events
from .pipeline import extract_events
from .syntax import lemma_of

__all__ = ["MAX_MAIN", "EventLexicon", "EventModel", "TypeSpec", "extract_events", "filter_events",
           "lemma_of", "mark_main_events", "merge_coreferent"]
