"""Enforcement fixtures on top of the shared personas (conftest.py at the root): the
市场监管局's agency with a power list, review criteria and a discretion standard, the
township's agency holding a delegated power, and officers — three certified in 市场监管局,
one whose certificate has expired, one suspended, two in the township.

Dates: the fixtures are valid across 2025–2026; each test fixes its own today.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def doc(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        f"{name}.txt", f"{name}（扫描件）".encode(), content_type="text/plain"
    )


def docs(*names: str) -> dict:
    """{文书名称: file} as a stage needs them."""
    return {n: doc(n) for n in names}


PERSON = {"kind": "person", "name": "王小明", "id_number": "110105199003071239"}
SHOP = {"kind": "organisation", "name": "测试区好邻居便利店", "uscc": "91110105MA01234565"}


@pytest.fixture
def enf(district, people):
    """The enforcement world the tests act in (created by the services, with events)."""
    from fazhi.enforcement import services as s
    from fazhi.enforcement.models import Agency

    scjg = s.create_agency(
        unit=district["scjg"],
        name="测试区市场监督管理局",
        kind=Agency.Kind.STATUTORY,
        legal_basis="《中华人民共和国行政处罚法》第十八条；三定方案",
        remedies="对行政处罚决定不服的，可以在收到决定书之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。",
        actor=None,
    )
    town = s.create_agency(
        unit=district["town"],
        name="城关街道办事处",
        kind=Agency.Kind.TOWNSHIP,
        legal_basis="《中华人民共和国行政处罚法》第二十四条；区政府赋权决定",
        actor=None,
    )
    power = s.add_power(
        agency=scjg,
        code="330217001",
        name="对无照经营行为的处罚",
        kind="penalty",
        legal_basis="《无证无照经营查处办法》第十三条",
        actor=None,
    )
    listed = s.add_power(
        agency=scjg,
        code="330217002",
        name="对销售不合格食品的处罚",
        kind="penalty",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条",
        review_listed=True,
        actor=None,
    )
    license_power = s.add_power(
        agency=scjg,
        code="XK001",
        name="食品经营许可",
        kind="license",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        actor=None,
    )
    s.set_criteria(
        scjg,
        [("fine_over", 50000, ""), ("revocation", None, ""), ("after_hearing", None, "")],
        actor=None,
    )
    standard = s.add_standard(
        agency=scjg,
        code="SC-01",
        violation="无照经营",
        legal_basis="《无证无照经营查处办法》第十三条",
        power=power,
        bands=[
            ("minor", "首次、及时改正", 0, 0),
            ("general", "一般情节", 1000, 5000),
            ("serious", "情节严重", 5000, 10000),
        ],
        actor=None,
    )
    valid = dict(
        issuer="测试市人民政府", issued_on=dt.date(2024, 1, 10), valid_until=dt.date(2028, 1, 9)
    )
    o1 = s.register_officer(
        agency=scjg, name="李执法", certificate_number="ZF2301001", actor=None, **valid
    )
    o2 = s.register_officer(
        agency=scjg, name="赵执法", certificate_number="ZF2301002", actor=None, **valid
    )
    o3 = s.register_officer(
        agency=scjg,
        name="钱审核",
        certificate_number="ZF2301003",
        legal_qualification=True,
        actor=None,
        **valid,
    )
    expired = s.register_officer(
        agency=scjg,
        name="孙过期",
        certificate_number="ZF2001009",
        issuer="测试市人民政府",
        issued_on=dt.date(2020, 3, 1),
        valid_until=dt.date(2025, 2, 28),
        actor=None,
    )
    suspended = s.register_officer(
        agency=scjg, name="周暂扣", certificate_number="ZF2301005", actor=None, **valid
    )
    s.set_status(suspended, status="suspended", reason="违规执法，暂扣证件", actor=None)
    suspended.refresh_from_db()
    t1 = s.register_officer(
        agency=town, name="吴街道", certificate_number="ZF2302001", actor=None, **valid
    )
    t2 = s.register_officer(
        agency=town, name="郑街道", certificate_number="ZF2302002", actor=None, **valid
    )
    return {
        "scjg": scjg,
        "town": town,
        "power": power,
        "listed": listed,
        "license": license_power,
        "standard": standard,
        "officers": [o1, o2],
        "o1": o1,
        "o2": o2,
        "o3": o3,
        "expired": expired,
        "suspended": suspended,
        "t1": t1,
        "t2": t2,
    }


@pytest.fixture
def open_penalty(enf, people):
    """open_penalty(on, party=SHOP, **kw) -> a penalty case filed by 市场监管局 on ``on``."""
    from fazhi.enforcement import services as s

    def _open(on, party=None, **kw):
        kw.setdefault("power", enf["power"])
        return s.open_case(
            agency=enf["scjg"],
            kind="penalty",
            title=kw.pop("title", "测试区好邻居便利店无照经营案"),
            filed_on=on,
            parties=[party or SHOP],
            officers=kw.pop("officers", enf["officers"]),
            documents=kw.pop("documents", docs("立案审批表")),
            actor=kw.pop("actor", people["scjg_clerk"]),
            **kw,
        )

    return _open
