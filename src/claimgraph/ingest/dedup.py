"""Fingerprints for finding copies: an exact hash of normalised text, and a MinHash over word shingles.

The store keeps each article's fingerprint and LSH buckets (`Store.add`), so a later ingest finds
copies of articles stored by an earlier one. Syndicated wire copy differs from the original by a
dateline, a byline, a dropped closing paragraph or a re-edited sentence. Calibrated with
`scripts/dedup_calibration.py` (numbers in docs/robustness.md): over 120 Wikinews articles, such
edits keep the estimated Jaccard similarity of 5-word shingles at 0.5 or more
(97-100% of copies), while the closest two distinct stories score 0.11.
Never imports spaCy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = [
    "NEAR_THRESHOLD",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "Fingerprint",
    "fingerprint",
    "lsh_params",
    "normalise",
    "similarity",
]

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1  # MinHash permutations; changing it, SCHEME, NUM_PERM or SHINGLE_WORDS needs a store rebuild
SCHEME = "affine32"  # datasketch 2's hash scheme, named so a later default cannot change stored signatures
NEAR_THRESHOLD = 0.5
# Shorter texts are matched exactly only: one-paragraph summaries of successive events ("Two people are
# killed in an airstrike ..." / "Three people are killed ...") score 0.9 in WCEP, the same as real copies.
MIN_WORDS = 80
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text as compared for duplication: NFKC, case-folded, punctuation and spacing made single spaces."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    text_hash: str  # SHA-256 of the normalised text
    signature: bytes | None  # NUM_PERM little-endian uint64 MinHash values; None for short texts
    buckets: tuple[bytes, ...]  # one LSH bucket key per band (band number + digest of its rows)


@cache
def lsh_params(threshold: float = NEAR_THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for `threshold` over NUM_PERM permutations."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    text_hash = hashlib.sha256(norm.encode("utf-8")).hexdigest()
    words = norm.split()
    if len(words) < MIN_WORDS:
        return Fingerprint(text_hash, None, ())
    from datasketch import MinHash

    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(list(shingles))
    values = m.hashvalues.astype("<u8")
    bands, rows = lsh_params()
    buckets = tuple(bytes([band]) + hashlib.blake2b(values[band * rows:(band + 1) * rows].tobytes(),
                                                    digest_size=8).digest()
                    for band in range(bands))
    return Fingerprint(text_hash, values.tobytes(), buckets)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two MinHash signatures (the share of equal values)."""
    x, y = np.frombuffer(a, dtype="<u8"), np.frombuffer(b, dtype="<u8")
    return float(np.count_nonzero(x == y)) / len(x)
