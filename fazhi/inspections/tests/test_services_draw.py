"""The task's commitment, draw, reveal and verification through the services: the pool is
frozen at commit (its hash published, the seed secret), the draw is made once, the revealed
seed with the stored snapshot reproduces the result (一致) and a tampered result is refuted
(不一致); a redo needs its reason and leaves the voided task visible; recusal (a declared
interest, the last cycle's pairs) is never broken."""

import datetime as dt
import gzip
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.inspections import draw
from fazhi.inspections import services as s
from fazhi.inspections.models import DrawnEntity, Entity, InspectionTask

from .conftest import csv_file, entity_rows

pytestmark = pytest.mark.today(2025, 11, 10)


def test_commit_freezes_the_pool_and_keeps_the_seed_secret(new_task, people, insp):
    task = new_task()
    task = s.commit(task, actor=people["scjg_clerk"])
    assert task.state == InspectionTask.State.COMMITTED
    assert task.algorithm == draw.ALGORITHM
    assert len(task.seed) == 64 and task.seed_revealed_on is None
    assert task.seed_hash == hashlib.sha256(bytes.fromhex(task.seed)).hexdigest()
    # 40 存续 entities, 10 per class; the 2 注销 ones are not in the pool.
    assert task.snapshot_counts == {"A": 10, "B": 10, "C": 10, "D": 10}
    snap = task.snapshot
    lines = gzip.decompress(bytes(snap.data)).decode()
    assert hashlib.sha256(lines.encode()).hexdigest() == snap.sha256 == task.snapshot_hash
    # Only the four certified 市场监管局 officers: not the expired, not the suspended.
    assert sorted(snap.inspector_names) == insp["officers"]
    assert snap.entities == 40 and snap.inspectors == 4
    ev = Event.objects.filter(action="inspections_task_commit").get()
    assert task.seed not in ev.summary and task.seed not in str(ev.after)
    assert task.seed_hash in ev.summary


def test_draw_reveal_verify_and_tamper(drawn_task, people, tmp_path):
    task = drawn_task()
    drawn = list(DrawnEntity.objects.filter(task=task).order_by("order"))
    # 10% of 10 A, 20% of 10 B, 30% of 10 C, 50% of 10 D.
    assert [d.risk_class for d in drawn] == ["A"] + ["B"] * 2 + ["C"] * 3 + ["D"] * 5
    assert all(len(d.inspectors) == 2 for d in drawn)
    assert task.state == InspectionTask.State.DRAWN
    other = s.create_task(
        task.plan,
        title="另一任务",
        departments=[task.unit],
        items=list(task.items.all()),
        starts_on=task.starts_on,
        ends_on=task.ends_on,
        actor=None,
    )
    with refused(ValidationError, "抽取之前不能公布随机种子", other):
        s.reveal_seed(other, actor=people["scjg_clerk"])
    task = s.reveal_seed(task, actor=people["scjg_clerk"])
    assert task.seed_revealed_on is not None
    with refused(ValidationError, "随机种子已经公布", task):
        s.reveal_seed(task, actor=people["scjg_clerk"])
    # The pool changes after the draw: verification reads the snapshot, not today's tables.
    s.import_entities(
        csv_file(entity_rows(5, start=200)), unit=task.unit, actor=None, on=dt.date(2025, 11, 1)
    )
    Entity.objects.filter(uscc=drawn[0].entity.uscc).update(risk_class="D")
    assert s.verify_task(task) == []
    out = io.StringIO()
    call_command("inspections", "verify", str(task.pk), stdout=out)
    assert out.getvalue().startswith("一致")
    # A published copy given line by line verifies too.
    copy = tmp_path / "result.txt"
    copy.write_text("\n".join(s.result_lines(task)), encoding="utf-8")
    call_command("inspections", "verify", str(task.pk), "--published", str(copy), stdout=out)

    # Tamper with one drawn entity's inspectors: 不一致, naming the line.
    d = drawn[3]
    DrawnEntity.objects.filter(pk=d.pk).update(inspectors=list(reversed(d.inspectors)))
    problems = s.verify_task(task)
    assert "抽取结果与抽取时记录的结果哈希不符（结果在抽取后被改动）" in problems
    assert any(p.startswith("第4行不一致") for p in problems), problems
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("inspections", "verify", str(task.pk), stdout=out)
    assert exit_.value.code == 1
    assert out.getvalue().startswith("不一致")
    assert "第4行不一致" in out.getvalue()


