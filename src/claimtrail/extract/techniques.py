"""Persuasion techniques (the 14 of the Propaganda Techniques Corpus, SemEval-2020 Task 11), span
by span.

Two small linear models trained by ``claimtrail train techniques`` and shipped as JSON (inference
is sums of weights, with numpy for the CRF):

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

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

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

@dataclass(frozen=True, slots=True, eq=False)
class TokenCrf:
    """A linear-chain CRF (first order, as CRFsuite trains it): per label, the weights of the
    token's features, and a weight for each pair of neighbouring labels. ``inside`` gives each
    token's marginal probability of not being ``O`` (outside every span)."""

    labels: tuple[str, ...]
    index: dict[str, int]  # feature → its row in ``weights``; the last row is all zeros
    weights: npt.NDArray[np.float64]  # one row per feature, one column per label
    factors: npt.NDArray[np.float64]  # exp(transition weight), [from label, to label]
    threshold: float
    # ``index`` split by template: ``"w=said"`` is ``by_template["w"]["said"]`` (made from it)
    by_template: dict[str, dict[str, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        split: dict[str, dict[str, int]] = {}
        for name, row in self.index.items():
            template, _, value = name.partition("=")
            split.setdefault(template, {})[value] = row
        object.__setattr__(self, "by_template", split)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TokenCrf:
        labels = tuple(data["labels"])
        names = list(data["weights"])
        weights = np.zeros((len(names) + 1, len(labels)))
        for k, name in enumerate(names):
            weights[k] = data["weights"][name]
        return cls(labels, {name: k for k, name in enumerate(names)}, weights,
                   np.exp(np.asarray(data["transitions"], dtype=np.float64)),
                   float(data["threshold"]))

    def inside(self, rows: list[list[str]]) -> list[float]:
        """P(label ≠ O) for each token of one sentence, given its feature rows."""
        return [p for p, _ in self.marginals(rows)]

    def marginals(self, rows: list[list[str]]) -> list[tuple[float, float]]:
        """For each token of one sentence, given its feature rows: P(label ≠ O), and the part of
        it that belongs to the longer techniques (labels ending in ``-other``)."""
        return self.marginals_many([rows])[0]

    def marginals_many(self, sentences: list[list[list[str]]]) -> list[list[tuple[float, float]]]:
        """:meth:`marginals` of many sentences (each its own chain) at once: forward-backward,
        rescaled at every step (no logarithms needed), one step of every sentence long enough
        per numpy operation (see :func:`_chain_steps`) rather than one token at a time."""
        index = self.index
        blank = len(index)  # every token gets the zero row, so none has an empty slice
        rows_of: list[int] = []
        starts: list[int] = []
        for rows in sentences:
            for row in rows:
                starts.append(len(rows_of))
                rows_of.append(blank)
                rows_of += [k for k in map(index.get, row) if k is not None]
        lengths = [len(rows) for rows in sentences]
        if not starts:
            return [[] for _ in lengths]
        return self.marginals_of_scores(np.add.reduceat(self.weights[rows_of], starts, axis=0),
                                        lengths)

    def marginals_of_scores(self, scores: npt.NDArray[np.float64], lengths: list[int]
                            ) -> list[list[tuple[float, float]]]:
        """:meth:`marginals_many` from each token's summed weights (one row per token, the
        sentences one after another) and the number of tokens of each sentence."""
        if not len(scores):
            return [[] for _ in lengths]
        emit = np.exp(scores - scores.max(axis=1, keepdims=True))
        factors = self.factors
        forward, backward, steps = _chain_steps(lengths)
        # alpha[t] = emit[t] * (alpha[t - 1] @ factors), rescaled; step t reads the rows of the
        # sentences longer than t, which come first in step t - 1 as well (longest first)
        emit_f = emit[forward]
        alpha_f = np.empty_like(emit_f)
        first = emit_f[:steps[0][1]]
        alpha_f[:steps[0][1]] = first / first.sum(axis=1, keepdims=True)
        for (before, _), (at, k) in pairwise(steps):
            a = emit_f[at:at + k] * (alpha_f[before:before + k] @ factors)
            a /= a.sum(axis=1, keepdims=True)
            alpha_f[at:at + k] = a
        # beta[n - 1] = 1, beta[t - 1] = factors @ (emit[t] * beta[t]), rescaled, counted from
        # each sentence's end
        emit_b = emit[backward]
        beta_b = np.empty_like(emit_b)
        beta_b[:steps[0][1]] = 1.0
        for (before, _), (at, k) in pairwise(steps):
            b = (emit_b[before:before + k] * beta_b[before:before + k]) @ factors.T
            b /= b.sum(axis=1, keepdims=True)
            beta_b[at:at + k] = b
        alpha = np.empty_like(emit)
        alpha[forward] = alpha_f
        beta = np.empty_like(emit)
        beta[backward] = beta_b
        joint = alpha * beta
        joint /= joint.sum(axis=1, keepdims=True)
        outside = self.labels.index("O")
        other = [k for k, label in enumerate(self.labels) if label.endswith("-other")]
        inside = (1.0 - joint[:, outside]).tolist()
        longer = joint[:, other].sum(axis=1).tolist()
        out = []
        start = 0
        for n in lengths:
            out.append(list(zip(inside[start:start + n], longer[start:start + n], strict=True)))
            start += n
        return out


def _chain_steps(lengths: list[int]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp],
                                               list[tuple[int, int]]]:
    """How to run the chains of sentences of these lengths (their tokens one after another)
    side by side: step ``t`` takes the ``t``-th token of every sentence longer than ``t``, longest
    sentence first, so that those of step ``t + 1`` are the first rows of step ``t``. Returns the
    token positions in that order counted from each sentence's start (``forward``) and from its
    end (``backward``), and each step's ``(offset, number of rows)`` in them."""
    offsets = np.cumsum([0, *lengths[:-1]])
    order = sorted((k for k, n in enumerate(lengths) if n), key=lambda k: -lengths[k])
    first = offsets[order]
    last = first + np.asarray([lengths[k] for k in order]) - 1
    longest = lengths[order[0]] if order else 0
    forward: list[npt.NDArray[np.intp]] = []
    backward: list[npt.NDArray[np.intp]] = []
    steps: list[tuple[int, int]] = []
    k = len(order)
    at = 0
    for t in range(longest):
        while lengths[order[k - 1]] <= t:
            k -= 1
        forward.append(first[:k] + t)
        backward.append(last[:k] - t)
        steps.append((at, k))
        at += k
    return np.concatenate(forward), np.concatenate(backward), steps


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
    # the sentence model, and the probability below which a sentence's spans are dropped
    sentences: SentenceModel | None = None
    sentence_threshold: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], sentences: SentenceModel | None = None) -> SpanModel:
        """The model saved by ``claimtrail train techniques``; ``sentences`` is the sentence model
        its ``sentence_threshold`` belongs to (without it, no sentence is filtered)."""
        extend = data.get("extend")
        threshold = data.get("sentence_threshold")
        return cls(TokenCrf.from_dict(data), {k: float(v) for k, v in data["priors"].items()},
                   int(data.get("max_gap", 1)), float(data.get("keep", data["threshold"])),
                   None if extend is None else float(extend), sentences,
                   None if threshold is None or sentences is None else float(threshold))


