"""Persuasion techniques (the 14 of the Propaganda Techniques Corpus, SemEval-2020 Task 11), span
by span.

Two small linear models trained by ``claimtrail train techniques`` and shipped as JSON (inference
is sums of weights in plain Python, no numpy):

- the **span model**, a linear-chain CRF over the tokens of each sentence (labels O, B, I), gives
  every token its probability of being inside a technique span (forward-backward), from its
  word, lemma, part of speech, neighbours, the sentence's punctuation and the word's rate inside
  spans in the training data; runs of tokens above the threshold become spans;
- the **technique model** (softmax over the 14 techniques) labels each span from its words, its
  length, whether it is a whole sentence or a question, whether it repeats elsewhere in the
  article, and the words before it.

Rules from ``data/techniques.json`` complement them: rhetorical questions in the author's voice
(Doubt), and labels for people, peoples and governments (Name_Calling,Labeling) — for every side
alike. Each span carries a score and an explanation (the features or the rule that fired).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..records import Claim, Technique
from ._util import SentenceIndex, doc_text

TECHNIQUES = (
    "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation",
    "Flag-Waving", "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Slogans",
    "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
)
_WORD = re.compile(r"\w", re.UNICODE)


# ----------------------------------------------------------------------------- models

@dataclass(frozen=True, slots=True)
class TokenCrf:
    """A linear-chain CRF (first order, as CRFsuite trains it): per label, the weights of the
    token's features, and a weight for each pair of neighbouring labels. ``inside`` gives each
    token's marginal probability of not being ``O`` (outside every span)."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature → one weight per label
    factors: tuple[tuple[float, ...], ...]  # exp(transition weight), [from label][to label]
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TokenCrf:
        labels = tuple(data["labels"])
        return cls(labels, {f: tuple(float(x) for x in w) for f, w in data["weights"].items()},
                   tuple(tuple(math.exp(float(x)) for x in row) for row in data["transitions"]),
                   float(data["threshold"]))

    def inside(self, rows: list[list[str]]) -> list[float]:
        """P(label ≠ O) for each token of one sentence, given its feature rows."""
        return [p for p, _ in self.marginals(rows)]

    def marginals(self, rows: list[list[str]]) -> list[tuple[float, float]]:
        """For each token of one sentence, given its feature rows: P(label ≠ O), and the part of
        it that belongs to the longer techniques (labels ending in ``-other``). Forward-backward,
        rescaled at every step (no logarithms needed)."""
        if not rows:
            return []
        n = len(self.labels)
        span = range(n)
        outside = self.labels.index("O")
        emit = []
        for row in rows:
            scores = [0.0] * n
            for feature in row:
                weights = self.weights.get(feature)
                if weights is not None:
                    for k in span:
                        scores[k] += weights[k]
            top = max(scores)
            emit.append([math.exp(x - top) for x in scores])
        factors = self.factors
        alpha = [_normalised(emit[0])]
        for e in emit[1:]:
            prev = alpha[-1]
            alpha.append(_normalised([e[j] * sum(prev[i] * factors[i][j] for i in span)
                                      for j in span]))
        beta = [[1.0] * n]
        for e in reversed(emit[1:]):
            nxt = beta[-1]
            beta.append(_normalised([sum(factors[i][j] * e[j] * nxt[j] for j in span)
                                     for i in span]))
        beta.reverse()
        other = [k for k, label in enumerate(self.labels) if label.endswith("-other")]
        out = []
        for a, b in zip(alpha, beta, strict=True):
            joint = [a[k] * b[k] for k in span]
            total = sum(joint)
            out.append((1.0 - joint[outside] / total, sum(joint[k] for k in other) / total))
        return out


def _normalised(values: list[float]) -> list[float]:
    total = sum(values)
    return [v / total for v in values]


@dataclass(frozen=True, slots=True)
class SpanModel:
    """The token CRF plus the words' rate inside spans, and how runs of tokens become spans."""

    model: TokenCrf
    priors: dict[str, float]
    max_gap: int
    keep: float  # a run of tokens above the threshold is kept when its best token reaches this
    # a run that is mostly a longer technique and covers at least this share of its sentence's
    # words grows to the whole sentence (None: runs keep their length); see :func:`decode`
    extend: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpanModel:
        extend = data.get("extend")
        return cls(TokenCrf.from_dict(data), {k: float(v) for k, v in data["priors"].items()},
                   int(data.get("max_gap", 1)), float(data.get("keep", data["threshold"])),
                   None if extend is None else float(extend))


