"""CaRB scoring of Open IE tuples: precision, recall, best F1 and PR-curve AUC.

Our own implementation of the scoring method of Bhardwaj, Aggarwal & Mausam, *CaRB: A
Crowdsourced Benchmark for Open IE* (EMNLP 2019), following the public reference scorer
(``dair-iitd/CaRB``, MIT) with its default matcher, so that numbers are comparable with
published ones:

* A tuple is a relation and its arguments. Gold arguments holding ``"C: "`` are context
  qualifiers and are dropped (as the reference gold reader does).
* Gold and system sentences are paired on normalised text (PTB bracket escapes undone,
  lower-cased alphanumerics only), since 20 gold sentences differ from ``dev.txt`` in spacing.
* Each (gold, system) pair gets a precision and a recall score by whitespace-token overlap,
  part by part, after both tuples are made binary (``arg1`` and the rest of the arguments
  joined). The pair scores 0 unless the relations share a token (``be`` in the system
  relation matches any form of *be* in the gold one), and 0 if the system lacks an argument
  the gold tuple has in the first two positions. For "said"-type gold relations the system
  arguments may also be taken in the reverse order, whichever scores better.
* Recall: each gold tuple takes its best-recall system tuple (a system tuple may serve many
  gold tuples), divided by the number of gold tuples.
* Precision: gold and system tuples are paired one-to-one, greedily by best precision
  first; unpaired system tuples count 0. System tuples for sentences without gold tuples are
  ignored.
* Each distinct system confidence is a threshold (keep tuples with confidence >= it); the
  PR points over all thresholds, plus (recall 0, precision 1), give the AUC by the trapezoid
  rule, and the threshold with the best F1 gives the reported P, R and F1.

Token comparison is case-sensitive, as in the reference scorer.

>>> gold = read_gold(["Sam ate rice .\\tate\\tSam\\trice"])
>>> system = read_system(["Sam ate rice .\\t0.9\\tate\\tSam\\trice"])
>>> r = score_carb(gold, system)
>>> (r.precision, r.recall, r.f1, r.auc)
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "CarbTuple",
    "CarbResult",
    "normalise_sentence",
    "read_gold",
    "read_system",
    "match_tuple",
    "score_carb",
    "write_curve",
    "read_sentences",
    "subset_sentences",
    "extract_carb_lines",
    "evaluate_extractor",
    "evaluate_by_domain",
    "format_result",
]

#: Penn Treebank bracket escapes, undone before sentences are compared.
_PTB_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB_ESCAPES))

#: A gold argument holding this marks a context qualifier ("C: The company said").
_CONTEXT_MARK = "C: "

#: A system relation word "be" matches any of these in the gold relation.
_BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")

#: Gold relations containing one of these (as a substring) are "said"-type: the system's
#: arguments may come in either order (speaker/content).
_SAID_WORDS = ("said", "told", "added", "adds", "says")


@dataclass(frozen=True)
class CarbTuple:
    """One Open IE tuple: a relation and its arguments, with the system's confidence.

    >>> CarbTuple("Sam ate rice .", "ate", ("Sam", "rice")).confidence
    1.0
    """

    sentence: str
    relation: str
    args: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class CarbResult:
    """CaRB scores: P, R, F1 at the best-F1 threshold, AUC, and the PR curve.

    ``curve`` lists ``(threshold, precision, recall)`` with thresholds ascending; ``n_gold``
    counts gold tuples, ``n_system`` system tuples in sentences that have gold tuples.
    """

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float
    curve: list[tuple[float, float, float]] = field(default_factory=list)
    n_gold: int = 0
    n_system: int = 0


def normalise_sentence(sentence: str) -> str:
    """The key on which gold and system sentences are paired.

    >>> normalise_sentence("Sales -LRB- net -RRB- rose 5 % .")
    'salesnetrose5'
    >>> normalise_sentence("sales (net) rose 5%") == normalise_sentence("Sales (net) rose 5 %")
    True
    """
    text = _PTB_RE.sub(lambda m: _PTB_ESCAPES[m.group(0)], sentence)
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _lines(source: str | os.PathLike[str] | Iterable[str]) -> tuple[str, Iterable[str]]:
    """The name to cite in errors and the lines of a path or an iterable of lines."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(path), f"cannot read file ({exc.strerror})") from exc
        return str(path), text.splitlines()
    return "<lines>", source


