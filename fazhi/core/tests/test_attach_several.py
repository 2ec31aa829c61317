"""Evidence is often a set of files: the attach page takes several at once, each checked and
recorded with its own event as a single one is; one refused file leaves none attached."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services
from fazhi.core.models import Attachment, Event

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
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


def test_the_page_offers_several_files(deadline, people, login):
    html = login(people["sfj_clerk"]).get(f"/office/deadlines/{deadline.pk}/attach/")
    assert 'type="file" name="file"' in html.content.decode()
    assert "multiple" in html.content.decode().split('type="file"')[1].split(">")[0]


def test_several_files_each_attached_with_its_event(deadline, people, login):
    resp = login(people["sfj_clerk"]).post(
        f"/office/deadlines/{deadline.pk}/attach/",
        {
            "file": [SimpleUploadedFile("批复.pdf", PDF), SimpleUploadedFile("现场照片.png", PNG)],
            "description": "延期材料",
        },
    )
    assert resp.status_code == 302
    names = sorted(Attachment.objects.values_list("original_name", flat=True))
    assert names == ["批复.pdf", "现场照片.png"]
    summaries = sorted(Event.objects.filter(action="attach").values_list("summary", flat=True))
    assert len(summaries) == 2
    assert (
        "批复.pdf" in summaries[0] + summaries[1] and "现场照片.png" in summaries[0] + summaries[1]
    )


def test_one_refused_file_attaches_none_and_is_named(deadline, people, login):
    resp = login(people["sfj_clerk"]).post(
        f"/office/deadlines/{deadline.pk}/attach/",
        {
            "file": [SimpleUploadedFile("批复.pdf", PDF), SimpleUploadedFile("说明.pdf", EXE)],
            "description": "延期材料",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "说明.pdf" in body and "可执行" in body and "均未上传" in body
    assert "延期材料" in body  # the form keeps what was typed
    assert not Attachment.objects.exists()
    assert not Event.objects.filter(action="attach").exists()
