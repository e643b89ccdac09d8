"""The plain-text report of an ECB+ run (``kg eval ecbplus``)."""

from __future__ import annotations

from kg.eval.ecbplus._score import EcbplusResult

__all__ = ["format_table"]


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def format_table(result: EcbplusResult) -> str:
    """Plain-text tables, per split and setting: events and entities, every metric in %.

    >>> from kg.eval.conll import coref_scores
    >>> from kg.eval.ecbplus import Row, SplitResult
    >>> r = SplitResult("dev", 1, [Row("gold", "events", "singletons",
    ...     coref_scores([{1, 2}], [{1}, {2}]), 2)])
    >>> print(format_table(EcbplusResult({"dev": r})).splitlines()[3])
    events    singletons                     2    0.0/  0.0/  0.0  100.0/ 50.0/ 66.7   33.3/ 66.7/ 44.4    0.0/  0.0/  0.0   37.0
    """  # noqa: E501
    lines: list[str] = []
    for name, split in result.splits.items():
        lines.append(
            f"ECB+ {name}: {split.documents} articles, validated sentences, singletons kept "
            f"({split.seconds:.0f} s)"
        )
        for setting, title in (("gold", "gold mentions"), ("predicted", "predicted mentions")):
            rows = [r for r in split.rows if r.setting == setting]
            if not rows:
                continue
            counts_head = f" {'gold':>5}"
            if setting == "predicted":
                counts_head += f" {'pred':>5} {'match':>5} {'m.R':>5} {'m.P':>5}"
            head = (
                f"{'group':<9} {title:<26}{counts_head}  {'MUC P/R/F':<17}  {'B3 P/R/F':<17}  "
                f"{'CEAF-e P/R/F':<17}  {'LEA P/R/F':<17}  {'CoNLL':>5}"
            )
            lines += [head, "-" * len(head)]
            for r in rows:
                s = r.scores
                metrics = "  ".join(
                    "/".join(f"{100 * x:5.1f}" for x in m) for m in (s.muc, s.b3, s.ceafe, s.lea)
                )
                if setting == "predicted":
                    counts = (
                        f" {r.gold:>5} {r.predicted or 0:>5} {r.matched or 0:>5} "
                        f"{_pct(r.mention_recall):>5} {_pct(r.mention_precision):>5}"
                    )
                else:
                    counts = f" {r.gold:>5}"
                lines.append(
                    f"{r.group:<9} {r.system:<26}{counts}  {metrics}  {100 * s.conll:5.1f}"
                )
            lines.append("")
    return "\n".join(lines).rstrip()