def _tab_rows(
    name: str, lines: Iterable[str], minimum: int, expected: str
) -> Iterator[tuple[int, list[str]]]:
    """``(line number, tab-separated fields)`` of each non-blank line; :class:`InputError`
    (saying ``expected``) for a line with fewer than ``minimum`` fields."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.strip().split("\t")
        if len(fields) < minimum:
            raise InputError(name, f"expected {expected}", line=n)
        yield n, fields


def read_gold(source: str | os.PathLike[str] | Iterable[str]) -> dict[str, list[CarbTuple]]:
    """Read CaRB gold tuples (``sentence⇥relation⇥arg1⇥arg2...``), keyed by sentence.

    ``source`` is a path or an iterable of lines. Context arguments (``C: ...``) are dropped.

    >>> gold = read_gold(["He said it rained .\\tsaid\\tHe\\tit rained\\tC: maybe"])
    >>> gold["He said it rained ."][0].args
    ('He', 'it rained')
    """
    name, lines = _lines(source)
    out: dict[str, list[CarbTuple]] = {}
    for _, fields in _tab_rows(name, lines, 2, "sentence<TAB>relation<TAB>arg1..."):
        sentence, relation = fields[0].strip(), fields[1].strip()
        args = tuple(a.strip() for a in fields[2:] if _CONTEXT_MARK not in a)
        out.setdefault(sentence, []).append(CarbTuple(sentence, relation, args))
    return out


def read_system(source: str | os.PathLike[str] | Iterable[str]) -> dict[str, list[CarbTuple]]:
    """Read system tuples (``sentence⇥confidence⇥relation⇥arg1...``), keyed by sentence.

    This is what ``kg extract --format carb`` writes. ``source`` is a path or an iterable
    of lines; all arguments are kept.

    >>> system = read_system(["Sam ate rice .\\t0.7\\tate\\tSam\\trice"])
    >>> system["Sam ate rice ."][0].confidence
    0.7
    """
    name, lines = _lines(source)
    out: dict[str, list[CarbTuple]] = {}
    expected = "sentence<TAB>confidence<TAB>relation<TAB>..."
    for n, fields in _tab_rows(name, lines, 3, expected):
        try:
            confidence = float(fields[1])
        except ValueError:
            raise InputError(name, f"confidence {fields[1]!r} is not a number", line=n) from None
        sentence = fields[0].strip()
        tup = CarbTuple(sentence, fields[2].strip(), tuple(fields[3:]), confidence)
        out.setdefault(sentence, []).append(tup)
    return out


def _binary(args: tuple[str, ...]) -> tuple[str, ...]:
    """``(arg1, rest joined)``: the reference scorer's default (binary) matcher compares these."""
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else args


def _overlap(gold_words: list[str], system_words: list[str]) -> int:
    """Tokens shared, each system token used at most once."""
    return sum((Counter(gold_words) & Counter(system_words)).values())


