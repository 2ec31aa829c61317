"""The record check against someone with write access to the database: a record row
changed, deleted or created without its event; the last events deleted with the chain
head rolled back; history rewritten and re-hashed from a point onwards (issue 18 point 3)."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import anchors, events, services
from fazhi.core.models import ChainAnchor, ChainHead, Event, OrgUnit


def _sql(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def _kinds(problems):
    return [p.kind for p in problems]


def _append(n, record_type="test.rec"):
    for i in range(n):
        with transaction.atomic():
            events.append(action="test", record_type=record_type, record_id=str(i), after={"i": i})


def _rehash_from(seq):
    """What a careful forger does after editing history: recompute every hash from ``seq``
    on and move the chain head, so the chain is self-consistent again."""
    prev = Event.objects.filter(seq__lt=seq).order_by("-seq").values_list("hash", flat=True)
    prev = prev.first() or events.GENESIS
    for ev in Event.objects.filter(seq__gte=seq).order_by("seq"):
        ev.prev_hash = prev
        ev.hash = events._digest_of(ev)
        _sql(
            "UPDATE core_event SET prev_hash = %s, hash = %s WHERE seq = %s",
            [ev.prev_hash, ev.hash, ev.seq],
        )
        prev = ev.hash
    last = Event.objects.order_by("-seq").first()
    ChainHead.objects.filter(pk=1).update(seq=last.seq, hash=last.hash)


def test_untouched_records_pass(district, people):
    report = events.StateReport()
    assert list(events.verify_states(report)) == []
    assert report.records == len(district) + len(people)
    call_command("check_records")


def test_event_carries_state_of_row_as_stored(district):
    unit = district["town"]
    ev = Event.objects.filter(record_type="core.orgunit", record_id=str(unit.pk)).last()
    assert ev.state_hash == events.state_hash_of("core.orgunit", str(unit.pk))
    assert len(ev.state_hash) == 64
    # The state hash is part of the event's digest: blanking it breaks the chain.
    _sql("UPDATE core_event SET state_hash = '' WHERE seq = %s", [ev.seq])
    assert "altered" in _kinds(events.verify_chain())


def test_row_changed_without_event(district, people):
    unit = district["scjg"]
    _sql("UPDATE core_orgunit SET name = %s WHERE id = %s", ["改名的局", unit.pk])
    problems = list(events.verify_states())
    assert _kinds(problems) == ["changed"]
    assert f"core.orgunit:{unit.pk}" in problems[0].message
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("check_records")


def test_role_granted_by_sql_is_caught(district, people):
    clerk = people["sfj_clerk"]
    _sql(
        "INSERT INTO core_user_roles (user_id, role_id) VALUES (%s, %s)", [clerk.pk, "coordinator"]
    )
    problems = list(events.verify_states())
    assert _kinds(problems) == ["changed"]
    assert f"core.user:{clerk.pk}" in problems[0].message


def test_row_deleted_without_event(district):
    community = district["community"]
    _sql("DELETE FROM core_orgunit WHERE id = %s", [community.pk])
    problems = list(events.verify_states())
    assert _kinds(problems) == ["deleted"]
    assert f"core.orgunit:{community.pk}" in problems[0].message


def test_row_deleted_with_its_event_passes(district):
    community = district["community"]
    with transaction.atomic():
        record_type, record_id = events.record_ref(community)
        community.delete()
        ev = events.append(action="delete", record_type=record_type, record_id=record_id)
    assert ev.state_hash == events.DELETED
    assert list(events.verify_states()) == []


def test_row_created_without_event(district):
    _sql(
        "INSERT INTO core_orgunit (code, name, short_name, aliases, kind, path,"
        " is_enforcement_agency, uscc, sort_order, active, version) VALUES"
        " ('D99', '凭空出现的局', '', '', 'department', '/', %s, '', 0, %s, 1)",
        [False, True],
    )
    problems = list(events.verify_states())
    assert _kinds(problems) == ["unrecorded"]
    assert "绕过业务流程新建" in problems[0].message


def test_an_event_on_one_child_row_does_not_accuse_its_siblings(district):
    """Calendar years loaded from the package (like deadlines or expert reviews) have no
    events of their own; an event naming one of them must not make every other one look
    created behind the services' back. Only declared types are checked for that."""
    from fazhi.core.models import CalendarYear

    years = list(CalendarYear.objects.order_by("year")[:3])
    assert len(years) == 3
    with transaction.atomic():
        events.append(action="calendar_edit", record=years[0], summary="修改")
    assert "core.calendaryear" not in events.CREATED_WITH_EVENT
    assert list(events.verify_states()) == []


def test_moving_a_unit_records_its_subtree(district, people):
    """A unit's path decides its staff's scope; moving a parent re-paths the children
    through events, so the check stays clean."""
    town = district["town"]
    services.save_unit(
        OrgUnit(code="T02", name="新城街道", kind="township", parent=district["gov"]), None
    )
    town.parent = district["gov"]
    town.sort_order = 5
    services.save_unit(town, people["coordinator"])
    assert list(events.verify_states()) == []


