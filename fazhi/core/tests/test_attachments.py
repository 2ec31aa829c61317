"""Evidence uploads: type sniffed from content; a disguised executable is refused with a
Chinese message and the rest of the form kept; stored with SHA-256; downloads scoped."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services
from fazhi.core.models import Attachment, Event
from fazhi.core.sniff import UploadRejected

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def deadline(district, clocks):
    return services.start_deadline(
        record_type="t",
        record_id="1",
        clock="test.reply",
        start=dt.date(2025, 9, 26),
        unit=district["sfj"],
        title="申请",
    )


def test_disguised_executable_refused_by_service(deadline, people):
    with pytest.raises(UploadRejected, match="可执行"):
        services.attach(
            deadline,
            SimpleUploadedFile("批复.pdf", EXE),
            actor=people["sfj_clerk"],
            unit=deadline.unit,
        )
    assert not Attachment.objects.exists()


def test_disguised_executable_refused_by_page_keeping_form(deadline, people, login):
    resp = login(people["sfj_clerk"]).post(
        f"/office/deadlines/{deadline.pk}/attach/",
        {"file": SimpleUploadedFile("批复.pdf", EXE), "description": "延期批复扫描件"},
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "可执行" in body and "延期批复扫描件" in body
    assert not Attachment.objects.exists()


def test_pdf_stored_with_hash_and_event(deadline, people, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        f"/office/deadlines/{deadline.pk}/attach/",
        {"file": SimpleUploadedFile("批复.pdf", PDF), "description": "批复"},
    )
    assert resp.status_code == 302
    att = Attachment.objects.get()
    assert att.sha256 == hashlib.sha256(PDF).hexdigest() and att.kind == "pdf"
    assert att.size == len(PDF)
    ev = Event.objects.get(action="attach")
    assert ev.attachments == [att.sha256]
    dl = client.get(f"/office/attachments/{att.pk}/")
    assert dl.status_code == 200 and b"".join(dl.streaming_content) == PDF
    # Another unit's clerk cannot download it.
    other = login(people["scjg_clerk"]).get(f"/office/attachments/{att.pk}/")
    assert other.status_code == 404


def test_size_limit(deadline, people, settings):
    with pytest.raises(UploadRejected, match="超过上限"):
        services.attach(
            deadline,
            SimpleUploadedFile("a.pdf", PDF + b"0" * 2000),
            actor=people["sfj_clerk"],
            unit=deadline.unit,
            max_bytes=1000,
        )


def test_extension_with_evidence(deadline, people):
    services.extend_deadline(
        deadline,
        days=5,
        reason="需要调取档案",
        approved_by="李主任",
        approved_on=dt.date(2025, 10, 20),
        actor=people["sfj_clerk"],
        evidence=SimpleUploadedFile("审批单.pdf", PDF),
    )
    ev = Event.objects.get(action="deadline_extend")
    assert ev.attachments == [hashlib.sha256(PDF).hexdigest()]


@pytest.mark.today(2025, 10, 10)
def test_a_clocks_evidence_joins_its_records_trail_so_later_changes_stay_verifiable(
    deadline, people, login
):
    """Evidence of a clock is recorded under the record the clock runs for; completing the
    clock afterwards (an event of that record) leaves nothing for the check to flag."""
    from fazhi.core import events

    client = login(people["sfj_clerk"])
    resp = client.post(
        f"/office/deadlines/{deadline.pk}/attach/",
        {"file": SimpleUploadedFile("批复.pdf", PDF), "description": "批复"},
    )
    assert resp.status_code == 302
    ev = Event.objects.get(action="attach")
    assert (ev.record_type, ev.record_id) == ("t", "1") and "申请" in ev.summary
    assert Attachment.objects.get().record_type == "core.deadline"
    services.complete_deadline(deadline, on=dt.date(2025, 9, 30), actor=people["sfj_clerk"])
    assert [p.message for p in events.verify_states()] == []
    page = client.get(f"/office/deadlines/{deadline.pk}/").content.decode()
    assert "批复.pdf" in page
