"""The portal's 双随机、一公开 pages: the commitment before the draw (never the seed), the
drawn list and the seed after, verification refused before the seed's reveal and 一致 /
不一致 after it (stored result, pasted copies, a row changed in the database), downloads
that verify offline, nothing personal unmasked, garbage never a server error."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.core.identifiers import make_id_number
from fazhi.inspections import draw, public
from fazhi.inspections import services as s
from fazhi.inspections.models import DrawnEntity, InspectionTask
from fazhi.inspections.services.tasks import departments_of

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon():
    return Client()


def _detail(task):
    return reverse("inspections_public:task", args=[task.pk])


def _verify(task):
    return reverse("inspections_public:verify", args=[task.pk])


def _text(resp) -> str:
    return resp.content.decode()


@pytest.fixture
def revealed(drawn_task, people):
    def _make(**kw):
        return s.reveal_seed(drawn_task(**kw), actor=people["scjg_clerk"])

    return _make


def test_the_commitment_is_public_before_the_draw_and_the_seed_is_not(new_task, people, anon):
    draft = new_task(title="草拟中的任务")
    task = s.commit(new_task(), actor=people["scjg_clerk"])
    listing = _text(anon.get(reverse("inspections_public:tasks")))
    assert task.title in listing and "草拟中的任务" not in listing
    assert anon.get(_detail(draft)).status_code == 404
    page = _text(anon.get(_detail(task)))
    for shown in (task.seed_hash, task.snapshot_hash, task.algorithm, "尚未抽取"):
        assert shown in page
    # The pool counts per class (ten of each in the fixture's pool) and the ratios.
    assert "10家" in page and "50%" in page and "40家" in page
    assert task.seed not in page
    assert "食品经营者经营行为检查" in page and "《中华人民共和国食品安全法》第一百一十条" in page
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}").json()
    assert api["seed_hash"] == task.seed_hash and api["seed"] == ""
    assert task.seed not in anon.get("/api/inspections/public/tasks").content.decode()
    assert anon.get(reverse("inspections_public:snapshot", args=[task.pk])).status_code == 404


def test_the_drawn_list_shows_before_the_seed_which_shows_only_after_its_reveal(
    drawn_task, people, anon
):
    task = drawn_task()
    page = _text(anon.get(_detail(task)))
    assert task.result_hash in page and task.seed not in page
    first = DrawnEntity.objects.filter(task=task).select_related("entity").order_by("order")[0]
    assert first.entity.uscc in page and first.entity.name in page
    # Inspectors by name and certificate number, as they were at the commitment.
    assert "李执法（ZF2301001）" in page or "赵执法（ZF2301002）" in page
    assert all(c in page for c in first.inspectors)
    drawn = anon.get(f"/api/inspections/public/tasks/{task.pk}/drawn").json()
    assert drawn["count"] == DrawnEntity.objects.filter(task=task).count()
    assert drawn["items"][0]["inspectors"][0]["certificate_number"] == first.inspectors[0]
    task = s.reveal_seed(task, actor=people["scjg_clerk"])
    page = _text(anon.get(_detail(task)))
    assert task.seed in page
    assert anon.get(f"/api/inspections/public/tasks/{task.pk}").json()["seed"] == task.seed


def test_verification_is_refused_before_the_seed_is_revealed(drawn_task, anon, monkeypatch):
    calls = []
    monkeypatch.setattr(public, "verify_task", lambda *a: calls.append(a) or [])
    task = drawn_task()
    for resp in (
        anon.get(_verify(task)),
        anon.post(_verify(task), {"lines": "\n".join(s.result_lines(task))}),
    ):
        text = _text(resp)
        assert resp.status_code == 200 and "种子尚未公布" in text
        assert "一致" not in text.replace("不一致", "").replace("核对", "")
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}/verify").json()
    assert api["verifiable"] is False and api["consistent"] is None
    assert "种子尚未公布" in api["problems"][0]
    assert calls == []


def test_the_stored_result_verifies_and_is_recomputed_once(revealed, anon, monkeypatch):
    calls = []
    real = public.verify_task
    monkeypatch.setattr(public, "verify_task", lambda *a: calls.append(a) or real(*a))
    task = revealed()
    for _ in range(3):
        resp = anon.get(_verify(task))
        assert 'id="stored-verdict"><strong>一致</strong>' in _text(resp)
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}/verify").json()
    assert api["verifiable"] and api["consistent"] is True and api["problems"] == []
    # The downloaded copy, pasted: identical to the stored result, no second recomputation.
    downloaded = anon.get(reverse("inspections_public:result", args=[task.pk])).content
    resp = anon.post(_verify(task), {"lines": downloaded.decode()})
    assert 'id="copy-verdict"><strong>一致</strong>' in _text(resp)
    assert len(calls) == 1


def _tampered(task, what: str) -> str:
    lines = s.result_lines(task)
    risk, uscc, inspectors = lines[1].split("\t")
    if what == "uscc":
        others = DrawnEntity.objects.exclude(task=task).values_list("entity__uscc", flat=True)
        from fazhi.inspections.models import Entity

        drawn = set(DrawnEntity.objects.filter(task=task).values_list("entity__uscc", flat=True))
        uscc = Entity.objects.exclude(uscc__in=drawn).exclude(uscc__in=others)[0].uscc
    else:
        ids = inspectors.split(",")
        ids[0] = "ZF2301004" if ids[0] != "ZF2301004" else "ZF2301003"
        inspectors = ",".join(ids)
    lines[1] = f"{risk}\t{uscc}\t{inspectors}"
    return "\n".join(lines)


@pytest.mark.parametrize("what", ["uscc", "inspector"])
def test_a_tampered_copy_is_not_consistent(revealed, anon, what):
    task = revealed()
    resp = anon.post(_verify(task), {"lines": _tampered(task, what)})
    text = _text(resp)
    assert 'id="copy-verdict"><strong>不一致</strong>' in text
    assert "第2行不一致" in text
    # An uploaded copy is read the same way.
    upload = SimpleUploadedFile("result.txt", _tampered(task, what).encode(), "text/plain")
    assert "第2行不一致" in _text(anon.post(_verify(task), {"file": upload}))


def test_a_row_changed_in_the_database_after_the_draw_is_not_consistent(revealed, anon):
    task = revealed()
    assert "<strong>一致</strong>" in _text(anon.get(_verify(task)))  # cached now
    row = DrawnEntity.objects.filter(task=task).order_by("order")[0]
    row.inspectors = list(reversed(row.inspectors))
    row.save(update_fields=["inspectors"])
    text = _text(anon.get(_verify(task)))
    assert 'id="stored-verdict"><strong>不一致</strong>' in text
    assert "结果哈希不符" in text and "第1行不一致" in text
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}/verify").json()
    assert api["consistent"] is False and api["problems"]


def test_the_downloads_verify_offline(revealed, anon):
    """Anyone with the two downloads and the published values recomputes the draw with
    draw.py alone, and the result hash is the downloaded text's SHA-256."""
    task = revealed()
    text = anon.get(reverse("inspections_public:result", args=[task.pk])).content
    assert text.decode() == "\n".join(s.result_lines(task))
    assert hashlib.sha256(text).hexdigest() == task.result_hash
    raw = gzip.decompress(anon.get(reverse("inspections_public:snapshot", args=[task.pk])).content)
    assert hashlib.sha256(raw).hexdigest() == task.snapshot_hash
    strata = {c: [] for c in draw.RISK_CLASSES}
    inspectors, conflicts = [], set()
    for line in raw.decode().splitlines()[1:]:
        kind, a, b = line.split("\t")
        if kind == "E":
            strata[a].append(b)
        elif kind == "I":
            inspectors.append(draw.Inspector(id=b, department=a))
        else:
            conflicts.add((a, b))
    pool = draw.Pool(strata, inspectors, conflicts)
    detail = anon.get(f"/api/inspections/public/tasks/{task.pk}").json()
    problems = draw.verify(
        bytes.fromhex(detail["seed"]),
        pool,
        {r["risk_class"]: r["ratio"] for r in detail["ratios"]},
        departments_of(task),
        text.decode().splitlines(),
        commitment=detail["seed_hash"],
        snapshot=detail["snapshot_hash"],
        per_department=detail["per_department"],
    )
    assert problems == []
    # Nothing personal in the snapshot: USCCs, certificate numbers and unit ids only.
    assert "执法" not in raw.decode() and not any("\u4e00" <= c <= "\u9fff" for c in raw.decode())


