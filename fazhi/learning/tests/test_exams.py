"""年度考法: one exam per unit and year; a score 0–100 or absent; passed when the score
reaches the pass mark (the district's setting by default); results imported all or none."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.tests.refusal import refused
from fazhi.learning.models import ExamResult
from fazhi.learning.services import exams as svc

from .study_data import staff  # noqa: F401

pytestmark = pytest.mark.today(2025, 11, 10)


def exam(unit, actor=None, **kw):
    data = dict(year=2025, name="2025年度法治理论知识考试", held_on=dt.date(2025, 10, 28))
    data.update(kw)
    return svc.create_exam(unit=unit, actor=actor, **data)


def test_pass_mark_default_from_settings(district, people, settings):
    settings.FAZHI_LEARNING_EXAM_PASS_MARK = 70
    e = exam(district["sfj"], people["sfj_clerk"])
    assert e.pass_mark == Decimal("70")


def test_exam_refusals(district, people):
    clerk = people["sfj_clerk"]
    exam(district["sfj"], clerk)
    with refused(ValidationError, "测试区司法局2025年的法治理论知识考试已登记"):
        exam(district["sfj"], clerk, name="补考")
    with refused(ValidationError, "考试日期应在2024年内"):
        exam(district["sfj"], clerk, year=2024)
    with refused(ValidationError, "合格分数线应在0至100分之间"):
        exam(district["sfj"], clerk, year=2024, held_on=dt.date(2024, 10, 1), pass_mark=101)
    with refused(ValidationError, "考试日期不能晚于今天（2025-11-10），不能预先登记"):
        exam(district["scjg"], people["scjg_clerk"], held_on=dt.date(2025, 12, 1))
    with refused(PermissionDenied, "只能办理本单位的学法用法记录"):
        exam(district["scjg"], clerk)


def test_results_and_pass(district, people, staff):
    clerk = people["sfj_clerk"]
    e = exam(district["sfj"], clerk)
    at = svc.set_result(e, official=staff["sfj_a"], score=60, actor=clerk)
    below = svc.set_result(e, official=staff["sfj_b"], score="59.9", actor=clerk)
    gone = svc.set_result(e, official=staff["sfj_head"], absent=True, actor=clerk)
    assert (svc.passed(e, at), svc.passed(e, below), svc.passed(e, gone)) == (True, False, False)
    with refused(ValidationError, "成绩应为0至100的数字", e):
        svc.set_result(e, official=staff["sfj_deputy"], score=101, actor=clerk)
    with refused(ValidationError, "成绩应为0至100的数字", e):
        svc.set_result(e, official=staff["sfj_deputy"], score="abc", actor=clerk)
    with refused(ValidationError, "请填写赵副局长的成绩，或登记为缺考", e):
        svc.set_result(e, official=staff["sfj_deputy"], actor=clerk)
    with refused(ValidationError, "赵副局长登记为缺考，不能同时填写成绩", e):
        svc.set_result(e, official=staff["sfj_deputy"], score=80, absent=True, actor=clerk)
    with refused(ValidationError, "孙科员不是测试区司法局（或其所属单位）的工作人员", e):
        svc.set_result(e, official=staff["scjg_a"], score=80, actor=clerk)


def _sheet(text):
    return svc.read_results("成绩.csv", io.BytesIO(text.encode("utf-8")))


def test_results_import_all_or_nothing(district, people, staff):
    clerk = people["sfj_clerk"]
    e = exam(district["sfj"], clerk)
    bad = svc.import_results(e, _sheet(
        "人员编号,姓名,成绩,缺考\nS003,陈科员,88,\n,无名氏,70,\nS004,周科员,120,\nS001,张局长,,是\n"
    ), actor=clerk)  # fmt: skip
    assert bad.errors == ["第3行：名录中没有“无名氏”", "第4行：成绩应为0至100的数字"]
    assert not ExamResult.objects.exists()
    good = svc.import_results(e, _sheet(
        "人员编号,姓名,成绩,缺考\nS003,陈科员,88,\nS004,周科员,59,\nS001,张局长,,是\n"
    ), actor=clerk)  # fmt: skip
    assert (good.saved, good.errors) == (3, [])
    assert ExamResult.objects.get(official=staff["sfj_head"]).absent