def _lenient_match(
    relation: str, gold_args: tuple[str, ...], sys_relation: str, sys_args: tuple[str, ...]
) -> tuple[float, float]:
    """Precision and recall of one system tuple against one gold tuple (both binary)."""
    gold_words = relation.split()
    sys_words = sys_relation.split()
    matched = _overlap(gold_words, sys_words)
    left = Counter(sys_words) - Counter(gold_words)
    # "be" in a system relation stands for the inflected form in the gold one.
    if left["be"] > 0 and any(form in gold_words for form in _BE_FORMS):
        matched += 1
    if matched == 0:
        return 0.0, 0.0  # the relation-word requirement: no shared relation token, no match
    p_num, p_den = matched, len(sys_words)
    r_num, r_den = matched, len(gold_words)
    for i, gold_arg in enumerate(gold_args):
        words = gold_arg.split()
        r_den += len(words)
        if i >= len(sys_args):
            if i < 2:
                return 0.0, 0.0  # a missing subject or object sinks the pair
            continue
        sys_arg_words = sys_args[i].split()
        p_den += len(sys_arg_words)
        matched = _overlap(words, sys_arg_words)
        p_num += matched
        r_num += matched
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def match_tuple(gold: CarbTuple, system: CarbTuple) -> tuple[float, float]:
    """CaRB (precision, recall) of ``system`` as a match for ``gold``.

    >>> g = CarbTuple("s", "ate", ("Sam", "the rice"))
    >>> match_tuple(g, CarbTuple("s", "ate", ("Sam", "rice")))
    (1.0, 0.75)
    >>> match_tuple(g, CarbTuple("s", "cooked", ("Sam", "the rice")))
    (0.0, 0.0)
    """
    gold_args = _binary(gold.args)
    straight = _lenient_match(gold.relation, gold_args, system.relation, _binary(system.args))
    if len(system.args) < 2 or not any(w in gold.relation for w in _SAID_WORDS):
        return straight
    swapped = (" ".join(system.args[1:]), system.args[0])
    # Tuple comparison (precision first) picks the better order, as the reference does.
    return max(straight, _lenient_match(gold.relation, gold_args, system.relation, swapped))


def _greedy_precision(scores: list[list[tuple[float, float]]], keep: list[int]) -> float:
    """Sum of precisions over a one-to-one gold/system pairing, best precision first."""
    pairs = sorted(
        ((-scores[i][j][0], i, j) for i in range(len(scores)) for j in keep),
    )
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    total = 0.0
    for neg_p, i, j in pairs:
        if i in used_gold or j in used_sys:
            continue
        used_gold.add(i)
        used_sys.add(j)
        total -= neg_p
    return total


def _by_key(tuples: Mapping[str, Sequence[CarbTuple]]) -> dict[str, list[CarbTuple]]:
    out: dict[str, list[CarbTuple]] = {}
    for sentence, items in tuples.items():
        out.setdefault(normalise_sentence(sentence), []).extend(items)
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score_carb(
    gold: Mapping[str, Sequence[CarbTuple]], system: Mapping[str, Sequence[CarbTuple]]
) -> CarbResult:
    """Score system tuples against gold tuples with the CaRB method.

    Both arguments map sentences to tuples, as :func:`read_gold` and :func:`read_system`
    return them. An empty system output scores 0 everywhere.

    >>> gold = read_gold(["A B C .\\tB\\tA\\tC", "D E F .\\tE\\tD\\tF"])
    >>> r = score_carb(gold, read_system(["A B C .\\t0.5\\tB\\tA\\tC"]))
    >>> (r.precision, r.recall, round(r.f1, 3))
    (1.0, 0.5, 0.667)
    >>> score_carb(gold, {}).f1
    0.0
    """
    import numpy as np

    gold_n = _by_key(gold)
    sys_n = _by_key(system)
    n_gold = sum(len(v) for v in gold_n.values())
    thresholds = sorted({t.confidence for items in sys_n.values() for t in items})
    if not thresholds:
        return CarbResult(0.0, 0.0, 0.0, 0.0, 0.0, [], n_gold, 0)
    position = {c: k for k, c in enumerate(thresholds)}
    p_num = np.zeros(len(thresholds))
    p_den = np.zeros(len(thresholds))
    r_num = np.zeros(len(thresholds))
    n_system = 0
    for key, golds in gold_n.items():
        preds = sys_n.get(key, [])
        n_system += len(preds)
        scores = [[match_tuple(g, s) for s in preds] for g in golds]
        prev = 0
        # Thresholds in (previous sentence confidence, conf] keep the same tuples.
        for conf in sorted({s.confidence for s in preds}):
            c = position[conf]
            keep = [j for j, s in enumerate(preds) if s.confidence >= conf]
            rec = sum(max((row[j][1] for j in keep), default=0.0) for row in scores)
            p_num[prev : c + 1] += _greedy_precision(scores, keep)
            p_den[prev : c + 1] += len(keep)
            r_num[prev : c + 1] += rec
            prev = c + 1
    precisions = [float(a / b) if b > 0 else 1.0 for a, b in zip(p_num, p_den, strict=True)]
    recalls = [float(a / n_gold) if n_gold else 0.0 for a in r_num]
    f1s = [_f1(p, r) for p, r in zip(precisions, recalls, strict=True)]
    best = max(range(len(f1s)), key=lambda k: (f1s[k], -k))  # first best, as np.argmax
    # Recall falls as the threshold rises; close the curve at (recall 0, precision 1).
    xs = [*recalls, 0.0]
    ys = [*precisions, 1.0]
    auc = sum((xs[k] - xs[k + 1]) * (ys[k] + ys[k + 1]) / 2 for k in range(len(xs) - 1))
    curve = list(zip(thresholds, precisions, recalls, strict=True))
    return CarbResult(
        precisions[best], recalls[best], f1s[best], auc, thresholds[best], curve, n_gold, n_system
    )