def test_tampered_snapshot_is_refuted(drawn_task):
    task = drawn_task()
    snap = task.snapshot
    lines = gzip.decompress(bytes(snap.data)).decode().replace("\tA\t", "\tB\t", 1)
    type(snap).objects.filter(pk=snap.pk).update(data=gzip.compress(lines.encode()))
    assert s.verify_task(task) == ["名录库快照与抽取前公布的快照哈希不符"]


def test_a_second_draw_is_refused(drawn_task, people):
    task = drawn_task()
    n = DrawnEntity.objects.filter(task=task).count()
    with refused(ValidationError, s.REDRAW_REFUSED, task):
        s.make_draw(task, actor=people["scjg_clerk"])
    with refused(ValidationError, "只有草拟的抽查任务才能公布抽取承诺", task):
        s.commit(task, actor=people["scjg_clerk"])
    assert DrawnEntity.objects.filter(task=task).count() == n


def test_draw_needs_the_commitment_first(new_task, people):
    task = new_task()
    with refused(ValidationError, "请先公布抽取承诺，再进行抽取", task):
        s.make_draw(task, actor=people["scjg_clerk"])


def test_commit_refuses_an_empty_pool_or_inspector_list(new_task, people, insp):
    task = new_task(pool_filter={"industry": ["制造业"]})
    with refused(ValidationError, "检查对象范围内没有存续的检查对象，检查对象名录库为空", task):
        s.commit(task, actor=people["scjg_clerk"])
    # A joint task with 司法局, which has no certified officers.
    task = new_task(departments=[insp["scjg"], people["sfj_clerk"].unit])
    with refused(
        ValidationError,
        "测试区司法局在2025-09-01没有在岗持证的执法人员，执法检查人员名录库为空",
        task,
    ):
        s.commit(task, actor=people["scjg_clerk"])


def test_redo_needs_a_reason_and_the_voided_task_stays(drawn_task, people):
    task = drawn_task()
    with refused(ValidationError, "请填写重新抽取的原因", task):
        s.redo(task, reason="  ", actor=people["scjg_clerk"])
    new = s.redo(task, reason="抽取时名录库未包含新登记的主体", actor=people["scjg_clerk"])
    task.refresh_from_db()
    assert task.state == InspectionTask.State.VOIDED
    assert DrawnEntity.objects.filter(task=task).count() == 11  # the voided draw stays
    assert new.state == InspectionTask.State.DRAFT
    assert new.redo_of == task and new.redo_reason == "抽取时名录库未包含新登记的主体"
    assert new.ratios == task.ratios and new.joint == task.joint
    assert list(new.items.all()) == list(task.items.all())
    with refused(ValidationError, "该抽查任务已作废并已重新抽取", task):
        s.redo(task, reason="再次", actor=people["scjg_clerk"])
    with refused(ValidationError, "该抽查任务已作废，不能抽取", task):
        s.make_draw(task, actor=people["scjg_clerk"])


def test_a_declared_interest_is_never_drawn_together(new_task, people, insp):
    """Every D entity is drawn (ratio 1), 2 inspectors each: 20 places for 4 inspectors, so
    without recusal 李执法 would take about 5. He declared an interest in all ten."""
    for i in range(30, 40):  # the D-class entities
        s.declare_avoidance(
            unit=insp["scjg"],
            certificate_number="ZF2301001",
            entity=insp["entity"](i),
            reason="其配偶为该企业股东",
            on=dt.date(2025, 8, 20),
            actor=people["scjg_clerk"],
        )
    task = new_task(ratios={"A": 0, "B": 0, "C": 0, "D": 1})
    task = s.commit(task, actor=people["scjg_clerk"])
    s.make_draw(task, actor=people["scjg_clerk"])
    loads = {}
    for row in DrawnEntity.objects.filter(task=task):
        assert len(row.inspectors) == 2 and "ZF2301001" not in row.inspectors
        for i in row.inspectors:
            loads[i] = loads.get(i, 0) + 1
    # The other three carry the load, balanced.
    assert sorted(loads.values()) == [6, 7, 7]
    _, pool = s.snapshot_pool(task.snapshot)
    assert len(pool.conflicts) == 10
    assert s.verify_task(task) == []


