"""Issue 19's PLV_train measure: 5-fold cross-validated accuracy of a fine-tuned MiniLM-L6 that
gives the PLOVER root type of a marked (source, target) pair (an experiment; nothing it trains is
shipped: at about 30 ms a sentence on one CPU thread it does not fit the events stage's budget).

    pip install '.[train,train-sentences]'   # CPU PyTorch first, see the README
    python bench/plv_finetune.py --name B_ent --pool ent --style bracket --epochs 5 --lr 8e-5

Rows: ../shared/data/plover/PLV_train.tsv (``--data``), CONCEDE and RETREAT as YIELD;
StratifiedKFold(5, shuffle=True, random_state=0). Writes OUT/<name>.npz with the out-of-fold
probabilities after every epoch (probs[epoch, row, class]) and OUT/<name>.json with the settings,
per-epoch accuracy and per-fold training time (``--out``, default bench/plv-runs). About 12
minutes a fold on 2 cores.
"""
import argparse
import csv
import json
import math
import random
import re
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.model_selection import StratifiedKFold

from claimtrail.train.sentences import base_model_dir

BASE = Path(base_model_dir())
DATA = str(Path(__file__).resolve().parents[2] / 'shared' / 'data' / 'plover' / 'PLV_train.tsv')
YIELDS = {'CONCEDE': 'YIELD', 'RETREAT': 'YIELD'}
HERE = Path(__file__).parent / 'plv-runs'