def test_events_without_state_hash_are_unknown_not_failures(district):
    """An installation upgraded from before state hashes: its events carry none."""
    _sql("UPDATE core_event SET state_hash = ''")
    _rehash_from(1)
    assert list(events.verify_chain()) == []
    _sql("UPDATE core_orgunit SET name = %s WHERE id = %s", ["改名的局", district["scjg"].pk])
    report = events.StateReport()
    assert list(events.verify_states(report)) == []
    assert report.unknown == len(district)


# --- anchors kept outside the database -------------------------------------------------


def _anchor_file(tmp_path, items):
    path = tmp_path / "anchors.json"
    path.write_text(json.dumps([a.as_json() for a in items]), encoding="utf-8")
    return path


def _kept(day):
    """Anchor a day and keep a copy outside the database, as the operator does."""
    a = anchors.anchor_today(day)
    return anchors.Anchor(a.date, a.seq, a.hash)


def test_tail_deleted_and_head_rolled_back(db, tmp_path):
    _append(3)
    _kept(dt.date(2025, 3, 1))
    _append(4)
    kept = _kept(dt.date(2025, 3, 2))
    path = _anchor_file(tmp_path, [kept])
    call_command("check_records", anchor=[str(path)])
    # The forger deletes the last events, rolls the head back and removes the day's anchor.
    keep = kept.seq - 2
    _sql("DELETE FROM core_event WHERE seq > %s", [keep])
    last = Event.objects.get(seq=keep)
    ChainHead.objects.filter(pk=1).update(seq=last.seq, hash=last.hash)
    ChainAnchor.objects.filter(date=dt.date(2025, 3, 2)).delete()
    assert list(events.verify_chain()) == []
    call_command("check_records")  # the database alone cannot tell
    problems = list(anchors.verify_anchors(anchors.load_anchors(path)))
    assert _kinds(problems) == ["anchor"]
    assert f"#{keep + 1}至#{kept.seq}" in problems[0].message
    with pytest.raises(CommandError):
        call_command("check_records", anchor=[str(path)])


def test_history_rewritten_and_rehashed(db, tmp_path):
    _append(5)
    kept = _kept(dt.date(2025, 3, 1))
    _append(2)
    path = _anchor_file(tmp_path, [kept])
    victim = kept.seq - 3
    _sql("UPDATE core_event SET summary = %s WHERE seq = %s", ["改写的历史", victim])
    _rehash_from(victim)
    # The forger also rewrites the anchor table; only the kept copy still knows.
    last = Event.objects.get(seq=kept.seq)
    ChainAnchor.objects.update(hash=last.hash)
    assert list(events.verify_chain()) == []
    call_command("check_records")
    problems = list(anchors.verify_anchors(anchors.load_anchors(path)))
    assert "anchor" in _kinds(problems)
    assert any(f"事件#{kept.seq}重新计算的哈希" in p.message for p in problems)
    assert any("锚点表被改写" in p.message for p in problems)


def test_stored_anchor_catches_a_careless_rewrite(db):
    _append(3)
    a = anchors.anchor_today(dt.date(2025, 3, 1))
    _sql("UPDATE core_event SET summary = %s WHERE seq = %s", ["改写", a.seq])
    _rehash_from(a.seq)
    assert _kinds(anchors.verify_anchors(anchors.stored_anchors())) == ["anchor"]


def test_anchor_today_is_idempotent_and_refuses_a_broken_chain(db):
    _append(2)
    first = anchors.anchor_today(dt.date(2025, 3, 1))
    _append(1)
    again = anchors.anchor_today(dt.date(2025, 3, 1))
    assert (again.pk, again.seq) == (first.pk, first.seq)
    _sql("UPDATE core_event SET summary = 'x' WHERE seq = %s", [first.seq])
    with pytest.raises(anchors.ChainBroken, match="未登记2025-03-02的链头"):
        anchors.anchor_today(dt.date(2025, 3, 2))
    assert not ChainAnchor.objects.filter(date=dt.date(2025, 3, 2)).exists()


def test_bad_anchor_file_gets_a_chinese_message(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"date": "2025-03-01", "seq": 1}]', encoding="utf-8")
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("check_records", anchor=[str(bad)])
    with pytest.raises(CommandError, match="找不到锚点文件"):
        call_command("check_records", anchor=[str(tmp_path / "none.json")])


def test_anchors_published_on_the_portal(db, client):
    _append(2)
    a = anchors.anchor_today(dt.date(2025, 3, 1))
    body = client.get("/anchors/").content.decode()
    assert a.hash in body and "2025-03-01" in body and f"{a.seq}" in body


def test_head_line_for_the_report_appendix(db):
    _append(2)
    a = anchors.anchor_today(dt.date(2025, 3, 1))
    line = anchors.head_line(dt.date(2025, 12, 31))
    assert a.hash in line and "2025年03月01日" in line and f"共{a.seq}条事件" in line
