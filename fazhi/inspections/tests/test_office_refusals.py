"""Office pages refusing bad input: a corrupt XLSX is a Chinese message, not a server
error; a refused case link or publication keeps what was typed and ticked; a refusal is
said once, not again inside each form on the page; a form saved as it was shown (its
ratios as typed) is not refused."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.inspections import services as s
from fazhi.inspections.models import DrawnEntity, Entity, InspectionTask

from .conftest import HEADER, uscc

pytestmark = pytest.mark.today(2025, 11, 10)


def _post(client, task, action, **data):
    return client.post(f"/office/inspections/tasks/{task.pk}/", {"action": action, **data})


def _alerts(body: str) -> list[str]:
    return re.findall(r'class="alert alert-danger" role="alert">(.*?)</div></div>', body)


def _xlsx_with_sheet_cut_short() -> bytes:
    """A workbook that opens (its zip and workbook.xml are sound) but whose sheet's XML
    stops halfway, as a file cut off in transfer does."""
    from openpyxl import Workbook

    wb = Workbook()
    for line in (HEADER.strip().split(","), [uscc(500), "甲商户", "有限责任公司", "餐饮",
                                              "城关街道", "A", "存续"]):  # fmt: skip
        wb.active.append(line)
    whole = io.BytesIO()
    wb.save(whole)
    out = io.BytesIO()
    with zipfile.ZipFile(whole) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    return out.getvalue()


def test_a_corrupt_xlsx_is_refused_in_chinese(insp, people, login):
    client = login(people["scjg_clerk"])
    before = Entity.objects.count()
    resp = client.post(
        "/office/inspections/entities/import/",
        {"unit": insp["scjg"].pk,
         "file": SimpleUploadedFile("名录.xlsx", _xlsx_with_sheet_cut_short())},
    )  # fmt: skip
    assert resp.status_code == 400
    assert "无法读取该XLSX文件，请确认文件未损坏" in resp.content.decode()
    assert Entity.objects.count() == before


def test_a_refused_case_link_keeps_the_typed_case_number(drawn_task, people, login):
    task = drawn_task()
    client = login(people["scjg_clerk"])
    drawn = DrawnEntity.objects.filter(task=task).order_by("order").first()
    s.record_result(drawn, outcome="case", checked_on=task.starts_on, actor=people["scjg_clerk"])
    typed = "测区市监罚〔2025〔" + "9" * 60  # too long: refused by the form
    resp = _post(client, task, "link", **{"link-drawn": drawn.pk, "link-case_ref": typed})
    body = resp.content.decode()
    assert resp.status_code == 400 and "执法案件编号（案号）" in "".join(_alerts(body))
    assert f'value="{typed}"' in body
    drawn.refresh_from_db()
    assert drawn.case_ref == ""


def test_a_refused_publication_keeps_the_ticked_results(drawn_task, people, login):
    task = drawn_task()
    client = login(people["scjg_clerk"])
    first, second, third = DrawnEntity.objects.filter(task=task).order_by("order")[:3]
    for d in (first, second, third):
        s.record_result(d, outcome="ok", checked_on=task.starts_on, actor=people["scjg_clerk"])
    # Past the publication period without a reason: refused.
    resp = _post(client, task, "publish", **{"publish-on": "2025-11-10",
                                             "pick": [first.pk, third.pk]})  # fmt: skip
    body = resp.content.decode()
    assert resp.status_code == 400 and "逾期公示须填写逾期原因" in body
    ticked = {
        int(m.group(1))
        for m in re.finditer(r'<input[^>]*name="pick" value="(\d+)"[^>]*>', body)
        if " checked" in m.group(0)
    }
    assert ticked == {first.pk, third.pk}
    assert not DrawnEntity.objects.filter(task=task, published_on__isnull=False).exists()


def test_a_refusal_is_said_once(drawn_task, insp, people, login):
    task = drawn_task()
    client = login(people["scjg_clerk"])
    body = _post(client, task, "draw").content.decode()
    assert _alerts(body) == [f"<div>{s.REDRAW_REFUSED}"]
    body = client.post(
        f"/office/inspections/plans/{insp['plan'].pk}/",
        {"filed_with": "测试市", "on": "2025-12-01"},
    ).content.decode()
    assert _alerts(body) == ["<div>报备日期不能晚于今天（2025-11-10），不能预先登记"]
    body = client.post(
        "/office/inspections/avoidances/", {"action": "withdraw", "avoidance": "9"}
    ).content.decode()
    assert _alerts(body) == ["<div>该回避申报不存在或无权办理"]
    item = insp["item"]
    body = client.post(
        f"/office/inspections/items/{item.pk}/edit/",
        {"action": "save", "lock": "forged", "code": item.code, "name": item.name,
         "basis": item.basis, "object_type": item.object_type, "method": item.method,
         "level": item.level, "ratio": "5"},
    ).content.decode()  # fmt: skip
    assert len(_alerts(body)) == 1, _alerts(body)


def test_an_item_saved_as_its_form_shows_it(insp, people, login):
    """The edit form shows the ratio as typed (5, not 5.0000, which the field's three
    decimals refuse), so a clerk who changes only the name is not refused."""
    client = login(people["scjg_clerk"])
    item = insp["item"]  # ratio 0.05, stored as 0.0500
    url = f"/office/inspections/items/{item.pk}/edit/"
    body = client.get(url).content.decode()
    shown = re.search(r'<input[^>]*name="ratio"[^>]*value="([^"]*)"', body) or re.search(
        r'<input[^>]*value="([^"]*)"[^>]*name="ratio"', body
    )
    lock = re.search(r'<input[^>]*name="lock"[^>]*value="([^"]*)"', body).group(1)
    resp = client.post(
        url,
        {"action": "save", "lock": lock, "unit": insp["scjg"].pk, "code": item.code,
         "name": "食品经营者经营行为监督检查", "basis": item.basis,
         "object_type": item.object_type, "method": item.method, "level": item.level,
         "ratio": shown.group(1), "frequency": item.frequency},
    )  # fmt: skip
    assert resp.status_code == 302, _alerts(resp.content.decode())
    item.refresh_from_db()
    assert item.name == "食品经营者经营行为监督检查" and str(item.ratio) == "0.0500"


def test_a_new_task_saved_with_the_district_ratios_as_shown(insp, people, login, settings):
    """A district's default ratio of four decimals (1.25%) is shown as 1.25 and accepted."""
    settings.FAZHI_INSPECTIONS_RATIOS = {"A": "0.0125", "B": "0.03", "C": "0.05", "D": "0.10"}
    client = login(people["scjg_clerk"])
    body = client.get("/office/inspections/tasks/new/").content.decode()
    shown = {
        k: re.search(rf'<input[^>]*name="ratio_{k}"[^>]*value="([^"]*)"', body).group(1)
        for k in "abcd"
    }
    assert shown == {"a": "1.25", "b": "3", "c": "5", "d": "10"}
    resp = client.post(
        "/office/inspections/tasks/new/",
        {"plan": insp["plan"].pk, "title": "2025年第五批抽查", "items": [insp["item"].pk],
         "per_department": "2", "starts_on": "2025-09-01", "ends_on": "2025-10-31",
         **{f"ratio_{k}": v for k, v in shown.items()}},
    )  # fmt: skip
    assert resp.status_code == 302
    task = InspectionTask.objects.get(title="2025年第五批抽查")
    assert task.ratios == {"A": "0.0125", "B": "0.03", "C": "0.05", "D": "0.1"}


def test_an_items_ratio_reads_as_given(insp, people, login):
    """1.5% is shown as 1.5%, not rounded to 2%, in the list and on the item's page."""
    item = s.create_item(
        unit=insp["scjg"], code="SJ-015", name="特种设备使用单位检查", basis="特种设备安全法",
        object_type="特种设备使用单位", ratio="0.015", frequency="每年一次", actor=None,
    )  # fmt: skip
    leader = login(people["leader"])  # reads the item, cannot change it: the read-only page
    listed = leader.get("/office/inspections/items/?q=SJ-015").content.decode()
    page = leader.get(f"/office/inspections/items/{item.pk}/edit/").content.decode()
    for body in (listed, page):
        assert "1.5%" in body and "2%" not in body
