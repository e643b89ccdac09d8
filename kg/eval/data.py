"""The public evaluation sets: where to get each, and the folder layout ``kg eval`` reads.

Nothing ships with kg and nothing is downloaded: a user fetches a data set, lays it out as
the :class:`EvalData` below says, and passes its folder. ``docs/evaluation.md`` gives origins,
licences and formats in full. Each ``kg eval`` command shows its :meth:`EvalData.help` and
refuses a folder that lacks a required file with :meth:`EvalData.check`, before any model is
loaded.

>>> print(MEANTIME_LINKS.help())  # doctest: +NORMALIZE_WHITESPACE
Data: DIR/gold.jsonl and DIR/articles/<doc_id>.txt, converted from the English CAT XML of
the NewsReader MEANTIME corpus (CC BY 4.0). Where to get it, its licence and its format:
docs/evaluation.md.
>>> MEANTIME_LINKS.check("/no/such/folder")
Traceback (most recent call last):
  ...
kg.errors.InputError: /no/such/folder: no such directory; a MEANTIME folder holds ...
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

__all__ = [
    "EvalData",
    "CARB",
    "MEANTIME_LINKS",
    "MEANTIME_TIMEX",
    "MEANTIME_ENTITIES",
    "ECBPLUS_COREF",
    "CARB_ORIGIN",
    "MEANTIME_ORIGIN",
    "ECBPLUS_ORIGIN",
]

#: Where each data set comes from, said after its files ("DIR/dev.txt ..., from ...").
CARB_ORIGIN = "from the data/ folder of the CaRB benchmark, github.com/dair-iitd/CaRB"
MEANTIME_ORIGIN = "converted from the English CAT XML of the NewsReader MEANTIME corpus"
ECBPLUS_ORIGIN = "converted from the ECB+ corpus of Cybulska & Vossen (LREC 2014)"
#: Origins, versions, licences, citations and the converted formats, in full.
DOCS = "docs/evaluation.md"


@dataclass(frozen=True)
class EvalData:
    """One evaluation set as one ``kg eval`` command reads it from a folder ``DIR``.

    ``files`` are required, ``optional`` add scores when present; a part ``<name>`` stands for
    one file per document (its folder must exist).
    """

    name: str
    origin: str
    licence: str
    files: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def help(self) -> str:
        """The paragraph a ``kg eval`` command's ``--help`` ends with.

        >>> print(MEANTIME_TIMEX.help()[:62])
        Data: DIR/timex.jsonl, converted from the English CAT XML of t
        """
        text = f"Data: {self._needs('DIR/')}, {self.origin} ({self.licence})."
        if self.optional:
            text += " Used too when present: " + ", ".join(f"DIR/{f}" for f in self.optional)
            text += "."
        return f"{text} Where to get it, its licence and its format: {DOCS}."

    def check(self, directory: str | os.PathLike[str]) -> Path:
        """``directory`` as a :class:`Path` if it holds every required file, else
        :class:`InputError` on one line: what is missing and where the data comes from.

        >>> CARB.check("/no/such/folder")
        Traceback (most recent call last):
          ...
        kg.errors.InputError: /no/such/folder: no such directory; a CaRB folder holds ...
        """
        base = Path(directory)
        a = "an" if self.name[0] in "AEIOU" else "a"  # "an ECB+ folder", "a MEANTIME folder"
        where = f"{a} {self.name} folder holds {self._needs()}, {self.origin} (see {DOCS})"
        if not base.is_dir():
            raise InputError(str(base), f"no such directory; {where}")
        missing = [f for f in self.files if not _present(base, f)]
        if missing:
            raise InputError(
                str(base), f"not {a} {self.name} folder (no {', no '.join(missing)}); {where}"
            )
        return base

    def check_file(self, path: str | os.PathLike[str], what: str) -> Path:
        """``path`` if it is a file, else :class:`InputError` naming ``what`` it should be and
        where the data comes from.

        >>> CARB.check_file("/no/gold.tsv", "a CaRB gold TSV")
        Traceback (most recent call last):
          ...
        kg.errors.InputError: /no/gold.tsv: no such file; give a CaRB gold TSV, from the data/ ...
        """
        if not Path(path).is_file():
            raise InputError(str(path), f"no such file; give {what}, {self.origin} (see {DOCS})")
        return Path(path)

    def _needs(self, prefix: str = "") -> str:
        *first, last = [prefix + f for f in self.files]
        return f"{', '.join(first)} and {last}" if first else last


def _present(base: Path, pattern: str) -> bool:
    """A file, or for ``articles/<doc_id>.txt`` the folder of per-document files."""
    if "<" in pattern:
        return (base / pattern.split("<", 1)[0]).is_dir()
    return (base / pattern).is_file()


CARB = EvalData(
    "CaRB",
    CARB_ORIGIN,
    "MIT",
    ("dev.txt", "gold/dev.tsv"),
    # kg's own newswire/wiki split of the dev sentences (from the OIE2016 domain labels)
    ("derived/dev.gold.newswire.tsv", "derived/dev.gold.wiki.tsv"),
)
MEANTIME_LINKS = EvalData(
    "MEANTIME", MEANTIME_ORIGIN, "CC BY 4.0", ("gold.jsonl", "articles/<doc_id>.txt")
)
MEANTIME_TIMEX = EvalData(
    "MEANTIME", MEANTIME_ORIGIN, "CC BY 4.0", ("timex.jsonl",), ("articles/<doc_id>.txt",)
)
MEANTIME_ENTITIES = EvalData(
    "MEANTIME", MEANTIME_ORIGIN, "CC BY 4.0", ("entities.jsonl", "articles/<doc_id>.txt")
)
#: ECB+ event and entity coreference gold (and the texts ``make bench`` times builds on).
ECBPLUS_COREF = EvalData(
    "ECB+",
    ECBPLUS_ORIGIN,
    "CC BY 3.0",
    ("coref/mentions.jsonl", "coref/documents.jsonl", "articles/<topic>/<doc>.txt"),
)
