"""Write PolNeAR train and dev as training data for the attribution tagger.

    python training/prepare_attribution.py ../shared/eval/data/attribution out/attribution-data

Reads the canonical annotation of each article (lowest annotator id, the `canonical` flag in the
corpus's jsonl/ copy), exactly the gold that ../shared/eval/tasks/attribution.py scores, and writes
one line per article: {"doc", "text", "spans": {"source": [[s, e], ...], "cue": [...], "content": [...]}}.
PolNeAR v1.0.0 (networkdynamics/PolNeAR), see ../shared/eval/SOURCES.md. The output is training
material only: it is never committed to the project.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROLES = ("source", "cue", "content")


def main(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        lines = (src / "jsonl" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
        n = 0
        with open(out / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                if not row.get("canonical"):
                    continue
                with open(src / split / "text" / f"{row['doc_id']}.txt", encoding="utf-8", newline="") as t:
                    text = t.read()
                spans: dict[str, list[list[int]]] = {r: [] for r in ROLES}
                for att in row["attributions"]:
                    if not att.get("cue") or not att.get("content"):
                        continue
                    for role in ROLES:
                        spans[role].extend(att.get(role) or [])
                f.write(json.dumps({"doc": row["doc_id"], "text": text, "spans": spans}, ensure_ascii=False) + "\n")
                n += 1
        print(f"{split}: {n} articles -> {out / (split + '.jsonl')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