def format_result(result: CarbResult, name: str = "") -> str:
    """One line: ``name P .xxx R .xxx F1 .xxx AUC .xxx @ threshold``.

    >>> format_result(CarbResult(0.5, 0.25, 1 / 3, 0.2, 0.4), "dev")
    'dev: P 0.500 R 0.250 F1 0.333 AUC 0.200 (threshold 0.400, 0 gold, 0 system tuples)'
    """
    head = f"{name}: " if name else ""
    return (
        f"{head}P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f} "
        f"AUC {result.auc:.3f} (threshold {result.threshold:.3f}, {result.n_gold} gold, "
        f"{result.n_system} system tuples)"
    )


def write_curve(
    result: CarbResult,
    csv_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str] | None = None,
    *,
    title: str = "CaRB precision-recall",
) -> None:
    """Write the PR curve as CSV (threshold, precision, recall, f1) and optionally a PNG plot."""
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["threshold", "precision", "recall", "f1"])
        for t, p, r in result.curve:
            writer.writerow([f"{t:.6g}", f"{p:.6f}", f"{r:.6f}", f"{_f1(p, r):.6f}"])
    if png_path is None:
        return
    # The object API with the Agg canvas: no global backend switch, no pyplot state.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 4))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([r for _, _, r in result.curve], [p for _, p, _ in result.curve], marker=".")
    ax.plot([result.recall], [result.precision], "o", color="red", label=f"best F1 {result.f1:.3f}")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title(f"{title} (AUC {result.auc:.3f})")
    ax.legend(loc="upper right")
    fig.tight_layout()
    fig.savefig(png_path, dpi=120)


def read_sentences(source: str | os.PathLike[str] | Iterable[str]) -> list[str]:
    """Sentences one per line from a path, or the given strings; blank lines are skipped.

    >>> read_sentences(["A b .", "", "C d ."])
    ['A b .', 'C d .']
    """
    _, lines = _lines(source)
    return [line.strip() for line in lines if line.strip()]


