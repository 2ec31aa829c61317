"""The full-process record: appended in the change's transaction, hash-chained, and any
row altered, deleted or inserted by SQL is caught and named."""

import itertools
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import events
from fazhi.core.models import Event


def _append(n, **kw):
    out = []
    for i in range(n):
        with transaction.atomic():
            out.append(
                events.append(
                    action="test",
                    record_type="test.rec",
                    record_id=str(i),
                    summary=f"第{i}条",
                    after={"i": i},
                    **kw,
                )
            )
    return out


@pytest.mark.django_db(transaction=True)
def test_outside_transaction_refused():
    with pytest.raises(RuntimeError):
        events.append(action="x", record_type="t", record_id="1")


def test_chain_links_and_verifies(db):
    evs = _append(5)
    assert [e.seq for e in evs] == [evs[0].seq + i for i in range(5)]
    for a, b in itertools.pairwise(evs):
        assert b.prev_hash == a.hash
    assert list(events.verify_chain()) == []
    call_command("check_records")


def _sql(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_altered_row_is_named(db):
    evs = _append(4)
    _sql("UPDATE core_event SET summary = %s WHERE seq = %s", ["改过的", evs[2].seq])
    problems = list(events.verify_chain())
    assert [(p.seq, p.kind) for p in problems] == [(evs[2].seq, "altered")]
    assert f"#{evs[2].seq}" in problems[0].message
    with pytest.raises(CommandError):
        call_command("check_records")


def test_altered_json_payload_is_caught(db):
    evs = _append(3)
    _sql("UPDATE core_event SET after = %s WHERE seq = %s", ['{"i": 99}', evs[1].seq])
    assert [p.kind for p in events.verify_chain()] == ["altered"]


def test_deleted_row_is_named(db):
    evs = _append(5)
    _sql("DELETE FROM core_event WHERE seq = %s", [evs[2].seq])
    problems = list(events.verify_chain())
    assert problems[0].kind == "missing"
    assert f"#{evs[2].seq}" in problems[0].message


def test_deleted_tail_is_caught(db):
    evs = _append(4)
    _sql("DELETE FROM core_event WHERE seq >= %s", [evs[2].seq])
    problems = list(events.verify_chain())
    assert [p.kind for p in problems] == ["tail"]
    assert f"#{evs[2].seq}" in problems[0].message


def test_replaced_row_with_recomputed_hash_is_caught(db):
    """Deleting an event and inserting a forged one with a self-consistent hash still
    breaks the link from its successor."""
    evs = _append(4)
    victim = evs[1]
    forged = Event.objects.get(pk=victim.pk)
    forged.summary = "伪造"
    forged.hash = events._digest_of(forged)
    _sql(
        "UPDATE core_event SET summary = %s, hash = %s WHERE seq = %s",
        [forged.summary, forged.hash, victim.seq],
    )
    problems = list(events.verify_chain())
    assert problems and problems[0].kind == "inserted"
    assert f"#{evs[2].seq}" in problems[0].message


def test_inserted_row_at_end_is_caught(db):
    evs = _append(2)
    last = evs[-1]
    _sql(
        "INSERT INTO core_event (seq, at, actor_name, unit_code, record_type, record_id, action,"
        " summary, attachments, prev_hash, hash) VALUES (%s, %s, '', '', 't', '1', 'x', '',"
        " '[]', %s, %s)",
        [last.seq + 1, last.at, last.hash, "f" * 64],
    )
    kinds = {p.kind for p in events.verify_chain()}
    assert "tail" in kinds and "altered" in kinds


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain():
    """Eight writers at once never chain onto the same predecessor."""
    errors = []

    def writer(k):
        try:
            for i in range(5):
                with transaction.atomic():
                    events.append(action="c", record_type="t", record_id=f"{k}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Event.objects.filter(record_type="t").count() == 40
    assert list(events.verify_chain()) == []


def test_record_page_shows_history(people, login, district):
    body = login(people["coordinator"]).get("/office/units/D23/").content.decode()
    assert "全过程记录" in body and "新建单位“测试区市场监督管理局”" in body
