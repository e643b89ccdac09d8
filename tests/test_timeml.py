"""TimeML export: one well-formed document per article, holding its text exactly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from kg.analyse import analyse_articles
from kg.errors import InputError
from kg.ingest import read_articles
from kg.model import AnalysedArticle, Article, TimeValue
from kg.timeml import timeml_document, write_timeml
from tests.conftest import BELARUS, EXAMPLES
from tests.test_cli import run_kg


@pytest.fixture(scope="module")
def belarus(nlp) -> AnalysedArticle:  # type: ignore[no-untyped-def]
    (article,) = read_articles([BELARUS], date=date(2025, 12, 14), errors=[])
    (analysed,) = analyse_articles([article], nlp)
    return analysed


def _text_of(document: str) -> str:
    return "".join(ET.fromstring(document).find("TEXT").itertext())  # type: ignore[union-attr]


def test_document_is_well_formed_timeml_with_the_creation_time(belarus: AnalysedArticle) -> None:
    root = ET.fromstring(timeml_document(belarus))
    assert root.tag == "TimeML" and root.findtext("DOCID") == belarus.article.id
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.attrib["functionInDocument"] == "CREATION_TIME"
    assert (dct.attrib["value"], dct.text) == ("2025-12-14", "2025-12-14")


def test_removing_the_tags_gives_the_article_text(belarus: AnalysedArticle) -> None:
    assert _text_of(timeml_document(belarus)) == belarus.article.text


def test_tags_carry_the_detected_values_and_types(belarus: AnalysedArticle) -> None:
    root = ET.fromstring(timeml_document(belarus))
    tags = {(t.text, t.attrib["type"], t.attrib["value"]) for t in root.iter("TIMEX3")}
    assert ("Today", "DATE", "2025-12-14") in tags
    assert ("five years ago", "DATE", "2020") in tags
    assert ("2020", "DATE", "2020") in tags  # "imprisoned since 2020": "since" is a signal
    tids = [t.attrib["tid"] for t in root.iter("TIMEX3")]
    assert tids == [f"t{k}" for k in range(len(tids))]


def test_markup_characters_and_untagged_times_survive() -> None:
    text = 'Q&A <live> "now" at 5 & later, a b'
    times = (
        TimeValue("now", "PRESENT_REF", start=12, stop=15, type="DATE"),
        TimeValue("a b", None, start=32, stop=35),  # no value: left untagged
    )
    document = timeml_document(AnalysedArticle(Article("x", text), (), times=times))
    root = ET.fromstring(document)
    assert _text_of(document) == text
    assert [t.text for t in root.iter("TIMEX3")] == ["now"]
    assert root.find("DCT") is None  # no publication date, no creation time


def test_a_character_xml_cannot_hold_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    good = AnalysedArticle(Article("good/1", "Fine text."), ())
    bad = AnalysedArticle(Article("bad", "Bell\x07 rang."), ())
    errors: list = []
    paths = write_timeml([bad, good, good], tmp_path / "tml", errors=errors)
    assert [p.name for p in paths] == ["good_1.tml", "good_1-2.tml"]
    assert [str(e) for e in errors] == [
        "bad: holds U+0007 at offset 4, which XML cannot carry: no TimeML written for it "
        "(remove the character and run again)"
    ]
    assert sorted(p.name for p in (tmp_path / "tml").iterdir()) == ["good_1-2.tml", "good_1.tml"]
    with pytest.raises(InputError):
        write_timeml([bad], tmp_path / "tml")


def test_cli_writes_one_timeml_file_per_article(tmp_path: Path) -> None:
    proc = run_kg("extract", str(EXAMPLES), "--date", "2025-12-14", "--format", "timeml",
                  "--out", str(tmp_path / "tml"))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    files = sorted((tmp_path / "tml").glob("*.tml"))
    assert proc.stdout.strip() == f"{len(files)} TimeML files written to {tmp_path / 'tml'}"
    assert [f.stem for f in files] == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    for f in files:
        source = EXAMPLES / f"{f.stem}.txt"
        assert _text_of(f.read_text(encoding="utf-8")) == source.read_text(encoding="utf-8")
    meantime = (tmp_path / "tml" / "82548.tml").read_text(encoding="utf-8")
    assert re.search(r'<TIMEX3 tid="t\d+" type="DURATION" value="P18M">18 months</TIMEX3>',
                     meantime)  # fmt: skip


def test_cli_timeml_needs_an_output_directory() -> None:
    proc = run_kg("extract", str(BELARUS), "--format", "timeml")
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "kg: error: --format timeml: give INPUT files/directories and --out DIR"
    )
    proc = run_kg("extract", str(BELARUS), "--out", "x")
    assert proc.returncode == 1 and "--out: only with --format timeml" in proc.stderr
