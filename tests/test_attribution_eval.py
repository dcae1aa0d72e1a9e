"""Attribution evaluation and training: the PolNeAR reader, span scoring, and the 'eval' and
'train' commands on a tiny corpus of our own in PolNeAR's layout (tests/fixtures/attribution-mini);
plus a quality gate on PolNeAR's dev split (marked shared_data)."""

from __future__ import annotations

import json
import math

import pytest

from claimtrail.errors import InputNotFound
from claimtrail.evaluate.polnear import iter_polnear, read_ann
from claimtrail.evaluate.scoring import score_spans

from .conftest import ROOT, SHARED, run_cli

MINI = ROOT / "tests/fixtures/attribution-mini"


def test_read_ann_keeps_only_linked_spans_and_fragments():
    ann = ("T1\tSource 0 3\tShe\nT2\tCue 4 8\tsaid\nT3\tContent 9 14;20 25\tthat…\n"
           "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "T5\tCue 30 34\tsaid\nT6\tDiscard 40 44\tnope\n")
    spans = read_ann(ann)
    assert [(s.role, s.fragments) for s in spans] == [
        ("source", ((0, 3),)), ("cue", ((4, 8),)), ("content", ((9, 14), (20, 25)))]


def test_iter_polnear_reads_our_mini_corpus():
    articles = list(iter_polnear(MINI))
    assert articles[0].name == "mini_2024-01-01_bridge"
    assert sum(len(a.spans) for a in articles) == 21


def test_iter_polnear_explains_a_wrong_folder(tmp_path):
    with pytest.raises(InputNotFound) as info:
        list(iter_polnear(tmp_path))
    assert "text/ and attributions/" in str(info.value)


@pytest.mark.parametrize(
    ("pred", "gold", "exact", "overlap"),
    [
        ([(0, 4)], [((0, 4),)], 1, 1),
        ([(0, 5)], [((0, 4),)], 0, 1),          # "said," trims to "said": exact after trimming
        ([(2, 3)], [((0, 4),)], 0, 1),
        ([(5, 9)], [((0, 4),)], 0, 0),
        ([(0, 2), (2, 4)], [((0, 4),)], 0, 1),  # one gold span matches one prediction only
    ],
)
def test_score_spans(pred, gold, exact, overlap):
    text = "said, more"
    counts = score_spans(text, pred, gold)
    if pred == [(0, 5)]:
        exact = 1  # the trailing comma is trimmed
    assert (counts.exact, counts.overlap_gold) == (exact, overlap)


def test_a_colon_cue_is_a_span():
    # "TAPPER: And obviously…": the colon alone is the cue; trimming must not erase it
    text = "TAPPER: And obviously you agree."
    counts = score_spans(text, [(6, 7)], [((6, 7),)])
    assert (counts.predicted, counts.exact, counts.overlap_gold) == (1, 1, 1)


def test_a_mention_predicted_twice_counts_once():
    # "She said X and added Y": one source mention for two cues, as PolNeAR marks it
    text = "She said it and added more"
    counts = score_spans(text, [(0, 3), (0, 3)], [((0, 3),)])
    assert (counts.predicted, counts.exact, counts.overlap_pred) == (1, 1, 1)
    assert counts.metrics()["overlap_p"] == 1.0
    # a different span of the same words is a second prediction, and a false one
    counts = score_spans(text, [(0, 3), (0, 8)], [((0, 3),)])
    assert (counts.predicted, counts.overlap_pred) == (2, 1)


@pytest.mark.slow
def test_eval_command_on_mini_corpus():
    proc = run_cli("eval", "attribution", str(MINI), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    scores = json.loads(proc.stdout)["claimtrail"]
    assert scores["cue"]["gold"] == 7
    # the seven attributions are plain constructions: every cue and source must be found
    assert scores["cue"]["overlap_r"] == 1.0 and scores["source"]["overlap_r"] == 1.0
    table = run_cli("eval", "attribution", str(MINI))
    assert "| claimtrail | content |" in table.stdout.decode()


@pytest.mark.slow
def test_train_command_writes_loadable_files(tmp_path):
    proc = run_cli("train", "attribution", str(MINI), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    summary = json.loads(proc.stdout)
    assert summary["articles"] == 5
    from claimtrail.extract.attribution import AttributionLexicon
    from claimtrail.extract.cue_model import CueModel
    from claimtrail.resources import read_json

    cues = json.loads((tmp_path / "attribution_cues.json").read_text())
    assert cues["articles"] == 5 and isinstance(cues["counts"], dict)
    AttributionLexicon.from_dicts(read_json("attribution.json"), cues)
    model = CueModel.from_dict(json.loads((tmp_path / "cue_model.json").read_text()))
    assert 0 < model.threshold <= 1 and model.weights and model.trees


def test_bad_eval_path_is_a_clear_error(tmp_path):
    proc = run_cli("eval", "attribution", str(tmp_path))
    assert proc.returncode == 2
    assert "[E005]" in proc.stderr.decode()


@pytest.mark.shared_data
@pytest.mark.slow
def test_quality_gate_on_polnear_dev(nlp):
    """F1 floors pinned in tests/eval_baseline.json; the run fails when a floor drops."""
    from claimtrail.evaluate.attribution import as_json, evaluate_attribution
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    dev = SHARED / "data/polnear/dev"
    assert dev.exists(), f"{dev} is missing: the quality gate needs PolNeAR's dev split"
    floors = json.loads((ROOT / "tests/eval_baseline.json").read_text())["attribution"]
    rows = evaluate_attribution(str(dev), nlp, load_attribution_lexicon(), load_cue_model(),
                                limit=floors["articles"])
    scores = as_json(rows)["claimtrail"]
    for role in ("source", "cue", "content"):
        assert scores[role]["overlap_f1"] >= floors[role], (role, scores[role])


def test_fit_with_one_class_is_a_constant_model():
    from claimtrail.train.linear import SINGLE_CLASS_BIAS, fit_binary

    assert fit_binary([["a"], ["b"]], [1, 1]) == ({}, SINGLE_CLASS_BIAS)
    assert fit_binary([["a"], ["b"]], [0, 0]) == ({}, -SINGLE_CLASS_BIAS)
    weights, _ = fit_binary([["x", "a"], ["x", "a"], ["y", "b"], ["y", "b"]], [1, 1, 0, 0], min_count=1)
    assert weights["x"] > 0 > weights["y"]


def test_a_flat_tree_goes_right_when_the_feature_is_present():
    from claimtrail.extract.cue_model import CueModel, Tree

    # "lemma=say" present → node 1; then "subj=PROPN" decides between leaves 1 and 2
    tree = Tree.from_dict({"split": ["lemma=say", "subj=PROPN"], "left": [~0, ~1], "right": [1, ~2],
                           "leaf": [-2.0, 0.5, 3.0]})
    assert tree.value({"lemma=go"}) == -2.0
    assert tree.value({"lemma=say"}) == 0.5
    assert tree.value({"lemma=say", "subj=PROPN"}) == 3.0
    assert Tree.from_dict({"split": [], "left": [], "right": [], "leaf": [1.5]}).value(set()) == 1.5
    with pytest.raises(ValueError, match="one more leaf"):
        Tree.from_dict({"split": ["a"], "left": [~0], "right": [~1], "leaf": [1.0]})
    linear = CueModel({"lemma=say": 2.0}, -1.0, 0.5)
    both = CueModel({"lemma=say": 2.0}, -1.0, 0.5, (tree,))
    p_linear = linear.probability(["lemma=say", "subj=PROPN"])
    assert both.probability(["lemma=say", "subj=PROPN"]) == pytest.approx(
        (p_linear + 1 / (1 + math.exp(-3.0))) / 2)


def test_exported_trees_give_lightgbms_own_scores():
    """The flat trees we ship must score every example exactly as the booster they came from."""
    lightgbm = pytest.importorskip("lightgbm")
    import numpy
    from sklearn.feature_extraction import DictVectorizer

    from claimtrail.extract.cue_model import Tree
    from claimtrail.train.trees import PARAMS, fit_trees, flatten

    # the label needs two features together (an interaction a linear model cannot express)
    feats = [[f"a={i % 2}", f"b={i // 2 % 2}", f"noise={i % 7}"] for i in range(400)]
    labels = [1 if "a=1" in f and "b=1" in f else 0 for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats]).astype(numpy.float32)
    booster = lightgbm.train(PARAMS, lightgbm.Dataset(x, numpy.asarray(labels)), 20)
    names = [str(n) for n in vec.get_feature_names_out()]
    trees = [Tree.from_dict(flatten(t["tree_structure"], names)) for t in booster.dump_model()["tree_info"]]
    ours = [sum(t.value(set(f)) for t in trees) for f in feats]
    theirs = booster.predict(x, raw_score=True)
    assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) < 1e-4
    positive = [score for score, label in zip(ours, labels, strict=True) if label]
    negative = [score for score, label in zip(ours, labels, strict=True) if not label]
    assert min(positive) > 0 > max(negative)
    assert fit_trees([["a"], ["b"]], [1, 1]) == []


def test_accepts_agrees_with_the_probability_and_skips_trees_below_the_floor():
    from claimtrail.extract.cue_model import CueModel, Tree

    tree = Tree.from_dict({"split": ["b"], "left": [~0], "right": [~1], "leaf": [-3.0, 6.0]})
    model = CueModel({"a": 3.0, "b": -1.0, "c": -6.0}, -1.0, 0.45, (tree,), floor=0.1)
    rows = [[], ["a"], ["b"], ["a", "b"], ["c"], ["c", "b"], ["a", "c", "b"]]
    for features in rows:
        assert model.accepts(features) == (model.probability(features) >= model.threshold), features
    # "c" and "b": the regression says 0.0003, under the floor, so the trees (which would say
    # 0.998) are not asked and the mean is not taken
    assert model.probability(["c", "b"]) == pytest.approx(model.linear(["c", "b"]))
    assert not model.accepts(["c", "b"])
    assert CueModel({"c": -6.0}, -1.0, 0.45, (tree,)).accepts(["c", "b"])  # no floor: the mean


def test_polnear_view_drops_interview_turns_and_keeps_what_is_inside(nlp):
    from claimtrail.evaluate.attribution import claimtrail_predictor
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    text = "Q: Will the ferry run this winter?\nA: The council said the ferry would run in March."
    predicted = claimtrail_predictor(load_attribution_lexicon(), load_cue_model())(nlp(text))
    assert [text[a:b] for a, b in predicted["cue"]] == ["said"]
    assert [text[a:b] for a, b in predicted["source"]] == ["The council"]