def test_the_last_cycle_pairs_are_never_drawn_again(new_task, people):
    first = new_task(ratios={"A": 0, "B": 0, "C": 0, "D": 1})
    s.commit(first, actor=people["scjg_clerk"])
    s.make_draw(first, actor=people["scjg_clerk"])
    before = dict(DrawnEntity.objects.filter(task=first).values_list("entity_id", "inspectors"))
    second = new_task(title="2025年第四批抽查", ratios={"A": 0, "B": 0, "C": 0, "D": 1})
    second = s.commit(second, actor=people["scjg_clerk"])
    s.make_draw(second, actor=people["scjg_clerk"])
    after = dict(DrawnEntity.objects.filter(task=second).values_list("entity_id", "inspectors"))
    assert before.keys() == after.keys() and len(after) == 10
    for entity_id, inspectors in after.items():
        assert not set(inspectors) & set(before[entity_id]), entity_id
    # The conflicts are in the snapshot, so the verification knows them too.
    _, pool = s.snapshot_pool(second.snapshot)
    assert len(pool.conflicts) == 20
    assert s.verify_task(second) == []


def test_withdrawn_avoidance_no_longer_counts(people, insp):
    a = s.declare_avoidance(
        unit=insp["scjg"],
        certificate_number="ZF2301002",
        entity=insp["entity"](1),
        reason="亲属在该企业任职",
        on=dt.date(2025, 8, 20),
        actor=people["scjg_clerk"],
    )
    with refused(ValidationError, "赵执法对测试商户001的回避申报已经登记", a):
        s.declare_avoidance(
            unit=insp["scjg"],
            certificate_number="ZF2301002",
            entity=insp["entity"](1),
            reason="重复申报",
            on=dt.date(2025, 8, 21),
            actor=people["scjg_clerk"],
        )
    with refused(ValidationError, "执法证号ZF2001009不是本单位2025-08-20在岗持证的执法人员"):
        s.declare_avoidance(
            unit=insp["scjg"],
            certificate_number="ZF2001009",
            entity=insp["entity"](1),
            reason="过期证件",
            on=dt.date(2025, 8, 20),
            actor=people["scjg_clerk"],
        )
    s.withdraw_avoidance(a, on=dt.date(2025, 9, 1), actor=people["scjg_clerk"])
    a.refresh_from_db()
    assert a.withdrawn_on == dt.date(2025, 9, 1)
    with refused(PermissionDenied, "只能办理本单位执法人员的回避申报", a):
        s.withdraw_avoidance(a, on=dt.date(2025, 9, 2), actor=people["town_clerk"])


def test_another_units_clerk_cannot_change_the_task(new_task, drawn_task, people):
    draft = new_task()
    for act in (
        lambda: s.commit(draft, actor=people["town_clerk"]),
        lambda: s.make_draw(draft, actor=people["town_clerk"]),
        lambda: s.redo(draft, reason="越权", actor=people["sfj_clerk"]),
    ):
        with refused(PermissionDenied, "只能办理本单位牵头的抽查任务", draft):
            act()
    task = drawn_task(title="已抽取的任务")
    with refused(PermissionDenied, "只能办理本单位牵头的抽查任务", task):
        s.reveal_seed(task, actor=people["town_clerk"])
    draft.refresh_from_db()
    assert draft.state == InspectionTask.State.DRAFT and not draft.seed_hash