@dataclass(frozen=True, slots=True)
class TechniqueModel:
    """Softmax regression over the techniques."""

    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # feature → {class: weight}
    bias: dict[str, float]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TechniqueModel:
        return cls(tuple(data["classes"]), {f: dict(w) for f, w in data["weights"].items()},
                   {k: float(v) for k, v in data["bias"].items()})

    def scores(self, features: list[str]) -> dict[str, float]:
        raw = dict(self.bias)
        for feature in features:
            for label, weight in self.weights.get(feature, {}).items():
                raw[label] += weight
        top = max(raw.values())
        exp = {k: math.exp(v - top) for k, v in raw.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def explain(self, features: list[str], label: str, n: int = 3) -> list[str]:
        """The features that pushed most towards ``label``: its words first ('so-called'), else
        the span's shape (a question, a whole sentence, a repeated phrase)."""
        scored = sorted(((self.weights.get(f, {}).get(label, 0.0), f) for f in set(features)
                         if _telling(f)), reverse=True)
        return [_readable(f) for w, f in scored[:n] if w > 0]


@dataclass(frozen=True, slots=True)
class TechniqueRules:
    labels: dict[str, str]          # lowercased label phrase → note
    loaded: frozenset[str]
    question_min_words: int
    question_max_words: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TechniqueRules:
        labels = {p.lower(): note for note, phrases in data["name_calling"].items() for p in phrases}
        q = data["rhetorical_questions"]
        return cls(labels, frozenset(w.lower() for w in data.get("loaded_language", [])),
                   int(q["min_words"]), int(q["max_words"]))


_WORD_FEATURES = ("u=", "b=", "first=", "last=", "ctx=")
_SHAPE_FEATURES = ("qmark=True", "excl=True", "quoted=True", "sentence=True", "repeat=2", "repeat=3")


def _telling(feature: str) -> bool:
    return feature.startswith(_WORD_FEATURES) or feature in _SHAPE_FEATURES


def _readable(feature: str) -> str:
    kind, _, value = feature.partition("=")
    names = {"u": "word", "b": "words", "first": "first word", "last": "last word",
             "ctx": "word before", "qmark": "a question", "excl": "an exclamation",
             "quoted": "in quotation marks", "sentence": "a whole sentence",
             "repeat": "repeated in the article"}
    if kind in ("u", "b", "first", "last", "ctx"):
        return f"{names[kind]} '{value.replace('|', ' ')}'"
    return names.get(kind, feature)


# ----------------------------------------------------------------------------- features

def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(1 for e in edges if value >= e)


def sentence_info(sent: Any, priors: dict[str, float]) -> str:
    """What the whole sentence looks like: its end mark, length and strongest word."""
    words = [t.lower_ for t in sent if not t.is_punct and not t.is_space]
    strongest = max((priors.get(w, 0.0) for w in words), default=0.0)
    return (f"{sentence_marks(sent)}|{_bucket(len(words), (6, 12, 20, 30, 45))}"
            f"|{_bucket(strongest, (0.2, 0.35, 0.5, 0.7))}")


def token_features(token: Any, priors: dict[str, float], in_quote: bool,
                   sentence_marks: str) -> list[str]:
    """Features of one token for the span model."""
    doc = token.doc
    lower = token.lower_
    prev = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    prior = priors.get(lower)
    feats = [
        f"w={lower}", f"l={token.lemma_.lower()}", f"p={token.pos_}", f"d={token.dep_}",
        f"w-1={prev}", f"w+1={nxt}", f"w-1w={prev}|{lower}", f"ww+1={lower}|{nxt}",
        f"pp={doc[token.i - 1].pos_ if token.i > 0 else '<s>'}|{token.pos_}",
        f"suf={lower[-3:]}", f"q={in_quote}",
        f"prior={_bucket(prior, (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)) if prior is not None else 'na'}",
        f"up={token.is_upper and len(token.text) > 1}", f"ent={token.ent_type_ or '-'}",
        f"s={sentence_marks}", f"s+p={sentence_marks}|{token.pos_}",
    ]
    near = [priors.get(doc[j].lower_, 0.0) for j in (token.i - 2, token.i - 1, token.i + 1,
                                                       token.i + 2) if 0 <= j < len(doc)]
    feats.append(f"near={_bucket(max(near, default=0.0), (0.2, 0.35, 0.5, 0.7))}")
    return feats


def span_features(doc: Any, start: int, end: int, text: str, counts: PhraseCounts) -> list[str]:
    """Features of a character span for the technique model."""
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    words = [t.lower_ for t in tokens if not t.is_punct]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].strip()
    surface = text[start:end]
    feats = [f"u={w}" for w in set(words)]
    feats += [f"b={a}|{b}" for a, b in pairwise(words)]
    if words:
        feats += [f"first={words[0]}", f"last={words[-1]}"]
    n = len(words)
    feats.append(f"len={_bucket(n, (2, 3, 5, 9, 17, 33))}")
    feats.append(f"sentence={len(surface.strip()) >= 0.8 * max(len(line), 1)}")
    feats.append(f"qmark={'?' in surface}")
    feats.append(f"excl={'!' in surface}")
    opening = ('"', "“", "‘", "«")
    quoted = surface[:1] in opening or text[max(start - 1, 0):start] in opening
    feats.append(f"quoted={quoted}")
    repeats = counts.get(" ".join(words), 0)
    feats.append(f"repeat={min(repeats, 3)}")
    if tokens:
        before = [t.lower_ for t in doc[max(tokens[0].i - 3, 0):tokens[0].i]]
        feats += [f"ctx={w}" for w in before]
        feats.append(f"caps={_bucket(sum(t.is_title for t in tokens) / len(tokens), (0.3, 0.6, 0.9))}")
        feats += [f"pos={t.pos_}" for t in tokens[:3]]
    return feats