def test_published_results_only_masked_and_late_ones_flagged(revealed, people, anon, insp):
    from fazhi.core.tests.refusal import freeze

    task = revealed()
    rows = list(DrawnEntity.objects.filter(task=task).select_related("entity").order_by("order"))
    id_number = make_id_number("330203", dt.date(1980, 5, 17), 123)
    clerk = people["scjg_clerk"]
    s.record_result(rows[0], outcome="rectify", checked_on=dt.date(2025, 9, 10), actor=clerk,
                    note=f"负责人电话13812345678，身份证号{id_number}，已责令整改")  # fmt: skip
    s.record_result(rows[1], outcome="ok", checked_on=dt.date(2025, 9, 10), actor=clerk,
                    note="未公示的情况说明")  # fmt: skip
    s.publish_results([rows[0]], on=dt.date(2025, 10, 30), actor=clerk,
                      late_reason="系统故障，联系人手机13900001111")  # fmt: skip
    page = _text(anon.get(_detail(task)))
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}/results").json()
    for text in (page, str(api)):
        assert "13812345678" not in text and id_number not in text
        assert "138****5678" in text and "已责令整改" in text
        assert "未公示的情况说明" not in text
    assert "逾期公示" in page and "系统故障" in page
    assert "13900001111" not in page + str(api) and "139****1111" in page
    assert api["count"] == 1 and api["items"][0]["late"] is True
    assert api["items"][0]["outcome"] == "发现问题已责令整改"
    del freeze