def subset_sentences(domain_tsv: str | os.PathLike[str], domain: str) -> list[str]:
    """The CaRB dev sentences of one domain (``newswire`` or ``wiki``), in file order.

    ``domain_tsv`` is ``carb/derived/dev.domain.tsv`` (header ``index⇥domain⇥sentence``).
    """
    name, lines = _lines(domain_tsv)
    out: list[str] = []
    for n, line in enumerate(lines, 1):
        fields = line.rstrip("\n").split("\t")
        if n == 1 and fields[:2] == ["index", "domain"]:
            continue
        if len(fields) < 3:
            raise InputError(name, "expected index<TAB>domain<TAB>sentence", line=n)
        if fields[1] == domain:
            out.append(fields[2].strip())
    return out


def extract_carb_lines(
    sentences: Sequence[str],
    *,
    nlp: Language | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    binary: bool = False,
    descriptions: bool = False,
) -> list[str]:
    """Run an extractor over sentences (one article each) and return CaRB system lines.

    The sentence column is always the input line, so a line that spaCy splits into two
    sentences still pairs with its gold sentence. ``binary`` and ``descriptions`` are those
    of :func:`kg.extract.facts_to_carb_lines` (``kg extract --format carb``).
    """
    from kg import extract as kx
    from kg.model import Article, Segment

    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    articles = [
        Article(id=f"line-{n}", text=s, segments=(Segment(0, len(s)),))
        for n, s in enumerate(sentences, 1)
    ]
    out: list[str] = []
    for parsed, facts in kx.extract_articles(articles, nlp, extractor=extractor):
        kept = [f for f in facts if f.confidence >= min_confidence]
        out += kx.facts_to_carb_lines(
            kept, {parsed.article.id: parsed.article.text}, binary=binary, descriptions=descriptions
        )
    return out


def evaluate_extractor(
    gold_path: str | os.PathLike[str],
    sentences_path: str | os.PathLike[str] | Sequence[str],
    *,
    nlp: Language | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    binary: bool = False,
    descriptions: bool = False,
) -> CarbResult:
    """Extract tuples from the CaRB sentences and score them against the gold file.

    ``sentences_path`` is a file with one sentence per line, or the sentences themselves
    (e.g. ``subset_sentences(domain_tsv, "wiki")``).
    """
    lines = extract_carb_lines(
        read_sentences(sentences_path),
        nlp=nlp,
        extractor=extractor,
        min_confidence=min_confidence,
        binary=binary,
        descriptions=descriptions,
    )
    return score_carb(read_gold(gold_path), read_system(lines))


def evaluate_by_domain(
    carb_dir: str | os.PathLike[str],
    *,
    nlp: Language | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    system_out: str | os.PathLike[str] | None = None,
    binary: bool = False,
    descriptions: bool = False,
) -> dict[str, CarbResult]:
    """Extract once over ``dev.txt`` and score overall, and newswire and wiki where split.

    ``carb_dir`` is the data folder holding ``dev.txt`` and ``gold/dev.tsv`` (CaRB's own
    ``data/`` folder) and, optionally, kg's domain split ``derived/dev.gold.{newswire,wiki}.tsv``.
    Returns ``{"all": ..., "newswire": ..., "wiki": ...}`` (the domains whose gold file
    is there); ``system_out`` also saves the system lines; ``binary`` and ``descriptions``
    choose the output as for :func:`extract_carb_lines`. Sentences of the other domain have
    no gold tuples in a domain's gold file, so their tuples are ignored there, as the scorer
    ignores any sentence without gold.
    """
    base = Path(carb_dir)
    lines = extract_carb_lines(
        read_sentences(base / "dev.txt"),
        nlp=nlp,
        extractor=extractor,
        min_confidence=min_confidence,
        binary=binary,
        descriptions=descriptions,
    )
    if system_out is not None:
        Path(system_out).write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    system = read_system(lines)
    results = {"all": score_carb(read_gold(base / "gold" / "dev.tsv"), system)}
    for domain in ("newswire", "wiki"):
        gold = base / "derived" / f"dev.gold.{domain}.tsv"
        if gold.is_file():
            results[domain] = score_carb(read_gold(gold), system)
    return results