def load(data):
    with Path(data).open(encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    gold = [YIELDS.get(r['gold_root'], r['gold_root']) for r in rows]
    return [r['marked_sentence'] for r in rows], gold


def fmt(text, style):
    """Rewrite the markers; returns (text, char offset of source marker, of target marker)."""
    if style == 'raw':
        out = text
    elif style == 'bracket':
        out = (text.replace('<s>', '[S ').replace('</s>', ']')
                   .replace('<t>', '[T ').replace('</t>', ']'))
    elif style == 'at':  # typed punctuation markers: @ source @, # target #
        out = (text.replace('<s>', '@ ').replace('</s>', ' @')
                   .replace('<t>', '# ').replace('</t>', ' #'))
    else:
        raise ValueError(style)
    return re.sub(r'\s+', ' ', out).strip()


def marker_chars(style):
    return {'raw': ('<s>', '<t>'), 'bracket': ('[S', '[T'), 'at': ('@', '#')}[style]


def window(text, style, words):
    """Keep `words` words either side of the span from the first marker to the last one."""
    if words <= 0:
        return text
    toks = text.split(' ')
    s, t = marker_chars(style)
    idx = [i for i, w in enumerate(toks) if w.startswith(s) or w.startswith(t)
           or w.startswith(s.replace('<', '</')) or w.startswith(t.replace('<', '</'))]
    if style in ('bracket', 'at'):
        idx = [i for i, w in enumerate(toks) if w in ('[S', '[T', '@', '#') or w.endswith(']')]
    if not idx:
        return text
    lo, hi = max(0, min(idx) - words), min(len(toks), max(idx) + words + 1)
    return ' '.join(toks[lo:hi])


class Model(torch.nn.Module):
    def __init__(self, n_classes, pool, layers=6, dropout=0.1):
        super().__init__()
        from transformers import BertModel
        self.encoder = BertModel.from_pretrained(str(BASE), add_pooling_layer=False)
        if layers < 6:
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
        self.pool = pool
        h = self.encoder.config.hidden_size
        self.drop = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(h * (3 if pool == 'ent' else 1), n_classes)

    def forward(self, input_ids, attention_mask, spos=None, tpos=None):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        if self.pool == 'cls':
            z = hidden[:, 0]
        else:
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            z = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            if self.pool == 'ent':
                ar = torch.arange(hidden.shape[0])
                z = torch.cat([z, hidden[ar, spos], hidden[ar, tpos]], -1)
        return self.out(self.drop(z))


def tokenizer(maxlen):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(str(BASE / 'tokenizer.json'))
    tok.no_padding()
    tok.enable_truncation(maxlen)
    return tok


def marker_positions(enc, text, style):
    """Token index of the first token of each marker (0 = [CLS] when missing/truncated)."""
    s, t = marker_chars(style)
    out = []
    for m in (s, t):
        c = text.find(m + ' ') if style == 'at' else text.find(m)
        pos = 0
        if c >= 0:
            for i, (a, b) in enumerate(enc.offsets):
                if b > a and a >= c:
                    pos = i
                    break
        out.append(pos)
    return out


def encode(tok, texts, style):
    encs = tok.encode_batch(texts)
    n = max(len(e.ids) for e in encs)
    ids = torch.zeros(len(encs), n, dtype=torch.long)
    mask = torch.zeros(len(encs), n, dtype=torch.long)
    sp, tp = [], []
    for i, (e, t) in enumerate(zip(encs, texts, strict=True)):
        ids[i, :len(e.ids)] = torch.tensor(e.ids)
        mask[i, :len(e.ids)] = 1
        a, b = marker_positions(e, t, style)
        sp.append(a)
        tp.append(b)
    return ids, mask, torch.tensor(sp), torch.tensor(tp)


def train_eval(args, texts, y, tr, te, n_classes, tok, seed):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = Model(n_classes, args.pool, args.layers, args.dropout)
    if args.freeze_emb:
        model.encoder.embeddings.word_embeddings.weight.requires_grad = False
    by_len = sorted(tr, key=lambda k: (len(texts[k]), k))
    batches = [by_len[i:i + args.batch] for i in range(0, len(by_len), args.batch)]
    steps = len(batches) * args.epochs
    head = [p for n, p in model.named_parameters() if n.startswith('out.')]
    body = [p for n, p in model.named_parameters() if not n.startswith('out.') and p.requires_grad]
    opt = torch.optim.AdamW([{'params': body, 'lr': args.lr},
                             {'params': head, 'lr': args.lr * args.head_mult}], weight_decay=0.01)
    warm = max(1, math.ceil(args.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
    yt = torch.tensor(y)
    weight = None
    if args.class_weight:
        cnt = np.bincount(np.array(y)[tr], minlength=n_classes).astype(float)
        weight = torch.tensor((cnt.sum() / (n_classes * np.maximum(cnt, 1))) ** args.class_weight,
                              dtype=torch.float32)
    te_sorted = sorted(te, key=lambda k: (len(texts[k]), k))
    te_batches = [te_sorted[i:i + 64] for i in range(0, len(te_sorted), 64)]
    per_epoch = []
    for _ in range(args.epochs):
        model.train()
        order = batches[:]
        rng.shuffle(order)
        for b in order:
            ids, mask, sp, tp = encode(tok, [texts[k] for k in b], args.style)
            loss = torch.nn.functional.cross_entropy(model(ids, mask, sp, tp), yt[b], weight=weight,
                                                     label_smoothing=args.smooth)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
        model.eval()
        probs = np.zeros((len(texts), n_classes), dtype=np.float32)
        with torch.no_grad():
            for b in te_batches:
                ids, mask, sp, tp = encode(tok, [texts[k] for k in b], args.style)
                probs[b] = torch.softmax(model(ids, mask, sp, tp), -1).numpy()
        per_epoch.append(probs[te])
    return model, per_epoch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', required=True)
    ap.add_argument('--style', default='bracket', choices=['raw', 'bracket', 'at'])
    ap.add_argument('--pool', default='mean', choices=['mean', 'cls', 'ent'])
    ap.add_argument('--epochs', type=int, default=5)
    ap.add_argument('--lr', type=float, default=8e-5)
    ap.add_argument('--head-mult', type=float, default=1.0)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--maxlen', type=int, default=96)
    ap.add_argument('--layers', type=int, default=6)
    ap.add_argument('--dropout', type=float, default=0.1)
    ap.add_argument('--warmup', type=float, default=0.1)
    ap.add_argument('--smooth', type=float, default=0.0)
    ap.add_argument('--class-weight', type=float, default=0.0, help='exponent of inverse-frequency weights')
    ap.add_argument('--window', type=int, default=0, help='words kept either side of the markers (0: all)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--freeze-emb', type=int, default=1, help='freeze the word-piece embeddings')
    ap.add_argument('--folds', default='0,1,2,3,4')
    ap.add_argument('--save-fold', type=int, default=-1)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--data', default=DATA, help='PLV_train.tsv')
    ap.add_argument('--out', default=str(HERE), help='folder for the runs')
    args = ap.parse_args()
    out_dir = Path(args.out)
    torch.set_num_threads(args.threads)
    from transformers.utils import logging as tl
    tl.set_verbosity_error()
    tl.disable_progress_bar()

    raw, gold = load(args.data)
    classes = sorted(set(gold))
    y = [classes.index(g) for g in gold]
    texts = [window(fmt(t, args.style), args.style, args.window) for t in raw]
    tok = tokenizer(args.maxlen)
    skf = StratifiedKFold(5, shuffle=True, random_state=0)
    folds = [int(f) for f in args.folds.split(',')]
    oof = np.full((args.epochs, len(texts), len(classes)), np.nan, dtype=np.float32)
    times = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for k, (tr, te) in enumerate(skf.split(texts, y)):
        if k not in folds:
            continue
        t0 = time.time()
        model, per_epoch = train_eval(args, texts, y, list(tr), list(te), len(classes), tok, args.seed + k)
        times[k] = time.time() - t0
        for e, p in enumerate(per_epoch):
            oof[e, te] = p
        accs = [float((p.argmax(1) == np.array(y)[te]).mean()) for p in per_epoch]
        print(f'fold {k}: {times[k]:.0f}s, acc by epoch {[round(a, 3) for a in accs]}', flush=True)
        if k == args.save_fold:
            torch.save({'state': model.state_dict(), 'args': vars(args), 'classes': classes,
                        'test_rows': [int(i) for i in te]}, out_dir / f'{args.name}_fold{k}.pt')
    done = ~np.isnan(oof[0, :, 0])
    ya = np.array(y)
    acc = [float((oof[e, done].argmax(1) == ya[done]).mean()) for e in range(args.epochs)]
    print('CV acc by epoch:', [round(a, 4) for a in acc], 'rows', int(done.sum()), flush=True)
    np.savez_compressed(out_dir / f'{args.name}.npz', oof=oof, y=ya, classes=np.array(classes))
    summary = {'args': vars(args), 'acc_by_epoch': acc, 'fold_seconds': times}
    (out_dir / f'{args.name}.json').write_text(json.dumps(summary, indent=1))


if __name__ == '__main__':
    main()
