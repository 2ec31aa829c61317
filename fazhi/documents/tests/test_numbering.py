"""统一编号: 〈issuer short name〉规〔YEAR〕N号, N sequential per issuer per year, never skipped
or repeated, even when clerks number at the same moment."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from fazhi.core.models import OrgUnit
from fazhi.documents import rules, services
from fazhi.documents.models import NormativeDocument, NumberSequence

from .conftest import today

pytestmark = pytest.mark.today(2025, 11, 10)

S = NormativeDocument.Status


def test_format_and_parse():
    unit = OrgUnit(name="示范区司法局", short_name="区司法局")
    assert rules.format_number(unit, 2025, 7) == "区司法局规〔2025〕7号"
    assert rules.parse_number("区司法局规〔2025〕7号") == ("区司法局", 2025, 7)
    assert rules.parse_number("示政办发〔2019〕12号") is None


def test_numbers_run_per_issuer_and_year(people, district, make):
    coord = people["coordinator"]
    a = services.register_and_number(make.discussed(people, district), actor=coord)
    b = services.register_and_number(make.discussed(people, district), actor=coord)
    c = make.discussed(people, district, unit="sfj", issuer="sfj")
    c = services.register_and_number(c, actor=people["sfj_clerk"])
    y = today().year
    assert [a.doc_number, b.doc_number] == [
        f"测试区人民政府规〔{y}〕1号",
        f"测试区人民政府规〔{y}〕2号",
    ]
    assert c.doc_number == f"区司法局规〔{y}〕1号"
    with pytest.raises(Exception, match="已编号"):
        services.register_and_number(a, actor=coord)
    assert NumberSequence.objects.get(issuer=district["gov"], year=y).last == 2


def test_unique_constraint_backs_up_the_sequence(people, district, make):
    a = services.register_and_number(make.discussed(people, district), actor=people["coordinator"])
    b = make.discussed(people, district)
    b.number_year, b.number_seq, b.doc_number = a.number_year, a.number_seq, a.doc_number
    with pytest.raises(IntegrityError), transaction.atomic():
        b.save()


def _discussed_batch(n, people, district):
    """n documents ready for numbering. The gates before numbering are covered in
    test_lifecycle; here they are set directly so the test is about numbering only."""
    docs = [
        services.create_draft(
            title=f"并发编号测试文件{i}",
            unit=district["scjg"],
            issuer=district["gov"],
            body="正文",
            actor=people["scjg_clerk"],
        )
        for i in range(n)
    ]
    NormativeDocument.objects.filter(pk__in=[d.pk for d in docs]).update(
        status=S.DISCUSSED, discussion_outcome="approved", discussion_date=today()
    )
    return [d.pk for d in docs]


def _number_in_parallel(pks, actor):
    errors, barrier = [], threading.Barrier(len(pks))

    def worker(pk):
        try:
            doc = NormativeDocument.objects.get(pk=pk)
            barrier.wait(timeout=30)
            services.register_and_number(doc, actor=actor, on=today())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(pk,)) for pk in pks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _check_consecutive(pks, district):
    seqs = sorted(NormativeDocument.objects.filter(pk__in=pks).values_list("number_seq", flat=True))
    assert seqs == list(range(1, len(pks) + 1))
    numbers = set(NormativeDocument.objects.filter(pk__in=pks).values_list("doc_number", flat=True))
    assert len(numbers) == len(pks)
    y = today().year
    assert NumberSequence.objects.get(issuer=district["gov"], year=y).last == len(pks)


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_small(people, district):
    """Eight clerks at once (works on SQLite, where writers queue on the database lock)."""
    pks = _discussed_batch(8, people, district)
    assert _number_in_parallel(pks, people["coordinator"]) == []
    _check_consecutive(pks, district)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_50_on_postgresql(people, district):
    """50 parallel registrations, each in its own connection and transaction, released
    together: 50 distinct consecutive numbers."""
    pks = _discussed_batch(50, people, district)
    assert _number_in_parallel(pks, people["coordinator"]) == []
    _check_consecutive(pks, district)
