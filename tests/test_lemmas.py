"""Verb lemmas the attribution lexicon relies on: spaCy's rule lemmatizer takes the first lemma
its suffix rules find, so "hoping" became "hop" and the cue was not known; our lemma fixes
correct the forms where that happens (data/lemmas.json)."""

from __future__ import annotations

from claimtrail.resources import load_attribution_lexicon, read_json


def _forms(verb: str) -> list[str]:
    if verb.endswith("ee"):
        return [verb + "ing", verb + "d"]
    if verb.endswith("ie"):
        return [verb[:-2] + "ying", verb + "d"]
    if verb.endswith("e"):
        return [verb[:-1] + "ing", verb + "d"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb + "ing", verb[:-1] + "ied"]
    return [verb + "ing", verb + "ed"]


def test_every_lexicon_verb_keeps_its_lemma_in_ing_and_ed_forms(nlp):
    lex = load_attribution_lexicon()
    # the word lists we keep by hand (the learned candidates hold what the lemmatizer gave)
    verbs = set(lex.speech) | set(lex.belief) | set(lex.non_answer_verbs)
    # "be" and "see" have irregular forms; "co" is a prefix the lexicon keeps for "co-sign"
    verbs = sorted(v for v in verbs if v.isalpha() and v not in ("be", "see", "foresee", "co"))
    assert len(verbs) > 100
    cases = [(verb, form) for verb in verbs for form in _forms(verb)]
    texts = [f"The officials were {form} that the plan works." if form.endswith("ing")
             else f"The officials {form} that the plan works." for _, form in cases]
    wrong = []
    for (verb, form), doc in zip(cases, nlp.pipe(texts), strict=True):
        token = next(t for t in doc if t.text == form)
        if token.pos_ == "VERB" and token.lemma_.lower() != verb:
            wrong.append((form, token.lemma_))
    assert wrong == []


def test_fixed_forms_are_verbs_only(nlp):
    doc = nlp("Congressional Republicans are hoping the files reveal details. She hoped so. "
              "They hated that it failed. The kingdom hopes it works. The rabbit hopped and "
              "kept hopping.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["hoping"] == "hope" and lemmas["hoped"] == "hope" and lemmas["hated"] == "hate"
    assert lemmas["hopes"] == "hope"
    assert lemmas["hopped"] == "hop"
    assert set(read_json("lemmas.json")["verb"].values()) == {"hope", "hate"}


def test_hoping_with_a_clause_is_a_hedged_claim(nlp):
    from claimtrail.analyze import analyze_text

    an = analyze_text("Congressional Republicans are hoping the files reveal details about the "
                      "start of the inquiry.", nlp=nlp)
    claims = [c for c in an.claims if c.voice == "reported"]
    assert len(claims) == 1
    assert claims[0].text.startswith("the files reveal details")
    assert claims[0].status == "hedged"
