"""Ingest many synthetic articles into a store, one at a time; test_store kills it part-way, or runs two at once.

Usage: python tests/_kill_ingest.py DB N [forward|backward]   (DB: a SQLite file or a postgresql:// URL)
Prints "added A of N": the articles this run stored (the others were already there).
"""

from __future__ import annotations

import sys

from claimgraph.models import ActorRef, Article, Claim, ClaimKind, Extraction, Stance, TextSpan

# Wikinews, CC BY 2.5: "Bankruptcy for U.S. automaker GM becomes almost certain after bondholder offers fail"
SENTENCE = ("U.S. President Barack Obama's administration said it would not give more financial aid to the "
            "firm unless 90% of GM's bondholders would agree on compromises that would significantly "
            "reduce the firm's costs.")
SOURCE = "U.S. President Barack Obama's administration"
CLAIMS_PER_ARTICLE = 40


def extraction(i: int) -> Extraction:
    """Article `i`: the sentence repeated, each line a claim with its source and one actor in the content."""
    lines = [f"{SENTENCE} [{i}.{k}]" for k in range(CLAIMS_PER_ARTICLE)]
    article = Article.from_text("\n".join(lines), title=f"Article {i}", outlet="Wikinews")
    claims, actors = [], []
    offset = 0
    for k, line in enumerate(lines):
        cue = line.index(" said ") + 1
        content = line.index("it would")
        gm = offset + line.index("GM's")
        claims.append(Claim(
            id=f"{article.id}:{k}", article_id=article.id, start=offset, end=offset + len(SENTENCE),
            kind=ClaimKind.INDIRECT, stance=Stance.ASSERT,
            content=(TextSpan(offset + content, offset + len(SENTENCE), SENTENCE[content:]),),
            source=TextSpan(offset, offset + len(SOURCE), SOURCE), source_actor="USAGOV",
            cue=TextSpan(offset + cue, offset + cue + 4, "said"), cue_lemma="say"))
        actors.append(ActorRef(article.id, gm, gm + 2, "GM", "USABUS", "organisation"))
        offset += len(line) + 1
    return Extraction(article=article, claims=tuple(claims), actors=tuple(actors))


def main(db: str, n: int, order: str = "forward") -> None:
    from claimgraph.store import open_store

    indices = range(n) if order == "forward" else range(n - 1, -1, -1)
    with open_store(db) as store:
        added = sum(store.add(extraction(i)) for i in indices)
    print(f"added {added} of {n}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *sys.argv[3:4])