def test_joint_task_and_its_validation(new_task, people, insp):
    task = new_task(departments=[insp["scjg"], insp["town"]],
                    items=[insp["item"], insp["town_item"]], per_department=1)  # fmt: skip
    assert task.joint
    assert set(task.departments.all()) == {insp["scjg"], insp["town"]}
    task = s.commit(task, actor=people["scjg_clerk"])
    task = s.make_draw(task, actor=people["scjg_clerk"])
    for d in DrawnEntity.objects.filter(task=task):
        # One inspector from each department: 进一次门、查多项事.
        assert d.inspectors[0].startswith("ZF2301") and d.inspectors[1].startswith("ZF2302")
    with refused(ValidationError, "抽查事项“JD-001 门前三包检查”不属于本任务的责任部门"):
        new_task(items=[insp["town_item"]])
    with refused(ValidationError, "D类的抽查比例应在0到1之间（如0.03表示3%）"):
        new_task(ratios={"D": "1.5"})
    with refused(ValidationError, "各类抽查比例不能都为0"):
        new_task(ratios={"A": 0, "B": 0, "C": 0, "D": 0})
    with refused(ValidationError, "每个检查对象至少应有两名执法检查人员"):
        new_task(per_department=1)
    with refused(ValidationError, "检查结束日期不能早于开始日期"):
        new_task(ends_on=dt.date(2025, 8, 1))
    # Classes not given take the configured defaults (A 1%, B 3%, C 5%, D 10%).
    assert new_task(ratios={"D": "0.2"}).ratios == {
        "A": "0.01", "B": "0.03", "C": "0.05", "D": "0.2"
    }  # fmt: skip


def test_a_draw_that_would_break_recusal_is_refused(new_task, people, insp):
    """城关街道 has two inspectors and must send two; one declared an interest in a D
    entity, so the draw cannot staff it: refused, naming the department, nothing drawn."""
    s.declare_avoidance(
        unit=insp["town"],
        certificate_number="ZF2302001",
        entity=insp["entity"](35),
        reason="系其近亲属经营",
        on=dt.date(2025, 8, 20),
        actor=people["town_clerk"],
    )
    task = new_task(departments=[insp["scjg"], insp["town"]],
                    items=[insp["item"], insp["town_item"]],
                    ratios={"A": 0, "B": 0, "C": 0, "D": 1})  # fmt: skip
    task = s.commit(task, actor=people["scjg_clerk"])
    message = (
        f"城关街道可派的执法检查人员不足（检查对象{insp['entity'](35).uscc}需要2名，回避后只有1名）"
    )
    with refused(ValidationError, message, task):
        s.make_draw(task, actor=people["scjg_clerk"])
    assert not DrawnEntity.objects.filter(task=task).exists()


def test_a_tampered_published_copy_is_refuted(drawn_task):
    task = drawn_task()
    lines = s.result_lines(task)
    assert s.verify_task(task, lines) == []
    assert s.verify_task(task, lines[:-1]) == [
        f"公布结果有{len(lines) - 1}行，按种子和快照重新抽取应为{len(lines)}行"
    ]
    risk, uscc, _ = lines[0].split("\t")
    # 吴暂扣 (ZF2301009) is suspended: never in the pool, so never in a true result.
    forged = [f"{risk}\t{uscc}\tZF2301001,ZF2301009", *lines[1:]]
    assert s.verify_task(task, forged) == [
        f"第1行不一致：公布为“{forged[0]}”，重新抽取为“{lines[0]}”"
    ]


def test_verify_command_on_an_unknown_task(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有编号为999的抽查任务"):
        call_command("inspections", "verify", "999")


def test_redo_before_the_draw_and_not_after_checking(new_task, drawn_task, people):
    task = s.commit(new_task(), actor=people["scjg_clerk"])
    new = s.redo(task, reason="承诺公布后发现检查期间填写错误", actor=people["scjg_clerk"])
    assert new.redo_of_id == task.pk and new.state == InspectionTask.State.DRAFT
    checked = drawn_task(title="已开始检查")
    d = DrawnEntity.objects.filter(task=checked).first()
    s.record_result(d, outcome="ok", checked_on=dt.date(2025, 9, 3), actor=people["scjg_clerk"])
    checked.refresh_from_db()
    with refused(ValidationError, "已经开始检查的抽查任务不能重新抽取", checked):
        s.redo(checked, reason="想换一批", actor=people["scjg_clerk"])
