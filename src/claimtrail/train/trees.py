"""Gradient-boosted decision trees on string features, fitted with LightGBM (``pip install
'.[train]'``) and exported as flat trees (:class:`claimtrail.extract.cue_model.Tree`) that
claimtrail walks without it. Deterministic: one thread, fixed seeds."""

from __future__ import annotations

from typing import Any

from .linear import frequent

PARAMS = {
    "objective": "binary", "learning_rate": 0.1, "num_leaves": 63, "min_data_in_leaf": 10,
    "feature_fraction": 0.5, "lambda_l2": 1.0, "seed": 0, "num_threads": 1, "deterministic": True,
    "force_row_wise": True, "verbose": -1,
}
ROUNDS = 100


def fit_trees(feats: list[list[str]], labels: list[int], rounds: int = ROUNDS, min_count: int = 2
              ) -> list[dict[str, Any]]:
    """Boosted trees for P(label = 1); their leaf values sum to the log-odds. Data with one class
    only gives no trees (the logistic regression alone then decides)."""
    import lightgbm
    import numpy
    from sklearn.feature_extraction import DictVectorizer

    if len(set(labels)) < 2:
        return []
    vec = DictVectorizer()
    x = vec.fit_transform(frequent(feats, min_count)).astype(numpy.float32)
    booster = lightgbm.train(PARAMS, lightgbm.Dataset(x, numpy.asarray(labels)), rounds)
    names = [str(n) for n in vec.get_feature_names_out()]
    return [flatten(t["tree_structure"], names) for t in booster.dump_model()["tree_info"]]


def _goes_left(node: dict[str, Any], value: float) -> bool:
    """LightGBM's decision for a numerical split (a zero can count as missing)."""
    if node["decision_type"] != "<=":
        raise ValueError(f"unexpected split {node['decision_type']!r}: features are binary")
    if value == 0.0 and node.get("missing_type") == "Zero":
        return bool(node["default_left"])
    return value <= float(node["threshold"])


def flatten(root: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A LightGBM tree (``dump_model`` form) as the flat lists of
    :class:`claimtrail.extract.cue_model.Tree`: left for an absent feature, right for a present one."""
    split: list[str] = []
    left: list[int] = []
    right: list[int] = []
    leaf: list[float] = []

    def visit(node: dict[str, Any]) -> int:
        if "leaf_value" in node:
            leaf.append(round(float(node["leaf_value"]), 6))
            return ~(len(leaf) - 1)
        absent_left, present_left = _goes_left(node, 0.0), _goes_left(node, 1.0)
        if absent_left == present_left:
            raise ValueError("a split that sends present and absent features the same way")
        index = len(split)
        split.append(names[node["split_feature"]])
        left.append(0)
        right.append(0)
        absent, present = ((node["left_child"], node["right_child"]) if absent_left
                           else (node["right_child"], node["left_child"]))
        left[index] = visit(absent)
        right[index] = visit(present)
        return index

    visit(root)
    return {"split": split, "left": left, "right": right, "leaf": leaf}