def test_a_bare_personal_name_of_a_sole_trader_is_masked():
    assert public.public_name("张伟", "个体工商户") == "张*"
    assert public.public_name("张伟便利店", "个体工商户") == "张伟便利店"
    assert public.public_name("欧阳娜娜", "有限责任公司") == "欧阳娜娜"


def test_a_voided_task_stays_with_its_reason_and_links_the_redo(new_task, people, anon):
    clerk = people["scjg_clerk"]
    task = s.commit(new_task(), actor=clerk)
    redo = s.redo(task, reason="抽查事项范围有误", actor=clerk)
    page = _text(anon.get(_detail(task)))
    assert (
        "已作废" in page
        and "抽查事项范围有误" in page
        and "尚未公布抽取承诺" in page
        and "作废前未抽取" in page
    )
    assert _detail(redo) not in page
    s.commit(redo, actor=clerk)
    page = _text(anon.get(_detail(task)))
    assert _detail(redo) in page
    assert "已作废" in _text(anon.get(reverse("inspections_public:tasks")))
    api = anon.get(f"/api/inspections/public/tasks/{task.pk}").json()
    assert api["state"] == InspectionTask.State.VOIDED and api["redone_by_id"] == redo.pk
    assert api["voided_reason"] == "抽查事项范围有误"


def test_filters_and_pages(revealed, new_task, people, insp, anon):
    joint = s.commit(
        new_task(title="联合抽查任务", departments=[insp["scjg"], insp["town"]],
                 items=[insp["item"], insp["town_item"]]),
        actor=people["scjg_clerk"],
    )  # fmt: skip
    alone = revealed(title="单独任务")
    url = reverse("inspections_public:tasks")
    town = _text(anon.get(url, {"department": insp["town"].pk}))
    assert "联合抽查任务" in town and "单独任务" not in town
    assert "联合抽查" in _text(anon.get(_detail(joint)))
    assert "单独任务" in _text(anon.get(url, {"year": 2025}))
    assert "单独任务" not in _text(anon.get(url, {"year": 2024}))
    api = anon.get("/api/inspections/public/tasks", {"department": insp["town"].pk}).json()
    assert [t["title"] for t in api["items"]] == ["联合抽查任务"]
    assert alone.pk


