"""Evaluation against public benchmarks.

One module per benchmark, imported on demand so ``import kg.eval`` stays quick:
:mod:`kg.eval.carb` (CaRB Open IE tuples), :mod:`kg.eval.meantime` (MEANTIME event
participants and roles), :mod:`kg.eval.timex` (time expressions), :mod:`kg.eval.coref`
(entity coreference on MEANTIME), :mod:`kg.eval.ecbplus` (cross-document event and entity
coreference on ECB+). :mod:`kg.eval.conll` is the one coreference scorer (MUC, B³, CEAF-e,
LEA, CoNLL F1) that both use. :mod:`kg.eval.data` says where each public data set comes from
and the folder layout each ``kg eval`` command reads (``docs/evaluation.md`` in full).
"""
