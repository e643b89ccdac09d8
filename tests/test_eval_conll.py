"""The coreference scorer (kg.eval.conll) on cases computed by hand in the comments."""

from __future__ import annotations

import pytest

from kg.eval.conll import b_cubed, ceaf_e, coref_counts, coref_scores, lea, muc


def _r(prf: tuple[float, ...]) -> list[float]:
    return [round(x, 4) for x in prf]


def test_split_cluster_every_metric_by_hand():
    key = [{"a", "b", "c"}, {"d"}]
    response = [{"a", "b"}, {"c", "d"}]
    s = coref_scores(key, response)
    # MUC R: {a,b,c} falls in 2 response parts: (3-2)/(3-1) = 1/2; {d} adds 0/0.
    #     P: {a,b} in 1 key part: (2-1)/1; {c,d} in 2: (2-2)/1 -> 1/2.
    assert _r(s.muc) == [0.5, 0.5, 0.5]
    # B³ R: {a,b,c}: (2² + 1²)/3 = 5/3; {d}: 1 -> (5/3 + 1)/4 = 2/3.
    #    P: {a,b}: 2²/2 = 2; {c,d}: (1 + 1)/2 = 1 -> 3/4.  F = 2·.75·.667/1.417 = .7059.
    assert _r(s.b3) == [0.75, 0.6667, 0.7059]
    # CEAF-e: φ4({a,b,c},{a,b}) = 4/5, φ4({d},{c,d}) = 2/3: 22/15 over 2 and 2 = .7333.
    assert _r(s.ceafe) == [0.7333, 0.7333, 0.7333]
    # LEA R: {a,b,c} keeps 1 of its 3 links: 3·1/3 = 1; {d} is not alone in the response: 0
    #     -> 1/4.  P: {a,b} keeps its 1 link: 2·1 = 2; {c,d} has none: 0 -> 2/4.
    assert _r(s.lea) == [0.5, 0.25, 0.3333]
    # CoNLL = (.5 + .7059 + .7333) / 3
    assert round(s.conll, 4) == 0.6464


def test_singletons_and_mentions_on_one_side_only_by_hand():
    # d only in the key (a missed mention), e only in the response (a spurious one).
    key = [{"a", "b"}, {"c"}, {"d"}, {"f"}]
    response = [{"a"}, {"b", "c"}, {"e"}, {"f"}]
    s = coref_scores(key, response)
    # MUC R: {a,b} falls in 2 parts: (2-2)/1 = 0.  P: {b,c} in 2 key parts: 0/1.  Singletons: 0/0.
    assert _r(s.muc) == [0.0, 0.0, 0.0]
    # B³ R: {a,b}: (1 + 1)/2 = 1; {c}: 1; {d}: missing, 0; {f}: 1 -> 3/5.
    #    P: {a}: 1; {b,c}: (1 + 1)/2 = 1; {e}: spurious, 0; {f}: 1 -> 3/5.
    assert _r(s.b3) == [0.6, 0.6, 0.6]
    # CEAF-e: best alignment {a,b}-{a} 2/3 + {c}-{b,c} 2/3 + {f}-{f} 1 = 7/3; 4 clusters a side.
    assert _r(s.ceafe) == [0.5833, 0.5833, 0.5833]
    # LEA: only {f} is resolved on both sides (a singleton that is a singleton there too):
    #     R = 1·1/5, P = 1·1/5; {d} (missing) and {e} (spurious) count in the denominators.
    assert _r(s.lea) == [0.2, 0.2, 0.2]
    assert round(s.conll, 4) == round((0 + 0.6 + 7 / 12) / 3, 4) == 0.3944


def test_textbook_examples():
    # Luo (2005), Figure 1: key {1..5}, {6,7}, {8..12}; response merges the last two.
    key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    merged = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    # MUC R 1, P 9/10 (Vilain's known weakness).
    assert _r(muc(key, merged)) == [0.9, 1.0, 0.9474]
    # B³ P = (5·1 + 2·2/7 + 5·5/7)/12 = .7619.
    assert _r(b_cubed(key, merged)) == [0.7619, 1.0, 0.8649]
    # CEAF-e: {1..5}-{1..5} 1 + {8..12}-{6..12} 10/12 = 1.8333; P over 2, R over 3.
    assert _r(ceaf_e(key, merged)) == [0.9167, 0.6111, 0.7333]
    # Moosavi & Strube (2016): R (3·1/3 + 4·1/6)/7 = .2381, P (2·1 + 2·0 + 4·1/6)/8 = .3333.
    assert _r(
        lea([{"a", "b", "c"}, {"d", "e", "f", "g"}], [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}])
    ) == [0.3333, 0.2381, 0.2778]


def test_ceaf_e_takes_the_optimal_alignment_not_the_greedy_one():
    key = [{1}, {2, 3, 5, 6}, {4}]
    response = [{1, 3}, {2, 4, 5}, {6}]
    # Greedy (best pair first): {1}-{1,3} 2/3, {2,3,5,6}-{2,4,5} 4/7, {4}-{6} 0 = 1.238.
    # Optimal: {1}-{1,3} 2/3 + {2,3,5,6}-{6} 2/5 + {4}-{2,4,5} 1/2 = 1.5667, over 3 and 3.
    assert _r(ceaf_e(key, response)) == [0.5222, 0.5222, 0.5222]


def test_ceaf_e_star_component_keeps_the_heaviest_pair():
    # One key cluster against three response clusters: φ4 2/5, 2/5, 4/6; only one can align.
    assert _r(ceaf_e([{1, 2, 3, 4}], [{1}, {2}, {3, 4}])) == [0.2222, 0.6667, 0.3333]


def test_counts_of_documents_add_up_to_the_meta_document():
    doc1 = ([{1, 2, 3}, {4}], [{1, 2}, {3, 4}])
    doc2 = ([{5, 6}, {7}], [{5}, {6, 7}, {8}])
    summed = coref_counts(*doc1) + coref_counts(*doc2)
    whole = coref_counts(doc1[0] + doc2[0], doc1[1] + doc2[1])
    assert summed == whole


def test_identical_partitions_score_one_and_empty_ones_zero():
    s = coref_scores([{1, 2}, {3}], [{2, 1}, {3}])
    assert (s.muc.f1, s.b3.f1, s.ceafe.f1, s.lea.f1) == (1.0, 1.0, 1.0, 1.0)
    assert coref_scores([], []).conll == 0.0


def test_a_mention_in_two_clusters_is_refused():
    with pytest.raises(ValueError, match="mention 2 is in two clusters of the response"):
        coref_scores([{1, 2}], [{1, 2}, {2}])