MAX_WORDPIECES = 64  # longer sentences are cut for the sentence model
SENTENCE_MODEL_FILE = "techniques_sentences.onnx"
SENTENCE_TOKENIZER_FILE = "techniques_sentences_tokenizer.json"


class SentenceModel:
    """A small transformer (the first layers of all-MiniLM-L6-v2, fine-tuned on the PTC training
    sentences by ``claimtrail train techniques``): the probability that a sentence holds any
    technique span. Runs an int8 ONNX file with onnxruntime on one CPU thread."""

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path, batch_size: int = 16
                 ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model_path), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_WORDPIECES)
        self.tokenizer.no_padding()
        self.batch_size = batch_size

    @classmethod
    def from_folder(cls, folder: str | Path) -> SentenceModel:
        return cls(Path(folder) / SENTENCE_MODEL_FILE, Path(folder) / SENTENCE_TOKENIZER_FILE)

    def probabilities(self, texts: list[str]) -> list[float]:
        """P(holds a technique span) for each sentence. Sentences of the same number of
        wordpieces share a batch, so no batch holds padding (it cost a quarter of the model's
        time, and the int8 activations' scale took the padding into account)."""
        out = [0.0] * len(texts)
        encoded = self.tokenizer.encode_batch(texts)
        by_length: dict[int, list[int]] = {}
        for k, e in enumerate(encoded):
            by_length.setdefault(len(e.ids), []).append(k)
        for length in sorted(by_length):
            same = by_length[length]
            for i in range(0, len(same), self.batch_size):
                batch = same[i:i + self.batch_size]
                ids = np.array([encoded[k].ids for k in batch], dtype=np.int64)
                mask = np.ones_like(ids)
                logits = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
                for k, z in zip(batch, np.asarray(logits, dtype=np.float64).reshape(-1).tolist(),
                                strict=True):
                    out[k] = 1.0 / (1.0 + math.exp(-z))
        return out


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
    """How many of ``edges`` (in increasing order) ``value`` reaches."""
    return bisect.bisect_right(edges, value)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """What the span model and the technique features read of every token of a doc, taken in one
    pass (``Doc.to_array``): reading attributes through spaCy's Token objects, made anew on every
    access, cost more than the model itself. Get it with :func:`token_table`."""

    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    dep: list[str]
    ent: list[str]  # "" outside entities
    upper: list[bool]  # ``is_upper`` and longer than one character
    punct: list[bool]
    space: list[bool]
    idx: list[int]
    length: list[int]  # of the token's text

    @classmethod
    def from_doc(cls, doc: Any) -> TokenTable:
        from spacy.attrs import DEP, ENT_TYPE, IDX, IS_PUNCT, IS_SPACE, IS_UPPER, LEMMA, LOWER, ORTH, POS

        columns = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, IS_UPPER, IS_PUNCT, IS_SPACE,
                                IDX]).T.tolist() if len(doc) else [[] for _ in range(10)]
        orth, lower, lemma, pos, dep, ent, upper, punct, space, idx = columns
        strings = doc.vocab.strings
        names = {key: strings[key] for key in {*orth, *lower, *lemma, *pos, *dep, *ent}}
        lemmas = {key: names[key].lower() for key in set(lemma)}
        return cls([names[k] for k in lower], [lemmas[k] for k in lemma], [names[k] for k in pos],
                   [names[k] for k in dep], [names[k] for k in ent],
                   [bool(u) and len(names[o]) > 1 for u, o in zip(upper, orth, strict=True)],
                   [bool(v) for v in punct], [bool(v) for v in space], idx,
                   [len(names[k]) for k in orth])

    def words(self, start: int, end: int) -> list[str]:
        """The lowercased words of tokens ``start`` to ``end``, punctuation and spaces left out."""
        lower, punct, space = self.lower, self.punct, self.space
        return [lower[i] for i in range(start, end) if not punct[i] and not space[i]]

    def features(self, i: int, priors: dict[str, float], in_quote: bool, sentence_marks: str
                 ) -> list[str]:
        """Features of token ``i`` for the span model (see :func:`token_features`)."""
        lowers, tags = self.lower, self.pos
        lower = lowers[i]
        pos = tags[i]
        prev = lowers[i - 1] if i > 0 else "<s>"
        nxt = lowers[i + 1] if i + 1 < len(lowers) else "</s>"
        prior = priors.get(lower)
        feats = [
            f"w={lower}", f"l={self.lemma[i]}", f"p={pos}", f"d={self.dep[i]}",
            f"w-1={prev}", f"w+1={nxt}", f"w-1w={prev}|{lower}", f"ww+1={lower}|{nxt}",
            f"pp={tags[i - 1] if i > 0 else '<s>'}|{pos}",
            f"suf={lower[-3:]}", f"q={in_quote}",
            f"prior={_bucket(prior, _PRIOR_EDGES) if prior is not None else 'na'}",
            f"up={self.upper[i]}", f"ent={self.ent[i] or '-'}",
            f"s={sentence_marks}", f"s+p={sentence_marks}|{pos}",
        ]
        near = [priors.get(lowers[j], 0.0) for j in (i - 2, i - 1, i + 1, i + 2)
                if 0 <= j < len(lowers)]
        feats.append(f"near={_bucket(max(near, default=0.0), _STRENGTH_EDGES)}")
        return feats


