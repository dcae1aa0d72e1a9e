"""Our spaCy components, registered here and only when :func:`register` is called.

- ``claimtrail_gazetteer``: spaCy's entity ruler, before ``ner``, filled from our gazetteer, so the
  statistical NER keeps our spans (fixes Kursk→PRODUCT, "Kiev regime"→PERSON, missed HIMARS…).
- ``claimtrail_line_breaks``: before ``parser``; a line break ends a sentence (headlines and
  paragraphs without a final full stop would otherwise run into the next sentence), and so does a
  full stop glued to the next sentence (the tokenizer is taught to split "19.According").
- ``claimtrail_entity_fixes``: after ``ner``; drops spans that are punctuation or a word inside a
  title ("Press" in "Deputy Press Secretary").

- ``claimtrail_lemma_fixes``: after ``lemmatizer``; the verb forms of ``data/lemmas.json`` whose
  suffix rule fits two lemmas, where spaCy's rule lemmatizer takes the wrong one ("hoping" is
  "hope", not "hop"; its own exceptions cannot override a lemma its rules also find).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .gazetteer import Gazetteer, load_gazetteer

_registered = False


def register() -> None:
    """Register our factories with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component(
        "claimtrail_line_breaks",
        requires=["token.is_space"],
        assigns=["token.is_sent_start"],
        func=line_breaks,
    )
    Language.factory(
        "claimtrail_entity_fixes",
        requires=["doc.ents"],
        assigns=["doc.ents"],
        default_config={},
        func=_make_entity_fixes,
    )
    Language.factory(
        "claimtrail_lemma_fixes",
        requires=["token.lemma", "token.tag"],
        assigns=["token.lemma"],
        default_config={},
        func=_make_lemma_fixes,
    )
    _registered = True


def _make_lemma_fixes(nlp: Any, name: str) -> Any:
    import numpy as np
    from spacy.attrs import LOWER

    from ..resources import read_json

    strings = nlp.vocab.strings
    fixes = {strings.add(form): lemma for pos, forms in read_json("lemmas.json").items()
             if not pos.startswith("_") for form, lemma in forms.items()}
    wanted = np.array(sorted(fixes), dtype="uint64")

    def lemma_fixes(doc: Any) -> Any:
        if len(doc) == 0:
            return doc
        lower = doc.to_array([LOWER]).reshape(-1)
        for i in np.flatnonzero(np.isin(lower, wanted)):
            token = doc[int(i)]
            if token.tag_.startswith("VB"):
                token.lemma_ = fixes[int(lower[i])]
        return doc

    return lemma_fixes


def add_claimtrail_pipes(nlp: Any, gazetteer: Gazetteer | None = None) -> None:
    register()
    gaz = gazetteer or load_gazetteer()
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="claimtrail_gazetteer",
        before="ner",
        config={"overwrite_ents": False, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gaz.patterns())
    nlp.add_pipe("claimtrail_entity_fixes", after="ner")
    nlp.add_pipe("claimtrail_line_breaks", before="parser")
    _split_glued_sentences(nlp)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("claimtrail_lemma_fixes", after="lemmatizer")


