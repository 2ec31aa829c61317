"""Generalisation guard: recall, code recall and false figures over the seeds and own texts.

Own texts (tests/extract_texts, labels.jsonl) are labelled exhaustively, so any output
no label accounts for is a false figure. Seed labels are partial, so on the seeds a
false figure is a number inside a known non-figure (seed_traps.json).
Thresholds are the issue's: recall ≥ 90 %, code recall ≥ 80 %, false ≤ 5 %.
"""

import pytest

from fazhi.reports.extract import extract_file
from fazhi.reports.extract.tests import scoring as S


@pytest.fixture(scope="module")
def scores():
    return {kind: S.summary(kind) for kind in ("all", "prose", "table")}


def test_recall_of_figures(scores):
    total = scores["all"]["total"]
    assert total.recall >= 0.90, total.missed
    assert scores["prose"]["total"].recall >= 0.90, scores["prose"]["total"].missed
    assert scores["table"]["total"].recall >= 0.90, scores["table"]["total"].missed


def test_recall_of_codes(scores):
    total = scores["all"]["total"]
    assert total.code_recall >= 0.80, total.wrong_code


def test_false_figures(scores):
    for part in ("seeds", "own", "total"):
        sc = scores["all"][part]
        assert sc.false_rate <= 0.05, (part, sc.false_items)


@pytest.mark.parametrize("label", S.load_own_labels(), ids=lambda lab: lab["file"][:3])
def test_each_own_text(label):
    result = extract_file(S.OWN / label["file"])
    sc = S.score_file(result, label["indicators"], exhaustive=True, traps=label.get("traps"))
    assert sc.recall >= 0.85, sc.missed
    assert sc.false_rate <= 0.10, sc.false_items
    meta = result["meta"]
    for key in ("place", "level", "year", "kind", "published", "issuer"):
        assert meta[key] == label[key], key
    assert [S.norm(n["heading"]) for n in result["sections"]] == [
        S.norm(h) for h in label["sections"]
    ]
    if label.get("encoding"):
        assert result["encoding"] == "gb18030"
    for ind in label["indicators"]:
        if not ind.get("table"):
            assert S.Located(result["text"]).find_all(S.norm(ind["text"])), ind["text"]


@pytest.mark.parametrize("label", S.load_own_labels(), ids=lambda lab: lab["file"][:3])
def test_flags_of_own_texts(label):
    """approximate / yoy / target as labelled, on the figures that were found."""
    result = extract_file(S.OWN / label["file"])
    loc = S.Located(result["text"])
    for ind in label["indicators"]:
        if ind.get("table"):
            continue
        value, unit = S.label_value(ind)
        spots = loc.find_all(S.norm(ind["text"]))
        hits = [
            o
            for o in result["indicators"]
            if o["value"] == value
            and o["unit"] == unit
            and any(o["start"] < b and o["end"] > a for a, b in spots)
        ]
        assert hits, ind
        assert any(o["approximate"] == bool(ind.get("approximate")) for o in hits), (ind, hits)
        if "yoy" in ind:
            assert any(o["yoy"] == ind["yoy"] for o in hits), (ind, hits)
        if ind.get("target"):
            assert any(o["target"] for o in hits), (ind, hits)