_PRIOR_EDGES = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
_STRENGTH_EDGES = (0.2, 0.35, 0.5, 0.7)


def token_table(doc: Any) -> TokenTable:
    """The doc's :class:`TokenTable`, made once per Doc (kept in ``user_data``)."""
    table = doc.user_data.get("claimtrail.techniques.tokens")
    if not isinstance(table, TokenTable):
        table = doc.user_data["claimtrail.techniques.tokens"] = TokenTable.from_doc(doc)
    return table


def sentence_info(sent: Any, priors: dict[str, float]) -> str:
    """What the whole sentence looks like: its end mark, length and strongest word."""
    return _sentence_info(token_table(sent.doc).words(sent.start, sent.end), sentence_marks(sent),
                          priors)


def _sentence_info(words: list[str], marks: str, priors: dict[str, float]) -> str:
    strongest = max((priors.get(w, 0.0) for w in words), default=0.0)
    return (f"{marks}|{_bucket(len(words), (6, 12, 20, 30, 45))}"
            f"|{_bucket(strongest, _STRENGTH_EDGES)}")


def doc_words(doc: Any) -> tuple[list[str], list[str]]:
    """Every token's lowercased text and part of speech, read from the doc once."""
    table = token_table(doc)
    return table.lower, table.pos


def token_features(token: Any, priors: dict[str, float], in_quote: bool,
                   sentence_marks: str, words: tuple[list[str], list[str]] | None = None
                   ) -> list[str]:
    """Features of one token for the span model: its word, lemma, part of speech, dependency,
    neighbours, suffix, rate inside spans (``priors``), case and entity type, whether it is in a
    quotation, and what its sentence looks like (:func:`sentence_info`). The doc's words come
    from its :func:`token_table` (``words``, from :func:`doc_words`, are the same)."""
    del words  # (read from the same table)
    return token_table(token.doc).features(token.i, priors, in_quote, sentence_marks)


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
    on demand, so a long article costs no table of all its n-grams. The count is that of
    ``" phrase "`` in the words joined by spaces (non-overlapping: a match takes the space after
    it), found from where the phrase's rarest word occurs, not by reading the whole article for
    each phrase."""

    def __init__(self, doc: Any, max_len: int = 6) -> None:
        self.words = token_table(doc).words(0, len(doc))
        self.max_len = max_len
        self.cache: dict[str, int] = {}
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(i)
        # (a word with a space inside would let a phrase match across words: count in the text)
        self._joined = (" " + " ".join(self.words) + " "
                        if any(" " in word for word in self.positions) else None)

    def get(self, phrase: str, default: int = 0) -> int:
        if not phrase or phrase.count(" ") >= self.max_len:
            return default
        if phrase not in self.cache:
            self.cache[phrase] = self._count(phrase)
        return self.cache[phrase] or default

    def _count(self, phrase: str) -> int:
        if self._joined is not None:
            return self._joined.count(f" {phrase} ")
        parts = phrase.split(" ")
        if any(part not in self.positions for part in parts):
            return 0  # (an empty part, from two spaces, is no word either)
        k = len(parts)
        anchor = min(range(k), key=lambda j: len(self.positions[parts[j]]))
        count = 0
        free = 0  # the first word a next match may start at
        for i in self.positions[parts[anchor]]:
            start = i - anchor
            if start >= free and self.words[start:start + k] == parts:
                count += 1
                free = start + k + 1
        return count


def phrase_counts(doc: Any, max_len: int = 6) -> PhraseCounts:
    return PhraseCounts(doc, max_len)


def quote_mask(text: str) -> bytearray:
    from .quotes import find_quotes

    mask = bytearray(len(text) + 1)
    for start, end in find_quotes(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def sentence_marks(sent: Any) -> str:
    return _marks(doc_text(sent.doc)[sent.start_char:sent.end_char])


def _marks(sentence: str) -> str:
    stripped = sentence.rstrip()
    return stripped[-1:] if stripped[-1:] in ("?", "!", '"', "”") else "."


# ----------------------------------------------------------------------------- inference

Marginals = list[list[tuple[Any, float, float]]]


def token_probabilities(doc: Any, model: SpanModel) -> Marginals:
    """Per sentence, each token with the span model's probability that it is inside a span, and
    the part of it that belongs to the longer techniques."""
    tokens, marginals = _sentence_marginals(doc, model)
    return [[(doc[i], p, other) for i, (p, other) in zip(kept, found, strict=True)]
            for kept, found in zip(tokens, marginals, strict=True)]


def _sentence_marginals(doc: Any, model: SpanModel
                        ) -> tuple[list[list[int]], list[list[tuple[float, float]]]]:
    """Per sentence, its tokens (spaces left out) and their marginals (see
    :meth:`TokenCrf.marginals`), with each token's summed weights taken from
    :func:`_token_scores` rather than from its feature strings."""
    text = doc_text(doc)
    table = token_table(doc)
    priors = model.priors
    kept: list[list[int]] = []
    infos: list[str] = []
    for sent in doc.sents:
        infos.append(_sentence_info(table.words(sent.start, sent.end),
                                    _marks(text[sent.start_char:sent.end_char]), priors))
        kept.append([i for i in range(sent.start, sent.end) if not table.space[i]])
    scores = _token_scores(table, quote_mask(text), model, kept, infos)
    return kept, model.model.marginals_of_scores(scores, [len(tokens) for tokens in kept])


def _token_scores(table: TokenTable, quotes: bytearray, model: SpanModel,
                  kept: list[list[int]], infos: list[str]) -> npt.NDArray[np.float64]:
    """The summed CRF weights of the features (:meth:`TokenTable.features`) of every token of
    ``kept`` (per sentence, with its :func:`_sentence_info` in ``infos``), one row per token.

    The same sums as :meth:`TokenCrf.marginals_many` makes from the feature strings, to the last
    bit (the same rows in the same order, added by the same numpy call): each feature's row is
    looked up by its template's value (``w`` → ``said``) without writing out the feature."""
    crf = model.model
    weights = crf.weights
    tokens = [i for sentence in kept for i in sentence]
    if not tokens:
        return np.zeros((0, weights.shape[1]))
    priors = model.priors
    blank = len(crf.index)
    lower, pos = table.lower, table.pos

    def rows(template: str, values: list[str]) -> list[int]:
        found = crf.by_template.get(template, {})
        return [found.get(v, blank) for v in values]

    def rows_by(template: str, values: list[Any]) -> dict[Any, int]:
        """Rows of a template with few values, by value (``str(value)`` is the feature's)."""
        found = crf.by_template.get(template, {})
        return {v: found.get(str(v), blank) for v in values}

    n = len(lower)
    pairs = [f"{a}|{b}" for a, b in zip(["<s>", *lower], [*lower, "</s>"], strict=True)]
    # each word's rate inside spans, the buckets of its own and of its neighbours' strongest
    # (bisect_right is searchsorted on the right)
    rates = np.array([priors.get(w, 0.0) for w in lower])  # (0.0 for a neighbour without one)
    known = [w in priors for w in lower]
    prior_rows = rows_by("prior", [*range(len(_PRIOR_EDGES) + 1), "na"])
    prior_bucket = np.searchsorted(_PRIOR_EDGES, rates, side="right").tolist()
    padded = np.full(n + 4, -np.inf)
    padded[2:n + 2] = rates
    near = np.maximum(np.maximum(padded[:n], padded[1:n + 1]),
                      np.maximum(padded[3:n + 3], padded[4:n + 4]))
    near[near == -np.inf] = 0.0  # (no neighbour: max's default)
    near_rows = rows_by("near", list(range(len(_STRENGTH_EDGES) + 1)))
    quote_rows, upper_rows = rows_by("q", [True, False]), rows_by("up", [True, False])
    columns = np.array([
        rows("w", lower), rows("l", table.lemma), rows("p", pos), rows("d", table.dep),
        rows("w-1", ["<s>", *lower[:-1]]), rows("w+1", [*lower[1:], "</s>"]),
        rows("w-1w", pairs[:-1]), rows("ww+1", pairs[1:]),
        rows("pp", [f"{a}|{b}" for a, b in zip(["<s>", *pos[:-1]], pos, strict=True)]),
        rows("suf", [w[-3:] for w in lower]),
        [quote_rows[bool(quotes[k])] for k in table.idx],
        [prior_rows[b] if ok else prior_rows["na"]
         for b, ok in zip(prior_bucket, known, strict=True)],
        [upper_rows[u] for u in table.upper], rows("ent", [e or "-" for e in table.ent]),
        [near_rows[b] for b in np.searchsorted(_STRENGTH_EDGES, near, side="right").tolist()],
    ], dtype=np.intp)[:, tokens]
    sentence_of = [info for sentence, info in zip(kept, infos, strict=True) for _ in sentence]
    columns = np.vstack([
        columns[:14], rows("s", sentence_of),
        rows("s+p", [f"{info}|{pos[i]}" for i, info in zip(tokens, sentence_of, strict=True)]),
        columns[14:]])
    # every token's rows in the order of its features, the zero row first and the features the
    # model lacks left out: what marginals_many sums, one token after another
    table_rows = np.vstack([np.full(len(tokens), blank, dtype=np.intp), columns]).T
    present = table_rows != blank
    present[:, 0] = True
    counts = present.sum(axis=1)
    starts = np.zeros(len(tokens), dtype=np.intp)
    np.cumsum(counts[:-1], out=starts[1:])
    return np.add.reduceat(weights[table_rows[present]], starts, axis=0)


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
        out += _decode_sentence(text, [(p, other) for _, p, other in sentence],
                                [token.is_punct for token, _, _ in sentence],
                                [token.idx for token, _, _ in sentence],
                                [token.idx + len(token.text) for token, _, _ in sentence],
                                threshold, keep, max_gap, extend)
    return out