class PhraseCounts:
    """How often a word n-gram (up to six words) occurs in the article, for Repetition; counted
    on demand, so a long article costs no table of all its n-grams."""

    def __init__(self, doc: Any, max_len: int = 6) -> None:
        words = [t.lower_ for t in doc if not t.is_punct and not t.is_space]
        self.joined = " " + " ".join(words) + " "
        self.max_len = max_len
        self.cache: dict[str, int] = {}

    def get(self, phrase: str, default: int = 0) -> int:
        if not phrase or phrase.count(" ") >= self.max_len:
            return default
        if phrase not in self.cache:
            self.cache[phrase] = self.joined.count(f" {phrase} ")
        return self.cache[phrase] or default


def phrase_counts(doc: Any, max_len: int = 6) -> PhraseCounts:
    return PhraseCounts(doc, max_len)


def quote_mask(text: str) -> bytearray:
    from .quotes import find_quotes

    mask = bytearray(len(text) + 1)
    for start, end in find_quotes(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def sentence_marks(sent: Any) -> str:
    stripped = sent.text.rstrip()
    return stripped[-1:] if stripped[-1:] in ("?", "!", '"', "”") else "."


# ----------------------------------------------------------------------------- inference

Marginals = list[list[tuple[Any, float, float]]]


def token_probabilities(doc: Any, model: SpanModel) -> Marginals:
    """Per sentence, each token with the span model's probability that it is inside a span, and
    the part of it that belongs to the longer techniques."""
    text = doc_text(doc)
    quotes = quote_mask(text)
    out = []
    for sent in doc.sents:
        info = sentence_info(sent, model.priors)
        tokens = [t for t in sent if not t.is_space]
        rows = [token_features(t, model.priors, bool(quotes[t.idx]), info) for t in tokens]
        out.append([(t, p, other) for t, (p, other) in
                    zip(tokens, model.model.marginals(rows), strict=True)])
    return out


OTHER_SHARE = 0.5  # a run is "mostly a longer technique" when these labels hold over half of it


def decode(text: str, probabilities: Marginals, threshold: float, keep: float, max_gap: int,
           extend: float | None = None) -> list[tuple[int, int, float]]:
    """Runs of tokens at or above ``threshold`` (gaps of up to ``max_gap`` tokens bridged) whose
    best token reaches ``keep``, as (start, end, best probability).

    With ``extend``, a run whose probability is mostly that of the longer techniques (doubt,
    fear, slogans, flag-waving…: a third of their spans in PTC are whole sentences) and that
    covers at least ``extend`` of its sentence's words grows to the whole sentence: the CRF marks
    the most telling words of such a sentence, not all of them."""
    out = []
    for sentence in probabilities:
        runs: list[list[int]] = []
        run: list[int] = []
        gap = 0
        for k, (_, p, _) in enumerate(sentence):
            if p >= threshold:
                run.append(k)
                gap = 0
            elif run and gap < max_gap:
                gap += 1
            elif run:
                runs.append(run)
                run, gap = [], 0
        if run:
            runs.append(run)
        words = [k for k, (token, _, _) in enumerate(sentence) if not token.is_punct]
        for run in runs:
            best = max(sentence[k][1] for k in run)
            if best < keep:
                continue
            first, last = run[0], run[-1]
            if extend is not None and words and _mostly_other(sentence, run) and \
                    sum(1 for k in words if first <= k <= last) >= extend * len(words):
                first, last = min(first, words[0]), max(last, words[-1])
            start = sentence[first][0].idx
            end = sentence[last][0].idx + len(sentence[last][0].text)
            if _WORD.search(text[start:end]):
                out.append((start, end, best))
    return out


def _mostly_other(sentence: list[tuple[Any, float, float]], run: list[int]) -> bool:
    inside = sum(sentence[k][1] for k in run)
    return sum(sentence[k][2] for k in run) > OTHER_SHARE * inside


def predict_spans(doc: Any, model: SpanModel) -> list[tuple[int, int, float]]:
    """Character spans (start, end, best token probability) of one article."""
    return decode(doc_text(doc), token_probabilities(doc, model), model.model.threshold,
                  model.keep, model.max_gap, model.extend)


def extract_techniques(doc: Any, claims: list[Claim], spans: SpanModel, labels: TechniqueModel,
                       rules: TechniqueRules) -> list[Technique]:
    """Technique spans of one article, in text order."""
    text = doc_text(doc)
    counts = phrase_counts(doc)
    sentence_of = SentenceIndex(doc)
    found: list[tuple[int, int, str, float, str, str]] = []
    for start, end, prob in predict_spans(doc, spans):
        features = span_features(doc, start, end, text, counts)
        scores = labels.scores(features)
        label = max(scores, key=lambda k: scores[k])
        why = ", ".join(labels.explain(features, label))
        found.append((start, end, label, round(prob * scores[label], 3), "model",
                      f"span model p={prob:.2f}; technique model p={scores[label]:.2f}"
                      + (f" from {why}" if why else "")))
    found += _rule_spans(doc, text, claims, rules)
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[Technique] = []
    for start, end, label, score, how, why in found:
        if any(t.start_char == start and t.end_char == end and t.technique == label for t in out):
            continue
        out.append(Technique(f"t{len(out) + 1}", label, text[start:end], start, end,
                             sentence_of(start), score, how, why))
    return out


def _whole_words(lowered: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where ``phrase`` occurs in ``lowered`` as whole words."""
    start = lowered.find(phrase)
    while start != -1:
        end = start + len(phrase)
        before = lowered[start - 1:start] if start else " "
        after = lowered[end:end + 1] or " "
        if not before.isalnum() and not after.isalnum():
            yield start, end
        start = lowered.find(phrase, end)


def _rule_spans(doc: Any, text: str, claims: list[Claim], rules: TechniqueRules
                ) -> list[tuple[int, int, str, float, str, str]]:
    out = []
    lowered = text.lower()
    for phrase, note in rules.labels.items():
        out += [(start, end, "Name_Calling,Labeling", 0.9, "rule",
                 f"label from data/techniques.json ({note})")
                for start, end in _whole_words(lowered, phrase)]
    for phrase in rules.loaded:
        out += [(start, end, "Loaded_Language", 0.7, "rule", "charged word from data/techniques.json")
                for start, end in _whole_words(lowered, phrase)]
    for claim in claims:
        if claim.voice != "author" or claim.status != "question":
            continue
        words = len(claim.text.split())
        if rules.question_min_words <= words <= rules.question_max_words:
            out.append((claim.start_char, claim.end_char, "Doubt", 0.8, "rule",
                        "a short question in the author's own voice (rhetorical question)"))
    return out
