"""The literal prefilter in codes.assign must never hide a rule that would match: for every
rule and every figure key of the test texts, a key the rule's pattern matches contains one
of the literals read from that pattern."""

from pathlib import Path

import pytest

from fazhi.reports.extract import codes, extract_file, patterns
from fazhi.reports.extract.figures import find_figures

from .scoring import OWN, SEEDS


def keys() -> list[str]:
    files = sorted(OWN.glob("t*.txt")) + sorted(OWN.glob("t*.html"))
    files += sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    out = []
    for path in files:
        text = extract_file(Path(path))["text"]
        out += [codes.make_key(f.local, f.after) for f in find_figures(text, [])]
    return out


KEYS = keys()


@pytest.mark.parametrize("rule", codes.RULES, ids=lambda r: r.code)
def test_literals_are_necessary(rule):
    import re

    literals = patterns.required_literals(rule.key)
    rx = re.compile(rule.key)
    for key in KEYS:
        if rx.search(key):
            assert literals is None or any(w in key for w in literals), (rule.key, key)


@pytest.mark.parametrize(
    "pattern, literals",
    [
        ("纠错率|纠正率", {"错率", "正率"}),
        ("(新收|收到)[^#]{0,14}复议[^#]{0,6}#", {"复议"}),
        ("受理[^#]{0,2}#|#[^#]{0,3}受理", {"受理"}),
        ("(办结|答复)率", {"办结", "答复"}),
        ("(行政)?复议(案件)?", {"复议"}),
        ("[^#]{0,3}#", None),  # nothing every match must contain: the rule is always tried
    ],
)
def test_literals_read_from_patterns(pattern, literals):
    got = patterns.required_literals(pattern)
    assert (set(got) if got is not None else None) == literals


@pytest.mark.parametrize("unit", ["件", "%", "人次", "个", "次", "项", "家", None])
def test_index_offers_every_rule_whose_literal_is_in_the_key(unit):
    """The per-unit index finds a rule from any one of its literals, wherever it stands in
    the key, and offers nothing for a key that holds none of them."""
    table = codes._UnitRules(unit)
    for i, compiled in enumerate(table.rules):
        for w in patterns.required_literals(compiled[0].key) or ():
            for key in (f"{w}#", f"全年共{w}达#件", f"#{w}"):
                assert table.offered(key) >> i & 1, (compiled[0].code, w, key)
    assert table.offered("#") == table.always
