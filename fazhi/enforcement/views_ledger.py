"""The office page importing an agency's case ledger (执法案件台账) from XLSX or CSV, and the
import template. The rules are the service's (``services.ledger.import_cases``: every row
checked, bad rows reported by line, all or nothing, re-import updates by 案号); the page only
bounds the upload (``FAZHI_ENFORCEMENT_LEDGER_MAX_MB`` / ``_MAX_ROWS``: larger ledgers go
through the command ``fazhi enforcement import``) and lets the clerk pin the file to one of
the agencies they may change.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.core.forms import BootstrapMixin, posted_id

from .forms_cases import agencies_for
from .importer_cases import read
from .models import Case, CaseKind, Party
from .services.ledger import COLUMNS, REQUIRED, import_cases

COMMAND = "fazhi enforcement import 台账.xlsx --source 台账名称"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What each column takes, shown on the page and in the template's second sheet.
HINTS = {
    "number": "同一案号再次导入即更新该案件，不会重复登记",
    "agency": "已登记的执法主体全称，须为本人有权办理的执法主体",
    "kind": "、".join(CaseKind.labels),
    "procedure": "普通程序或简易程序，空白为普通程序",
    "title": "",
    "party_kind": "自然人或法人或其他组织",
    "party": "",
    "party_id": "自然人填身份证号，单位填统一社会信用代码",
    "power": "该执法主体权责清单中的事项编码",
    "filed_on": "日期如 2024-03-01",
    "decided_on": "已作出决定的填写，同时填写处理结果",
    "outcome": "如给予行政处罚、不予行政处罚、首违不罚、准予许可、不予许可",
    "fine": "元，不填为0",
    "confiscation": "元，不填为0",
    "decision_number": "",
    "served_on": "",
    "closed_on": "",
    "major": "是或否",
    "reviewed_on": "重大执法决定的法制审核通过日期",
}


def max_mb() -> int:
    return int(getattr(settings, "FAZHI_ENFORCEMENT_LEDGER_MAX_MB", 10))


def max_rows() -> int:
    return int(getattr(settings, "FAZHI_ENFORCEMENT_LEDGER_MAX_ROWS", 20000))


def columns() -> list[dict]:
    return [
        {"name": name, "required": field in REQUIRED, "hint": HINTS.get(field, "")}
        for name, field in COLUMNS.items()
    ]


class AgencyField(forms.ModelChoiceField):
    """An id the database cannot hold (“abc”, 10^20) is “not one of the choices”."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if posted_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class LedgerForm(BootstrapMixin, forms.Form):
    agency = AgencyField(
        label="执法主体",
        queryset=None,
        required=False,
        empty_label="按台账各行所列的执法主体",
        error_messages={"invalid_choice": "请从列表中选择执法主体"},
    )
    source = forms.CharField(
        label="数据来源（台账名称）",
        max_length=200,
        help_text="如“市场监管局2024年执法台账”，记入每件案件",
        error_messages={
            "required": "请填写数据来源（台账名称）",
            "max_length": "数据来源不能超过200字",
        },
    )
    file = forms.FileField(
        label="台账文件（XLSX或CSV）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "请选择要导入的台账文件", "empty": "上传的文件是空的"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)
        self.fields[
            "file"
        ].help_text = f"不超过{max_mb()}MB、{max_rows()}行；更大的台账请由系统管理员使用导入命令（见本页说明）导入"

    def clean_file(self):
        f = self.cleaned_data["file"]
        name = (f.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise ValidationError("请上传 XLSX 或 CSV 文件")
        if f.size > max_mb() * 1024 * 1024:
            raise ValidationError(
                f"文件超过{max_mb()}MB，不能在页面导入；请由系统管理员使用导入命令（见本页说明）导入"
            )
        return f


class TooManyRows(Exception):
    pass


def _rows(rows: Iterator[tuple[int, dict]], agency, mismatched: list[str]):
    """The reader's rows, bounded; a damaged file's low-level error becomes a Chinese
    ValidationError; rows naming another agency than the chosen one are noted."""
    limit = max_rows()
    count = 0
    line = 1
    while True:
        try:
            line, row = next(rows)
        except StopIteration:
            return
        except ValidationError:
            raise
        except Exception:  # whatever a damaged file makes the parser raise is the file's fault
            raise ValidationError(
                f"无法读取该文件（第{line + 1}行附近），请确认文件未损坏"
            ) from None
        count += 1
        if count > limit:
            raise TooManyRows
        named = str(row.get("agency") or "").strip()
        if agency is not None and named and named != agency.name:
            mismatched.append(f"第{line}行：执法主体“{named[:60]}”不是所选的{agency.name}")
        yield line, row


def _line(message: str) -> int:
    m = re.match(r"第(\d+)行", message)
    return int(m.group(1)) if m else 0


def _merge(errors: list[str], more: list[str]) -> list[str]:
    """Both lists' messages in line order, one entry per line."""
    by_line: dict[int, list[str]] = {}
    for e in errors + more:
        by_line.setdefault(_line(e), []).append(e)
    merged = []
    for n in sorted(by_line):
        items = by_line[n]
        if n == 0:
            merged += items
        else:
            reasons = [i.split("：", 1)[1] if "：" in i else i for i in items]
            merged.append(f"第{n}行：{'；'.join(reasons)}")
    return merged


SNAPSHOT = [
    "unit_id",
    "agency_id",
    "power_id",
    "kind",
    "procedure",
    "title",
    "stage",
    "filed_on",
    "decided_on",
    "served_on",
    "closed_on",
    "outcome",
    "fine",
    "confiscation",
    "decision_number",
    "major",
    "reviewed_on",
    "source",
]


def _snapshot(numbers: Iterable[str]) -> dict[str, tuple]:
    """Each ledger case's content (with its parties), to tell an update from a row that
    re-imported the same content."""
    numbers = list(numbers)
    out: dict[str, tuple] = {}
    for i in range(0, len(numbers), 900):
        chunk = numbers[i : i + 900]
        cases = {
            c["pk"]: c
            for c in Case.objects.filter(number__in=chunk)
            .exclude(source="")
            .values("pk", "number", *SNAPSHOT)
        }
        parties: dict[int, list] = {}
        for p in Party.objects.filter(case_id__in=list(cases)).values_list(
            "case_id", "kind", "name", "id_number", "uscc"
        ):
            parties.setdefault(p[0], []).append(p[1:])
        for pk, c in cases.items():
            out[c["number"]] = (tuple(c[f] for f in SNAPSHOT), tuple(sorted(parties.get(pk, []))))
    return out


def _run(form, user) -> tuple[list[str], dict | None]:
    """(errors, counts): errors empty when the whole file was written."""
    agency = form.cleaned_data["agency"]
    f = form.cleaned_data["file"]
    mismatched: list[str] = []
    try:
        rows = list(_rows(read(f.name, io.BytesIO(f.read())), agency, mismatched))
    except TooManyRows:
        return [
            f"文件超过{max_rows()}行，不能在页面导入；请由系统管理员使用导入命令（见本页说明）导入"
        ], None
    except ValidationError as e:
        return ["；".join(e.messages)], None
    numbers = {str(r.get("number") or "").strip() for _, r in rows}
    with transaction.atomic():
        before = _snapshot(numbers)
        result = import_cases(rows, actor=user, source=form.cleaned_data["source"])
        errors = _merge(result.errors, mismatched)
        if errors:
            transaction.set_rollback(True)
            return errors, None
        after = _snapshot(before)
    unchanged = sum(1 for n, v in before.items() if after.get(n) == v)
    return [], {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated - unchanged,
        "unchanged": unchanged,
    }


@login_required
def ledger_import(request):
    """Upload a ledger: all rows checked, every bad row listed by line, nothing written
    unless the whole file is clean (the service's rule)."""
    if not agencies_for(request.user).exists():
        raise PermissionDenied("您没有可以办理案件的执法主体，不能导入执法案件台账")
    errors: list[str] = []
    counts = None
    if request.method == "POST":
        form = LedgerForm(request.user, request.POST, request.FILES)
        if form.is_valid():
            errors, counts = _run(form, request.user)
    else:
        form = LedgerForm(request.user)
    failed = request.method == "POST" and (errors or not form.is_valid())
    return render(
        request,
        "enforcement/ledger_import.html",
        {
            "form": form,
            "errors": errors,
            "counts": counts,
            "columns": columns(),
            "max_mb": max_mb(),
            "max_rows": max_rows(),
            "command": COMMAND,
        },
        status=400 if failed else 200,
    )


@login_required
def ledger_template(request):
    """The import template: the header row on the first sheet (the one read), what each
    column takes on the second."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "执法案件台账"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = max(12, len(cell.value) * 2 + 4)
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "填写说明"])
    for c in columns():
        notes.append([c["name"], "必填" if c["required"] else "选填", c["hint"]])
    notes.append([])
    notes.append(["第一个工作表第一行为表头，从第二行起每行一件案件；所有行检查无误才会导入。"])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["C"].width = 60
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename=enforcement-ledger-template.xlsx"
    return response


urlpatterns = [
    path("cases/import/", ledger_import, name="case_import"),
    path("cases/import/template.xlsx", ledger_template, name="case_import_template"),
]
