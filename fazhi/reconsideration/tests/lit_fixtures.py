"""Helpers of the 行政应诉 and 司法/检察建议 tests: records made through the real services."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.tests.refusal import freeze


def pdf(name: str = "答辩状.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


_seq = {"n": 0}


def court_case(monkeypatch, unit, actor, served_on=dt.date(2025, 3, 3), **kw):
    """A first-instance case against ``unit`` served on ``served_on`` (today frozen then)."""
    from fazhi.reconsideration.services import litigation

    _seq["n"] += 1
    freeze(monkeypatch, kw.pop("today", served_on))
    data = dict(
        unit=unit,
        court="测试区人民法院",
        number=f"（{served_on.year}）测0105行初{_seq['n']}号",
        instance="first",
        plaintiff_kind="person",
        plaintiff_name="王小明",
        cause="行政处罚",
        act="罚款2000元的行政处罚决定",
        served_on=served_on,
        actor=actor,
    )
    data.update(kw)
    return litigation.register(**data)


def hearing(monkeypatch, lit, actor, held_on, head=True, **kw):
    from fazhi.reconsideration.services import litigation

    freeze(monkeypatch, held_on)
    if head:
        kw = {"head_name": "张局长", "head_role": "deputy", "staff_names": "李科长", **kw}
    else:
        kw = {
            "staff_names": "李科长",
            "excuse_kind": "official_duty",
            "excuse": "当日参加区政府常务会议",
            "explanation": pdf("情况说明.pdf"),
            **kw,
        }
    return litigation.record_hearing(lit, held_on=held_on, actor=actor, head_appeared=head, **kw)


def result(monkeypatch, lit, actor, on, result="won"):
    from fazhi.reconsideration.services import litigation

    freeze(monkeypatch, on)
    return litigation.record_result(
        lit, result=result, on=on, reasons="被诉行为认定事实清楚。", actor=actor
    )


def suggestion(monkeypatch, unit, actor, received_on=dt.date(2025, 3, 3), **kw):
    from fazhi.reconsideration.services import suggestions

    _seq["n"] += 1
    freeze(monkeypatch, kw.pop("today", received_on))
    data = dict(
        unit=unit,
        kind="procuratorial",
        issuer="测试区人民检察院",
        number=f"测检行建〔{received_on.year}〕{_seq['n']}号",
        received_on=received_on,
        subject="食品经营许可监管不到位",
        content="建议加强对辖区食品经营者的日常监督检查。",
        actor=actor,
    )
    data.update(kw)
    return suggestions.register(**data)
