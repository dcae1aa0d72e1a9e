"""Origins: near-duplicate texts (wire copy republished, the same agency text under a new
headline, a light rewrite) grouped as one origin.

Each text's word 3-shingles are summarised by a MinHash (datasketch); locality-sensitive hashing
finds the candidates, and a candidate joins an origin only when its shingles, compared exactly,
resemble that origin's *first* text (star grouping): a shared paragraph between two long
articles never reaches the thresholds, and one short text that copies a paragraph of each of two
articles cannot chain them, because each must resemble the origin's first text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

#: MinHash permutations (the signature is 128 uint64 = 1 KiB per article).
NUM_PERM = 128
#: LSH threshold on estimated Jaccard: candidates only (verification decides).
LSH_THRESHOLD = 0.2
#: A copy: exact Jaccard of the shingle sets at least this …
MIN_JACCARD = 0.3
#: … or this share of the smaller text's shingles found in the other (a copy with a paragraph
#: cut or a credit line added), provided the smaller text has at least MIN_CONTAINED shingles.
MIN_CONTAINMENT = 0.7
MIN_CONTAINED = 40
_SEED = 1
#: datasketch 2 hashing scheme; stored signatures are only comparable within one scheme
_SCHEME = "affine32"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def shingles(text: str, n: int = 3) -> set[str]:
    """The text's word n-grams, lower-cased, punctuation and spacing ignored."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def minhash(shingle_set: Iterable[str]) -> bytes:
    """The MinHash signature of a shingle set, as bytes for the store."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    mh.update_batch([s.encode("utf-8", "surrogatepass") for s in shingle_set])
    return np.asarray(mh.hashvalues, dtype="<u8").tobytes()


def _restore(signature: bytes):  # type: ignore[no-untyped-def]
    from datasketch import LeanMinHash  # (no permutations to rebuild: only the values are needed)

    values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class Resemblance:
    jaccard: float
    containment: float
    smaller: int

    @property
    def copy(self) -> bool:
        return self.jaccard >= MIN_JACCARD or (
            self.containment >= MIN_CONTAINMENT and self.smaller >= MIN_CONTAINED)

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment if self.smaller >= MIN_CONTAINED else 0.0)


def resemblance(a: AbstractSet[str], b: AbstractSet[str]) -> Resemblance:
    """Exact Jaccard and containment of two shingle sets (the verification step)."""
    if not a or not b:
        return Resemblance(0.0, 0.0, 0)
    common = len(a & b)
    smaller = min(len(a), len(b))
    return Resemblance(common / len(a | b), common / smaller, smaller)


class OriginIndex:
    """The signatures of a corpus in an LSH index, to find each new text's candidates."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)

    def add(self, article_id: str, signature: bytes) -> None:
        self._lsh.insert(article_id, _restore(signature))

    def candidates(self, signature: bytes) -> list[str]:
        return sorted(self._lsh.query(_restore(signature)))
