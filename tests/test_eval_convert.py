"""`kg eval convert`: the public corpus XML, converted to the folder `kg eval` reads.

The MEANTIME files under tests/data/meantime are byte-exact copies of two dev-topic files of
the public release (see the README there); the shared conversion in ../shared/data is the
reference the converted rows must equal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval.convert import convert_ecbplus, convert_meantime
from tests.conftest import require_shared
from tests.test_cli import run_kg

MEANTIME_XML = Path(__file__).parent / "data" / "meantime"
ECBPLUS_XML = Path(__file__).parent / "data" / "ecbplus"
FILES = ("documents.jsonl", "gold.jsonl", "timex.jsonl", "entities.jsonl")


def _rows(path: Path, doc_ids: set[str] | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if doc_ids is None or r["doc_id"] in doc_ids]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("meantime")
    convert_meantime(MEANTIME_XML, out)
    return out


def test_convert_meantime_rows_equal_the_shared_conversion(converted: Path) -> None:
    shared = require_shared() / "meantime"
    doc_ids = {r["doc_id"] for r in _rows(converted / "documents.jsonl")}
    assert doc_ids == {"3835", "11716", "23468", "107785"}
    for name in FILES:
        assert _rows(converted / name) == _rows(shared / name, doc_ids), name
    for doc_id in doc_ids:
        article = (converted / "articles" / f"{doc_id}.txt").read_bytes()
        assert article == (shared / "articles" / f"{doc_id}.txt").read_bytes(), doc_id


def test_convert_meantime_rebuilds_headline_date_line_and_quotes(converted: Path) -> None:
    blocks = (converted / "articles" / "23468.txt").read_text(encoding="utf-8").split("\n\n")
    assert blocks[:2] == ["Apple plans another special event", "October 04, 2005"]
    # tokens: reads , `` One more thing ... '' , ... ; video iPod ( vPod ) along
    assert (
        blocks[4] == 'The invitation reads, "One more thing...", the teasing tagline of Steve Jobs.'
    )
    assert "a video iPod (vPod) along with" in blocks[7]
    qatar = (converted / "articles" / "11716.txt").read_text(encoding="utf-8").split("\n\n")
    assert qatar[0] == "Airbus wins Qatar Airways order worth $15bn"  # tokens: $ 15bn


def test_convert_meantime_bare_quotes_contractions_and_propbank_lemmas(converted: Path) -> None:
    blocks = (converted / "articles" / "107785.txt").read_text(encoding="utf-8").split("\n\n")
    # tokens: saying that , &quot; just ... , we ' re launching ... price . &quot;
    assert blocks[3].endswith(
        "by saying that, \"just one year after launching the iPhone, we're launching the new "
        'iPhone 3G that is twice as fast at half the price."'
    )
    gold = [r for r in _rows(converted / "gold.jsonl") if r["doc_id"] == "107785"]
    # pred="" on every event mention here: the lemma is the instance's PropBank sense
    said = [r for r in gold if r["event"] == "announced"]
    assert said and {(r["event_lemma"], r["event_lemma_source"]) for r in said} == {
        ("announce", "propbank")
    }
    assert {r["event_propbank"] for r in said} == {"announce.01"}


def test_convert_meantime_offsets_normalised_roles_and_links(converted: Path) -> None:
    gold = _rows(converted / "gold.jsonl")
    for row in gold:
        article = (converted / "articles" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert article[row["event_start"] : row["event_end"]] == row["event"]
        assert article[row["participant_start"] : row["participant_end"]] == row["participant"]
    held = [r for r in gold if r["event"] == "held"]
    # the source writes sem_role="Argm-LOC" and the Steve Jobs link with a trailing space
    assert {r["role"] for r in held} == {"ArgM-LOC"}
    entities = _rows(converted / "entities.jsonl", {"23468"})
    jobs = [r for r in entities if r["mention"] == "Steve Jobs"]
    assert [r["dbpedia"] for r in jobs] == ["http://dbpedia.org/resource/Steve_Jobs"]
    # 11716: "Airbus ' massive new A380 's" annotated without the apostrophe token
    airbus = [r for r in _rows(converted / "entities.jsonl") if r["mention_id"] == "87"]
    assert airbus[0]["mention"] == "Airbus massive new A380's"
    assert airbus[0]["mention_spans"] == [[546, 552], [554, 572]]


def test_convert_meantime_keeps_the_linked_instance_of_a_mention_with_two(converted: Path) -> None:
    # 3835 m_id 18 "Boeing 787 Dreamliners worth US$7.2 bn" REFERS_TO instance 128 (787
    # Dreamliner, with a DBpedia link) and 109 (60 Boeing 787 Dreamliner, none)
    row = [r for r in _rows(converted / "entities.jsonl", {"3835"}) if r["mention_id"] == "18"]
    assert row[0]["mention"] == "Boeing 787 Dreamliners worth US$7.2 bn"
    assert (row[0]["instance_id"], row[0]["other_instance_ids"]) == ("3835:128", ["3835:109"])
    assert row[0]["dbpedia"] == "http://dbpedia.org/resource/Boeing_787_Dreamliner"


def test_kg_eval_meantime_scores_the_converted_folder(tmp_path: Path) -> None:
    out = tmp_path / "meantime"
    proc = run_kg("eval", "convert", "meantime", str(MEANTIME_XML), str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{out}: 4 articles, 60 participant links (gold.jsonl), ")
    proc = run_kg("eval", "meantime", str(out))
    assert proc.returncode == 0, proc.stderr
    table = {line.split()[0]: line.split() for line in proc.stdout.splitlines()}
    links = _rows(out / "gold.jsonl")
    assert table["all"][1:3] == ["4", str(len(links))]
    assert table["apple"][1:3] == ["2", str(sum(r["topic"] == "apple" for r in links))]


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), stderr
    return lines[0]


def test_convert_meantime_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "no-such"
    proc = run_kg("eval", "convert", "meantime", str(missing), str(out))
    assert proc.returncode == 1
    assert _one_error_line(proc.stderr).startswith(f"kg: error: {missing}: no such directory; ")
    a_file = MEANTIME_XML / "README.md"
    proc = run_kg("eval", "convert", "meantime", str(a_file), str(out))
    assert _one_error_line(proc.stderr).startswith(f"kg: error: {a_file}: not a directory; ")
    empty = tmp_path / "empty"
    (empty / "corpus_airbus").mkdir(parents=True)
    proc = run_kg("eval", "convert", "meantime", str(empty), str(out))
    assert _one_error_line(proc.stderr).startswith(f"kg: error: {empty}: no corpus_*/*.xml files")
    assert not out.exists()


def test_convert_meantime_malformed_xml_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "xml" / "corpus_airbus"
    corpus.mkdir(parents=True)
    good = MEANTIME_XML / "corpus_airbus" / "11716_Airbus_wins_Qatar_Airways_order_worth_15bn.xml"
    shutil.copy(good, corpus)
    broken = corpus / "99_broken.xml"
    broken.write_text(good.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kg("eval", "convert", "meantime", str(tmp_path / "xml"), str(out))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert line.startswith(f"kg: error: {broken}: not well-formed XML (")
    assert not out.exists()
    with pytest.raises(InputError, match="no <Document doc_id=...> root"):
        broken.write_text("<html><body>a page</body></html>", encoding="utf-8")
        convert_meantime(tmp_path / "xml", out)


@pytest.fixture(scope="module")
def ecbplus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ecbplus")
    convert_ecbplus(ECBPLUS_XML, out)
    return out


def _by_file(path: Path, files: set[str]) -> list[dict]:
    return [r for r in _rows(path, None) if r["file"] in files]


def test_convert_ecbplus_rows_equal_the_shared_conversion(ecbplus: Path) -> None:
    shared = require_shared() / "ecbplus"
    files = {r["file"] for r in _rows(ecbplus / "documents.jsonl")}
    assert files == {
        "articles/5/5_3ecbplus.txt",
        "articles/12/12_7ecbplus.txt",
        "articles/23/23_2ecb.txt",
    }
    for name in ("documents.jsonl", "coref/documents.jsonl", "coref/mentions.jsonl"):
        assert _rows(ecbplus / name) == _by_file(shared / name, files), name
    for file in files:
        assert (ecbplus / file).read_bytes() == (shared / file).read_bytes(), file


def test_convert_ecbplus_rejoins_split_words_and_drops_the_url(ecbplus: Path) -> None:
    text = (ecbplus / "articles" / "12" / "12_7ecbplus.txt").read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    assert blocks[:2] == [
        "Somali pirate attack foiled in Gulf of Aden",
        "TNN Nov 12, 2011, 05.51AM IST MUMBAI:",
    ]
    # tokens: ... boarding - and - search action , " said ... ( Defence ) .  (the quote opened a
    # sentence earlier, with the token "The)
    assert 'boarding-and-search action," said Captain Manohar Nambiar, chief PRO (Defence).' in text
    assert "14 AK-47 rifles" in blocks[6]
    docs = {r["file"]: r for r in _rows(ecbplus / "documents.jsonl")}
    assert docs["articles/12/12_7ecbplus.txt"]["source_url"] == (
        "http://articles.timesofindia.indiatimes.com/2011-11-12/india/"
        "30391127_1_somali-pirate-attack-indian-warship-merchant-vessels"
    )
    mentions = [r for r in _rows(ecbplus / "coref/mentions.jsonl") if r["doc"] == "12_7ecbplus"]
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    time = [m for m in mentions if m["m_id"] == "1"]
    assert time[0]["text"] == "Nov 12, 2011, 05.51AM IST" and not time[0]["validated"]


def test_kg_eval_ecbplus_scores_the_converted_folder(tmp_path: Path) -> None:
    out = tmp_path / "ecbplus"
    proc = run_kg("eval", "convert", "ecbplus", str(ECBPLUS_XML), str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{out}: 3 articles; coreference gold of 3 train/dev articles")
    proc = run_kg("eval", "ecbplus", str(out), "--split", "dev", "--setting", "gold")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ECB+ dev: 3 articles, validated sentences")


def test_convert_ecbplus_without_the_sentence_list_names_it(tmp_path: Path) -> None:
    corpus = tmp_path / "ECB+_LREC2014" / "ECB+" / "5"
    corpus.mkdir(parents=True)
    shutil.copy(ECBPLUS_XML / "ECB+" / "5" / "5_3ecbplus.xml", corpus)
    proc = run_kg(
        "eval", "convert", "ecbplus", str(tmp_path / "ECB+_LREC2014"), str(tmp_path / "o")
    )
    assert proc.returncode == 1
    csv = tmp_path / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    assert _one_error_line(proc.stderr).startswith(f"kg: error: {csv}: no such file")
    assert not (tmp_path / "o").exists()
