"""An opinion is given on something: a legality review cannot conclude without the reviewed
material attached or the record under review linked (重大行政决策程序暂行条例 第26条: the
request comes with the draft and its materials), and the opinion letter — page and DOCX —
names what was reviewed, as it stood when the opinion was given.

"Today" is frozen at 2025-04-01; a matter sent on 2025-03-03 may be concluded from 03-10."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core.tests.refusal import freeze, nothing_moved, refused
from fazhi.legal import interface, services
from fazhi.legal.models import LegalReview

from .conftest import upload

D = dt.date
NOTHING = (
    "本事项既未附送审材料，也未关联送审记录，不能出具审查意见：合法性审查须对送审稿及"
    "相关材料进行审查，请先上传送审稿等材料"
)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    freeze(monkeypatch, D(2025, 4, 1))


@pytest.fixture
def bare(people, district):
    """A matter registered in the legal module with no material at all."""
    return services.request_review(
        kind="normative_document",
        unit=district["scjg"],
        title="《测试区市场主体信用分级分类监管办法》",
        actor=people["scjg_clerk"],
        on=D(2025, 3, 3),
    )


def _conclude(review, people, **kw):
    kw.setdefault("on", D(2025, 3, 12))
    return services.conclude(review, opinion="lawful", reasons="", actor=people["legal"], **kw)


def _letter(client, review) -> str:
    resp = client.get(f"/office/legal/reviews/{review.pk}/opinion.docx")
    assert resp.status_code == 200
    return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)


def test_no_opinion_on_nothing(bare, people, login):
    assert services.reviewed_materials(bare) == []
    with refused(ValidationError, NOTHING, bare):
        _conclude(bare, people)
    services.add_material(
        bare, upload("信用监管办法（送审稿）.docx.txt"), actor=people["scjg_clerk"]
    )
    review = _conclude(bare, people)
    assert review.state == LegalReview.State.CONCLUDED
    assert review.reviewed_materials == ["信用监管办法（送审稿）.docx.txt"]
    # A material added after the opinion is not what the opinion was given on.
    services.add_material(review, upload("采纳情况说明.txt"), actor=people["scjg_clerk"])
    review.refresh_from_db()
    assert review.reviewed_materials == ["信用监管办法（送审稿）.docx.txt"]
    client = login(people["scjg_clerk"])
    body = _letter(client, review)
    assert "审查的材料：信用监管办法（送审稿）.docx.txt。" in body
    assert "采纳情况说明" not in body
    page = client.get(f"/office/legal/reviews/{review.pk}/").content.decode()
    assert "审查的材料：信用监管办法（送审稿）.docx.txt" in page


def test_a_linked_record_is_what_was_reviewed(people, district, login):
    review = interface.request_review(
        subject=district["town"],
        kind="normative_document",
        unit=district["town"],
        title="《城关街道网格化服务管理办法》",
        url="/office/documents/1/",
        actor=people["town_clerk"],
    )
    review = _conclude(review, people, on=D(2025, 4, 1), early_reason="区政府常务会议即将审议")
    assert review.reviewed_materials == ["《城关街道网格化服务管理办法》（送审记录）"]
    body = _letter(login(people["town_clerk"]), review)
    assert "审查的材料：《城关街道网格化服务管理办法》（送审记录）。" in body


def test_page_refuses_and_says_why(bare, people, login):
    client = login(people["legal"])
    url = f"/office/legal/reviews/{bare.pk}/"
    page = client.get(url).content.decode()
    assert "本事项尚无送审材料，也未关联送审记录" in page
    with nothing_moved(bare):
        resp = client.post(
            url,
            {
                "action": "conclude",
                "conclude-opinion": "lawful",
                "conclude-on": "2025-03-12",
                "conclude-written": "on",
            },
        )
    assert resp.status_code == 400 and NOTHING in resp.content.decode()
    assert LegalReview.objects.get(pk=bare.pk).state == LegalReview.State.SUBMITTED
