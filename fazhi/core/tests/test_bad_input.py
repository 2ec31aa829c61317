"""Bad input on core's pages gets a Chinese message and loses nothing; every form of core,
plans, indicators and reports speaks Chinese; typed dates stay within 2000—2100."""

import re

import pytest

from fazhi.core import services
from fazhi.core.models import ApiToken


@pytest.mark.parametrize("junk", ["abc", "", "-1", "99999999999999999999", "1.5", "²"])
def test_revoking_a_token_by_a_garbage_id_is_refused(people, login, junk):
    """D5: tokens page revoke=abc answered 500."""
    client = login(people["sfj_clerk"])
    token, _ = services.issue_token(people["sfj_clerk"], "省平台")
    resp = client.post("/office/tokens/", {"revoke": junk})
    assert resp.status_code == 400
    assert "要吊销的令牌不存在" in resp.content.decode()
    assert not ApiToken.objects.get(pk=token.pk).revoked


def test_revoking_another_persons_token_is_refused(people, login):
    token, _ = services.issue_token(people["scjg_clerk"], "省平台")
    resp = login(people["sfj_clerk"]).post("/office/tokens/", {"revoke": token.pk})
    assert resp.status_code == 400
    assert not ApiToken.objects.get(pk=token.pk).revoked


def test_calendar_refuses_a_date_that_would_overflow(people, login):
    """D6: a holiday typed as 9999-12-31 raised OverflowError on the calendar page."""
    client = login(people["coordinator"])
    resp = client.post(
        "/office/calendar/2027/",
        {
            "year": "2027",
            "notice": "国办发明电〔2026〕1号",
            "holidays": "9999-12-31 元旦",
            "makeup_workdays": "",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "日期应在2000年至2100年之间" in body
    assert "9999-12-31 元旦" in body and "国办发明电〔2026〕1号" in body


@pytest.mark.parametrize("year", ["1", "1999", "2101", "99999"])
def test_calendar_year_outside_the_range_is_not_found(people, login, year):
    resp = login(people["coordinator"]).get(f"/office/calendar/{year}/")
    assert resp.status_code == 404


@pytest.mark.parametrize("junk", ["²", "99999999999999999999", "abc"])
def test_calendar_year_query_ignores_garbage(people, login, junk):
    assert login(people["coordinator"]).get(f"/office/calendar/?year={junk}").status_code == 200


@pytest.mark.parametrize("url", ["/office/workdays/", "/workdays/"], ids=["office", "portal"])
@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_workday_calculator_refuses_absurd_dates(people, client, url, start):
    client.force_login(people["sfj_clerk"])
    for unit in ("working", "calendar"):
        resp = client.get(url, {"start": start, "length": "10", "unit": unit})
        assert resp.status_code == 200
        assert "日期应在2000年至2100年之间" in resp.content.decode()


# --- every form speaks Chinese ----------------------------------------------------------

# Latin words that may appear in Chinese labels (file formats, the date pattern, encodings).
ALLOWED_LATIN = {"XLSX", "CSV", "YYYY", "MM", "DD", "UTF", "GBK", "txt", "Bearer"}


def _forms(people):
    from fazhi.core import forms as core_forms
    from fazhi.indicators import views as indicator_views
    from fazhi.plans import views as plan_views
    from fazhi.plans.models import Plan
    from fazhi.reports import views as report_views

    plan = Plan.objects.create(
        title="x",
        kind=Plan.Kind.values[0],
        start_year=2025,
        end_year=2025,
        unit=people["coordinator"].unit,
    )
    yield from [
        core_forms.LoginForm(),
        core_forms.UnitForm(),
        core_forms.UnitImportForm(),
        core_forms.UserForm(),
        core_forms.CalendarYearForm(),
        core_forms.WorkdaysForm(),
        core_forms.AttachmentForm(),
        core_forms.TokenForm(),
        plan_views.ImportForm(),
        plan_views.PeriodForm(),
        plan_views.ProgressForm(),
        plan_views.TaskForm(plan),
        indicator_views.RoundForm(),
        indicator_views.FindingForm(),
        indicator_views.ItemForm(),
        report_views.GenerateForm(people["coordinator"]),
    ]


def test_every_form_label_help_text_and_choice_is_chinese(people):
    """D13: labels like "Indicator" and "Order" came from model fields without a Chinese
    verbose_name."""
    problems = []
    for form in _forms(people):
        for name, field in form.fields.items():
            texts = [str(field.label or ""), str(field.help_text or "")]
            choices = getattr(field, "choices", None)
            if choices is not None and not hasattr(field, "queryset"):
                texts += [str(label) for _, label in choices]
            for text in texts:
                words = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN
                if words:
                    problems.append(f"{type(form).__name__}.{name}: {text!r}")
    assert not problems, problems
