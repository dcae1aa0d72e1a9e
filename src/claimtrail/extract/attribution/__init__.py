"""Attribution: who (source) says (cue) what (content), as character spans over a parsed Doc.

Cues are reporting and belief verbs (a hand-written list plus lemmas learned from an annotated
corpus, see ``claimtrail train attribution``), "according to", report adverbs ("reportedly"),
report nouns with a that-clause ("the claim that…") and non-answers ("declined to comment").
Contents are complement clauses, objects, or the direct quotation next to the cue; sources are
subjects, passive agents, "according to" objects, or the subject of the verb a participle hangs on
("…, adding that…").

The extraction is one step per module: the cue kinds (``phrases``, ``headlines``, ``verbs``,
``nouns``, ``signatures``), their arguments (``content``, ``subjects``, ``datelines``,
``experiencers``) and the passes that join or split what they found (``hedges``, ``citing``,
``participles``, ``coordination``, ``orphans``), in the order ``pipeline`` runs them. The word
lists are in ``data/attribution.json`` (see :class:`AttributionLexicon`).
"""

from .candidates import is_candidate, near_quote
from .lexicon import AttributionLexicon
from .model import Attribution
from .nesting import one_content_per_cue, outermost
from .pipeline import extract_attributions
from .subjects import RELATIVE_TAGS, antecedent

__all__ = [
    "RELATIVE_TAGS",
    "Attribution",
    "AttributionLexicon",
    "antecedent",
    "extract_attributions",
    "is_candidate",
    "near_quote",
    "one_content_per_cue",
    "outermost",
]