def _split_glued_sentences(nlp: Any) -> None:
    """Let the tokenizer split a full stop that glues a number to the next sentence
    ("19.According"); spaCy's own infixes already split "over.The"."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9])\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def line_breaks(doc: Any) -> Any:
    """Start a sentence after every whitespace token that holds a line break, and after a full
    stop glued to the next sentence ("on November 19.According to…").

    The starts are written in one array: setting ``token.is_sent_start`` one token at a time costs
    a scan of the whole doc each time, quadratic in a long article."""
    from spacy.attrs import SENT_START

    starts = doc.to_array([SENT_START])
    changed = False
    for token in doc[:-1]:
        if (token.is_space and "\n" in token.text) or _glued_stop(token):
            starts[token.i + 1] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


def _glued_stop(token: Any) -> bool:
    """A full stop with no space after it, between a word or number and a capitalised word."""
    if token.text != "." or token.whitespace_ or token.i == 0:
        return False
    before, after = token.nbor(-1), token.nbor(1)
    return (not before.whitespace_ and before.text[-1:].isalnum() and len(after.text) > 1
            and after.text[0].isupper() and after.text[1:2].islower())


def _whole_name(doc: Any, ent: Any, in_title: set[int]) -> Any:
    """A person's name without the title the model took in, and with the surname it left out:
    "First Lady Ana Torres" tagged as "Lady Ana" becomes "Ana Torres" (else the lone "Torres"
    would be read as another Torres named in the article)."""
    from spacy.tokens import Span

    start, end = ent.start, ent.end
    while start < end - 1 and start in in_title:
        start += 1
    while (end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
           and not doc[end].ent_type_ and end not in in_title and end - start < 5):
        end += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _surname_of_a_name(doc: Any, ent: Any, in_title: set[int]) -> Any:
    """A demonym the gazetteer matched right after a first name is a surname: "Mark Cuban" is a
    person, not Cubans (a lone "Cuban" stays a demonym here; entities link it to the person when
    the article names him in full)."""
    if ent.label_ != "NORP" or len(ent) != 1 or ent.start == 0:
        return ent
    from spacy.tokens import Span

    first = doc[ent.start - 1]
    if (first.pos_ == "PROPN" and first.text[:1].isupper() and first.text.isalpha()
            and not first.ent_type_ and ent.start - 1 not in in_title and not first.is_sent_start):
        return Span(doc, ent.start - 1, ent.end, label="PERSON")
    if (first.pos_ == "PROPN" and first.text[:1].isupper() and first.text.isalpha()
            and not first.ent_type_ and ent.start - 1 not in in_title and first.is_sent_start
            and ent.root.pos_ == "PROPN"):
        return Span(doc, ent.start - 1, ent.end, label="PERSON")
    return ent


def _make_entity_fixes(nlp: Any, name: str) -> EntityFixes:
    return EntityFixes(nlp, load_gazetteer().titles)


class EntityFixes:
    """Drop model spans that are not entities; computed in ``predict``, applied in
    ``set_annotations``, errors routed through the pipe's error handler."""

    def __init__(self, nlp: Any, titles: Iterable[str]) -> None:
        from spacy.matcher import PhraseMatcher

        self.name = "claimtrail_entity_fixes"
        self.matcher = PhraseMatcher(nlp.vocab)
        self.matcher.add("TITLE", [nlp.make_doc(t) for t in titles])
        self._handler: Any = None

    def get_error_handler(self) -> Any:
        from spacy.util import raise_error

        return self._handler or raise_error

    def set_error_handler(self, handler: Any) -> None:
        self._handler = handler

    def __call__(self, doc: Any) -> Any:
        try:
            self.set_annotations(doc, self.predict(doc))
        except Exception as err:
            self.get_error_handler()(self.name, self, [doc], err)
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterable[Any]:
        for doc in docs:
            yield self(doc)

    def predict(self, doc: Any) -> list[Any]:
        in_title: set[int] = set()
        for _, start, end in self.matcher(doc):
            in_title.update(range(start, end))
        keep = []
        for ent in doc.ents:
            if ent.ent_id_:  # ours, from the gazetteer
                keep.append(_surname_of_a_name(doc, ent, in_title))
                continue
            if not any(ch.isalnum() for ch in ent.text) or ent.text.lower() in ("’s", "'s"):
                continue
            if ent.label_ in ("ORG", "PERSON", "NORP", "GPE") and all(
                t.i in in_title for t in ent
            ):
                continue
            if ent.label_ == "PERSON":
                ent = _whole_name(doc, ent, in_title)
            keep.append(ent)
        return keep

    def set_annotations(self, doc: Any, keep: list[Any]) -> None:
        doc.ents = keep
        for ent in keep:  # a surname taken back from a demonym keeps no demonym's id
            if ent.label_ == "PERSON":
                for token in ent:
                    if token.ent_id_.startswith("people:"):
                        token.ent_id_ = ""
