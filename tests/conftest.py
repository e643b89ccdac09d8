"""Shared fixtures: the real spaCy model, the shared evaluation data, the sample articles."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest

import kg

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
BELARUS = EXAMPLES / "belarus-prisoners-2025-12-14.txt"
SHARED_DATA = REPO.parent / "shared" / "data"


def require_shared() -> Path:
    """The shared data folder; skip where absent, but fail under CI (a wrong path must not pass)."""
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the shared data is missing at {SHARED_DATA}")
    pytest.skip(f"shared evaluation data not found at {SHARED_DATA}")


def require_chromium() -> Path:
    """The Chromium kg drives ($KG_CHROMIUM, else /usr/bin/chromium); skip where absent, fail
    under CI (.ci/run installs Debian's)."""
    from kg.errors import MissingToolError
    from kg.view import find_chromium

    try:
        return find_chromium()
    except MissingToolError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {exc}")
        pytest.skip(str(exc))


def require_oxigraph_server() -> str:
    """The `oxigraph` server binary (from the oxigraph package); fail under CI when missing."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if Path(found).exists():
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but the oxigraph server binary is missing")
    pytest.skip("oxigraph server binary not found")


def kg_source_digest() -> str:
    """A digest of kg's source files: processes started apart run the same code if it holds."""
    digest = hashlib.sha256()
    for path in sorted(Path(kg.__file__).parent.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def belarus_path() -> Path:
    return BELARUS