def test_the_portal_home_lists_the_commitment_and_the_nav_names_the_section(drawn_task, anon):
    task = drawn_task()
    home = _text(anon.get("/"))
    assert f"{task.title}（抽取承诺）" in home and reverse("inspections_public:tasks") in home
    assert "双随机、一公开" in home


def test_garbage_is_answered_in_chinese_never_500(revealed, anon, settings):
    settings.FAZHI_INSPECTIONS_VERIFY_MAX_BYTES = 1024 * 1024
    task = revealed()
    url = _verify(task)
    cases = {
        "binary": {"file": SimpleUploadedFile("x.txt", b"\xff\xfe\x00\x01" * 100, "text/plain")},
        "huge": {"lines": "A\t" + "9" * (2 * 1024 * 1024)},
        "empty": {"lines": "   \n  "},
        "nul": {"file": SimpleUploadedFile("x.txt", b"A\tX\x00\tY", "text/plain")},
    }
    messages = {
        "binary": "不是UTF-8编码的文本",
        "huge": "内容过大",
        "empty": "请粘贴或上传抽取结果",
        "nul": "非文本字符",
    }
    for name, data in cases.items():
        resp = anon.post(url, data)
        assert resp.status_code == 400, name
        assert messages[name] in _text(resp), name
    # Past Django's own body limit (DATA_UPLOAD_MAX_MEMORY_SIZE): its 400 page.
    assert anon.post(url, {"lines": "x" * (11 * 1024 * 1024)}).status_code == 400
    big = SimpleUploadedFile("x.txt", b"A\tB\tC\n" * 300000, "text/plain")
    assert "文件过大" in _text(anon.post(url, {"file": big}))
    # Nonsense lines: 不一致, listed.
    assert "<strong>不一致</strong>" in _text(anon.post(url, {"lines": "你好\n世界"}))
    for path in (
        "/inspections/tasks/abc/",
        "/inspections/tasks/99999999999999999999999/verify/",
        "/inspections/tasks/-1/result.txt",
        "/inspections/tasks/0/snapshot.txt.gz",
    ):
        assert anon.get(path).status_code == 404, path
    resp = anon.get(reverse("inspections_public:tasks"), {"year": "x", "department": "y" * 50,
                                                          "page": "zz"})  # fmt: skip
    assert resp.status_code == 200
    for path in (
        "/api/inspections/public/tasks/abc",
        "/api/inspections/public/tasks/99999999999999999999999/verify",
        "/api/inspections/public/tasks?year=abc",
    ):
        assert anon.get(path).status_code == 422, path
    assert anon.get("/api/inspections/public/tasks/999999/drawn").status_code == 404


def test_the_office_api_is_scoped(drawn_task, people, client):
    task = drawn_task()
    assert Client().get("/api/inspections/tasks").status_code == 401
    client.force_login(people["scjg_clerk"])
    rows = client.get("/api/inspections/tasks").json()["items"]
    assert [r["id"] for r in rows] == [task.pk] and rows[0]["drawn"] > 0
    client.force_login(people["town_clerk"])
    assert client.get("/api/inspections/tasks").json()["items"] == []


def test_a_redo_reason_is_masked_on_the_portal(revealed, people, anon):
    """The reasons staff type (重新抽取原因) are public, as free text is: masked."""
    task = revealed()
    new = s.redo(task, reason="原名录库有误，经办人电话13712345678", actor=people["scjg_clerk"])
    s.commit(new, actor=people["scjg_clerk"])
    texts = [
        _text(anon.get(_detail(task))),
        _text(anon.get(_detail(new))),
        str(anon.get("/api/inspections/public/tasks?year=2025").json()),
        str(anon.get(f"/api/inspections/public/tasks/{new.pk}").json()),
    ]
    for text in texts:
        assert "13712345678" not in text
    assert all("137****5678" in t for t in texts[:2])