def _decode_sentence(text: str, marginals: list[tuple[float, float]], punct: list[bool],
                     starts: list[int], ends: list[int], threshold: float, keep: float,
                     max_gap: int, extend: float | None) -> list[tuple[int, int, float]]:
    """:func:`decode` of one sentence, given its tokens' marginals, whether each is
    punctuation, and their characters."""
    out = []
    runs: list[list[int]] = []
    run: list[int] = []
    gap = 0
    for k, (p, _) in enumerate(marginals):
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
    words = [k for k, is_punct in enumerate(punct) if not is_punct]
    for run in runs:
        best = max(marginals[k][0] for k in run)
        if best < keep:
            continue
        first, last = run[0], run[-1]
        if extend is not None and words and _mostly_other(marginals, run) and \
                sum(1 for k in words if first <= k <= last) >= extend * len(words):
            first, last = min(first, words[0]), max(last, words[-1])
        start, end = starts[first], ends[last]
        if _WORD.search(text[start:end]):
            out.append((start, end, best))
    return out


def _mostly_other(marginals: list[tuple[float, float]], run: list[int]) -> bool:
    inside = sum(marginals[k][0] for k in run)
    return sum(marginals[k][1] for k in run) > OTHER_SHARE * inside


def sentence_spans(doc: Any) -> Iterator[tuple[int, int]]:
    """Each sentence's characters, from its first to its last token (spaces left out): the text
    the sentence model reads."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            yield tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def sentence_text(text: str, sentence: list[tuple[Any, float, float]]) -> str:
    """The text the sentence model reads for one sentence of :func:`token_probabilities` (the
    same as :func:`sentence_spans` gives); empty for a sentence without tokens."""
    if not sentence:
        return ""
    first, last = sentence[0][0], sentence[-1][0]
    return text[first.idx:last.idx + len(last.text)]


def find_spans(doc: Any, model: SpanModel) -> list[tuple[int, int, float, float | None]]:
    """Character spans (start, end, best token probability, its sentence's probability of
    holding a technique) of one article. With a sentence model, the spans of a sentence below
    ``sentence_threshold`` are dropped (the sentence model runs only on sentences with spans)."""
    text = doc_text(doc)
    table = token_table(doc)
    crf = model.model
    idx, length, punct = table.idx, table.length, table.punct
    kept, marginals = _sentence_marginals(doc, model)
    found = [_decode_sentence(text, found, [punct[i] for i in tokens], [idx[i] for i in tokens],
                              [idx[i] + length[i] for i in tokens], crf.threshold, model.keep,
                              model.max_gap, model.extend)
             for tokens, found in zip(kept, marginals, strict=True)]
    sentence_p: list[float | None] = [None] * len(found)
    if model.sentences is not None and model.sentence_threshold is not None:
        holding = [k for k, spans in enumerate(found) if spans]
        # (a sentence with spans has tokens: the text of sentence_text)
        scores = model.sentences.probabilities(
            [text[idx[kept[k][0]]:idx[kept[k][-1]] + length[kept[k][-1]]] for k in holding])
        for k, p in zip(holding, scores, strict=True):
            sentence_p[k] = p
            if p < model.sentence_threshold:
                found[k] = []
    return [(start, end, best, p) for spans, p in zip(found, sentence_p, strict=True)
            for start, end, best in spans]


def predict_spans(doc: Any, model: SpanModel) -> list[tuple[int, int, float]]:
    """Character spans (start, end, best token probability) of one article."""
    return [(start, end, best) for start, end, best, _ in find_spans(doc, model)]


def extract_techniques(doc: Any, claims: list[Claim], spans: SpanModel, labels: TechniqueModel,
                       rules: TechniqueRules) -> list[Technique]:
    """Technique spans of one article, in text order."""
    text = doc_text(doc)
    counts = phrase_counts(doc)
    sentence_of = SentenceIndex(doc)
    found: list[tuple[int, int, str, float, str, str]] = []
    for start, end, prob, sentence_p in find_spans(doc, spans):
        features = span_features(doc, start, end, text, counts)
        scores = labels.scores(features)
        label = max(scores, key=lambda k: scores[k])
        why = ", ".join(labels.explain(features, label))
        found.append((start, end, label, round(prob * scores[label], 3), "model",
                      f"span model p={prob:.2f}"
                      + (f"; sentence model p={sentence_p:.2f}" if sentence_p is not None else "")
                      + f"; technique model p={scores[label]:.2f}"
                      + (f" from {why}" if why else "")))
    found += _rule_spans(doc, text, claims, rules)
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[Technique] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, label, score, how, why in found:
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
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
