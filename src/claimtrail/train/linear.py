"""Logistic regression on string features, fitted with scikit-learn (``pip install
'.[train]'``) and exported as plain weights that claimtrail reads without it."""

from __future__ import annotations

from collections import Counter
from typing import Any

SINGLE_CLASS_BIAS = 4.0  # a probability of about 0.98


def _int32(matrix: Any) -> Any:
    """liblinear takes sparse matrices with 32-bit indices only."""
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix


def frequent(feats: list[list[str]], min_count: int) -> list[dict[str, int]]:
    """The examples as feature dicts, keeping features seen in at least ``min_count`` examples
    (rare features cost memory in the shipped model and add little)."""
    counts = Counter(f for row in feats for f in set(row))
    return [{f: 1 for f in row if counts[f] >= min_count} for row in feats]


def fit_binary(feats: list[list[str]], labels: list[int], c: float = 0.5, min_count: int = 3
               ) -> tuple[dict[str, float], float]:
    """(weights, bias) of an L2 logistic regression; weights under 0.01 are dropped. Data with
    one class only (a tiny corpus) gives no weights and a bias that predicts that class."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        return {}, SINGLE_CLASS_BIAS if labels and labels[0] else -SINGLE_CLASS_BIAS

    vec = DictVectorizer()
    x = _int32(vec.fit_transform(frequent(feats, min_count)))
    model = LogisticRegression(C=c, max_iter=300, solver="liblinear", random_state=0)
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= 0.01}
    return weights, round(float(model.intercept_[0]), 4)
