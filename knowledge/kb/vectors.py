"""The bundled model's vectors of the shipped methodology, computed once and shipped with it
(`methodology_vectors.npz`), so a fresh knowledge base indexes in seconds instead of embedding
every passage on first use. Keyed by a hash of the text embedded: a passage that changed since the
file was written is simply embedded at run time. Regenerate after editing the methodology:

    python -m knowledge.kb.vectors
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

FILE = "methodology_vectors.npz"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@cache
def shipped_vectors(model: str) -> dict[str, np.ndarray]:
    """Text key -> vector, for `model`; empty when the file is missing or of another model."""
    path = Path(str(resources.files("knowledge.kb") / FILE))
    if not path.is_file():
        return {}
    with np.load(path) as data:
        if str(data["model"]) != model:
            return {}
        return dict(zip((str(k) for k in data["keys"]), data["vectors"].astype(np.float32), strict=True))


def write(path: Path | None = None) -> Path:
    from knowledge.kb.corpus import shipped_corpus
    from knowledge.kb.embed import BUNDLED_MODEL, BundledEmbedder, head

    texts = list(dict.fromkeys(head(c.indexed_text) for c in shipped_corpus().chunks))
    vectors = np.asarray(BundledEmbedder(shipped=False).embed(texts), dtype=np.float16)  # ample for cosine
    target = path or Path(__file__).with_name(FILE)
    np.savez_compressed(
        target, model=np.array(BUNDLED_MODEL), keys=np.array([text_key(t) for t in texts]), vectors=vectors
    )
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
