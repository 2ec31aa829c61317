"""Rows of 政府信息公开申请 written directly (the request services are not what these
tests check) for the annual-report tests, with fixed dates."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from fazhi.disclosure import rules
from fazhi.disclosure.models import DisclosureRequest

R = DisclosureRequest
_seq = itertools.count(1)

# The ground behind each result row (the reply type and ground that land there).
_REPLY = {"disclose": ("provide", ""), "partial": ("partial", "third_party")}
for _t, _grounds in rules.GROUNDS_FOR.items():
    if _t == "partial":
        continue
    for _g, _, _row in _grounds:
        _REPLY.setdefault(_row, (_t, _g))
_REPLY.setdefault("other", ("special_law", ""))
_REPLY.setdefault("other_no_correction", ("", ""))
_REPLY.setdefault("other_no_fee", ("", ""))


def request(unit, kind, received, *, replied=None, result="", state=None, late=False,
            fee=None, fee_notified=None, fee_paid=None, **kw):  # fmt: skip
    """One request; ``replied`` with ``result`` makes it concluded (REPLIED, or CLOSED for
    the （六） rows)."""
    n = next(_seq)
    if state is None:
        if replied is None:
            state = R.State.RECEIVED
        elif result.startswith("other_no"):
            state = R.State.CLOSED
        else:
            state = R.State.REPLIED
    reply_type, ground = _REPLY.get(result, ("", "")) if result else ("", "")
    return R.objects.create(
        unit=unit,
        tracking_number=f"YS-T-{n:05d}",
        access_code_hash="x",
        link_token=f"token-{n}",
        channel=R.Channel.ONLINE,
        state=state,
        applicant_kind=kind,
        applicant_name=f"申请人{n}",
        applicant_id="110101199001011234",
        applicant_phone="13800000000",
        description="申请公开某项政府信息",
        received_on=received,
        replied_on=replied,
        reply_type=reply_type,
        ground=ground,
        result=result,
        late=late,
        fee_amount=fee,
        fee_notified_on=fee_notified,
        fee_paid_on=fee_paid,
        **kw,
    )


def small(units) -> dict[str, DisclosureRequest]:
    """The hand-counted fixture of test_annual_tables (year 2025, mostly 市场监管局)."""
    d = dt.date
    scjg = units["scjg"]
    return {
        # received in 2024, concluded in January 2025: 上年结转, 予以公开
        "a": request(scjg, "person", d(2024, 12, 20), replied=d(2025, 1, 10), result="disclose"),
        # received and concluded in 2024: not in the 2025 report
        "b": request(scjg, "commercial", d(2024, 11, 1), replied=d(2024, 12, 1), result="disclose"),
        # 部分公开 with a ground of its withheld part: counted once, as 部分公开
        "c": request(
            scjg, "person", d(2025, 3, 3), replied=d(2025, 3, 20), result="partial", late=True
        ),
        "d": request(scjg, "person", d(2025, 4, 1), replied=d(2025, 4, 25), result="refuse_secret"),
        "e": request(
            scjg,
            "commercial",
            d(2025, 5, 6),
            replied=d(2025, 5, 30),
            result="refuse_process",
            fee=Decimal("200.00"),
            fee_notified=d(2025, 5, 12),
            fee_paid=d(2025, 5, 15),
        ),
        # received in December, open on 31 December: 结转下年度
        "f": request(scjg, "commercial", d(2025, 12, 20)),
        # received in 2025, concluded in 2026: 结转下年度
        "g": request(scjg, "person", d(2025, 12, 22), replied=d(2026, 1, 8), result="disclose"),
        # closed: the applicant did not supplement
        "h": request(
            scjg, "research", d(2025, 6, 2), replied=d(2025, 7, 1), result="other_no_correction"
        ),
        # received in 2024, still consulting a third party on 31 December 2025
        "i": request(scjg, "legal_service", d(2024, 12, 28), state=R.State.CONSULTING),
        # another unit's request: only in the government-level report
        "j": request(
            units["sfj"], "person", d(2025, 2, 1), replied=d(2025, 2, 10), result="disclose"
        ),
        # received in 2026: in no 2025 report
        "k": request(scjg, "person", d(2026, 1, 5)),
    }


def many(unit, year: int = 2025) -> None:
    """Distinct non-trivial numbers in many cells: for result row r and column k,
    (3r + 2k) % 7 concluded requests, plus open and carried ones per column."""
    d = dt.date
    kinds = [c for c, _ in rules.APPLICANT_COLUMNS]
    for r, code in enumerate(rules.ROW_CODES):
        for k, kind in enumerate(kinds):
            for i in range((3 * r + 2 * k) % 7):
                day = d(year, 1 + (r + i) % 11, 1 + k)
                request(unit, kind, day, replied=day + dt.timedelta(days=20), result=code)
    for k, kind in enumerate(kinds):
        for i in range(k + 2):  # carried from the previous year, concluded this year
            request(unit, kind, d(year - 1, 12, 1 + i), replied=d(year, 1, 20),
                    result="disclose")  # fmt: skip
        for i in range(2 * k + 1):  # still open at the year's end
            request(unit, kind, d(year, 12, 1 + i))
