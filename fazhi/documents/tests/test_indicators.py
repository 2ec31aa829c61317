"""Computed figures equal a hand count of the records."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.documents import indicators, services
from fazhi.documents.models import Outcome

pytestmark = pytest.mark.today(2025, 11, 10)

Y = 2024


def _doc(district, issuer, n, *, reviewed=True, filed=None, on_time=True, outcome="passed", year=Y):
    pub = dt.date(year, 3, n)
    filed_on = None
    if filed:
        filed_on = pub + dt.timedelta(days=10 if on_time else 40)
    return services.import_existing(
        title=f"文件{issuer}{n}",
        unit=district[issuer],
        issuer=district[issuer],
        doc_number=f"{issuer}规〔{year}〕{n}号",
        published_on=pub,
        legality_reviewed_on=pub - dt.timedelta(days=20) if reviewed else None,
        filed_on=filed_on,
        filing_outcome=outcome if filed else "",
        actor=None,
    )


def test_figures_equal_hand_counts(people, district):
    gov, sfj, scjg = (district[k].pk for k in ("gov", "sfj", "scjg"))
    # 司法局: 3 published in the year, all reviewed; 2 filed (1 late), both passed.
    _doc(district, "sfj", 1, filed=True)
    _doc(district, "sfj", 2, filed=True, on_time=False)
    _doc(district, "sfj", 3)
    # 市场监管局: 2 published, 1 reviewed; 1 filed on time, corrected; 1 filed still pending.
    _doc(district, "scjg", 1, filed=True, outcome="corrected")
    _doc(district, "scjg", 2, reviewed=False, filed=True, outcome="pending")
    # Another year does not count.
    _doc(district, "sfj", 9, filed=True, year=Y - 1)
    D = Decimal
    assert indicators.reviewed(Y) == {sfj: 3, scjg: 1, gov: 4}
    assert indicators.filed(Y) == {sfj: 2, scjg: 2, gov: 4}
    assert indicators.filing_rate(Y) == {sfj: D("66.7"), scjg: D("100.0"), gov: D("80.0")}
    assert indicators.filing_on_time_rate(Y) == {sfj: D("50.0"), scjg: D("100.0"), gov: D("75.0")}
    assert indicators.filing_pass_rate(Y) == {sfj: D("100.0"), scjg: D("0.0"), gov: D("66.7")}
    assert indicators.legality_review_rate(Y) == {sfj: D("100.0"), scjg: D("50.0"), gov: D("80.0")}
    assert indicators.reviewed(Y + 5) == {gov: 0}
    assert indicators.filing_rate(Y + 5) == {}
    counts = indicators.disclosure_counts(Y)
    assert counts[None] == {"issued": 5, "repealed": 0, "in_force": 6}


def test_cleanup_figures(people, district):
    coord = people["coordinator"]
    docs = [_doc(district, "sfj", n) for n in range(1, 6)] + [_doc(district, "scjg", 1)]
    c = services.create_cleanup(
        title="清理", unit=district["sfj"], started_on=dt.date(2025, 3, 1), actor=coord
    )
    items = services.add_to_cleanup(c, docs, actor=coord)
    outcomes = ["retain", "retain", "repeal", "expire", "amend", "retain"]
    for item, outcome in zip(items, outcomes, strict=True):
        services.record_cleanup_outcome(item, outcome=outcome, reason="依据清理", actor=coord)
    services.close_cleanup(c, actor=coord, on=dt.date(2025, 6, 30))
    sfj, scjg, gov = district["sfj"].pk, district["scjg"].pk, district["gov"].pk
    assert indicators.cleaned(2025) == {sfj: 5, scjg: 1, gov: 6}
    assert indicators.cleaned_retained(2025) == {sfj: 2, scjg: 1, gov: 3}
    assert indicators.cleaned_repealed(2025) == {sfj: 1, gov: 1}
    assert indicators.cleaned_expired(2025) == {sfj: 1, gov: 1}
    assert indicators.cleaned(2024) == {gov: 0}
    assert set(Outcome.values) == {"retain", "amend", "repeal", "expire"}


def test_registered_with_the_registry(db):
    from fazhi.indicators.registry import COMPUTED

    codes = {
        "documents.reviewed",
        "documents.filed",
        "documents.filing_rate",
        "documents.filing_on_time_rate",
        "documents.filing_pass_rate",
        "documents.legality_review_rate",
        "documents.cleaned",
        "documents.cleaned_retained",
        "documents.cleaned_repealed",
        "documents.cleaned_expired",
    }
    assert codes <= set(COMPUTED)


def test_figure_links_list_exactly_the_counted_documents(people, district, login):
    """A figure's link (records_url) opens the documents it counts: the 2 filed in the
    year of 司法局's 3 published, not the published ones; the 6 in a cleanup, though none
    was published that year."""
    import re

    from fazhi.indicators.registry import COMPUTED

    _doc(district, "sfj", 1, filed=True)
    _doc(district, "sfj", 2, filed=True, on_time=False)
    _doc(district, "sfj", 3)
    _doc(district, "scjg", 1, filed=True)
    coord = people["coordinator"]
    client = login(coord)

    def listed(code, unit_id, year):
        url = COMPUTED[code].records_url(unit_id, year)
        body = client.get(url).content.decode()
        return sorted(re.findall(r"/office/documents/\d+/\">(文件\w+)</a>", body))

    sfj, gov = district["sfj"].pk, district["gov"].pk
    assert listed("documents.filed", sfj, Y) == ["文件sfj1", "文件sfj2"]
    assert listed("documents.filed", gov, Y) == ["文件scjg1", "文件sfj1", "文件sfj2"]
    assert listed("documents.filing_rate", sfj, Y) == ["文件sfj1", "文件sfj2", "文件sfj3"]
    c = services.create_cleanup(
        title="清理", unit=district["sfj"], started_on=dt.date(2025, 3, 1), actor=coord
    )
    items = services.add_to_cleanup(c, [d for d in _all(district)], actor=coord)
    outcome = {
        "文件sfj1": "retain",
        "文件sfj2": "repeal",
        "文件sfj3": "retain",
        "文件scjg1": "expire",
    }
    for item in items:
        services.record_cleanup_outcome(
            item, outcome=outcome[item.document.title], reason="依据清理", actor=coord
        )
    services.close_cleanup(c, actor=coord, on=dt.date(2025, 6, 30))
    assert listed("documents.cleaned", gov, 2025) == [
        "文件scjg1",
        "文件sfj1",
        "文件sfj2",
        "文件sfj3",
    ]
    assert listed("documents.cleaned_retained", gov, 2025) == ["文件sfj1", "文件sfj3"]
    assert listed("documents.cleaned_repealed", sfj, 2025) == ["文件sfj2"]
    # The same link for another unit's clerk shows only what that clerk may see.
    other = login(people["scjg_clerk"])
    body = other.get(COMPUTED["documents.filed"].records_url(gov, Y)).content.decode()
    assert "文件sfj1" not in body and "文件scjg1" in body


def _all(district):
    from fazhi.documents.models import NormativeDocument

    return list(NormativeDocument.objects.order_by("doc_number"))


def test_falling_filing_rates_explained_from_the_filings(people, district):
    """Where the on-time or pass rate falls, the records say why: the late filing with the
    reason recorded with it, the filing not passed with the higher body's opinion."""
    from fazhi.indicators.registry import COMPUTED

    _doc(district, "sfj", 1, filed=True)
    late = _doc(district, "sfj", 2, filed=True, on_time=False)
    _doc(district, "scjg", 1, filed=True, outcome="corrected")
    from fazhi.documents.models import Filing

    Filing.objects.filter(document=late).update(late_reason="承办人员变动，材料未及时移交")
    Filing.objects.filter(document__title="文件scjg1").update(
        outcome_note="第六条表述与上位法不一致"
    )
    on_time = COMPUTED["documents.filing_on_time_rate"].explain
    passed = COMPUTED["documents.filing_pass_rate"].explain
    assert on_time(Y, None) == "逾期报送备案1件：《文件sfj2》（承办人员变动，材料未及时移交）"
    assert on_time(Y, district["scjg"].pk) == ""
    assert (
        passed(Y, None)
        == "备案审查中1件未予通过：《文件scjg1》（要求纠正：第六条表述与上位法不一致）"
    )
    assert passed(Y - 1, None) == ""
