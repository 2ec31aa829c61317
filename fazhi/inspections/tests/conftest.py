"""Inspection fixtures on top of the shared personas (conftest.py at the root).

``insp``: the enforcement side the draw reads (created through enforcement's services):
市场监管局 with four certified officers (ZF2301001–004), one expired and one suspended
(never drawn), 城关街道 with two certified officers; the 市场监管局's pool of 40 entities,
ten per credit-risk class, imported through ``import_entities`` (plus two cancelled
entities, never in a pool); a check item for each department and the 2025 plan.

Dates: officers are valid 2024-01-10 to 2028-01-09; tasks check in September–October
2025; each test fixes its own today.
"""

import datetime as dt
import io

import pytest

from fazhi.core.identifiers import make_uscc

VALID = dict(
    issuer="测试市人民政府", issued_on=dt.date(2024, 1, 10), valid_until=dt.date(2028, 1, 9)
)
HEADER = "统一社会信用代码,名称,主体类型,行业,所在区域,信用风险分类,登记状态\n"
INDUSTRIES = ("餐饮", "零售")


def uscc(i: int) -> str:
    return make_uscc("9", "1", "330203", f"MA{i:06d}")


def entity_rows(n: int = 40, start: int = 0) -> list[str]:
    """CSV lines: entity i is in class ABCD[i // 10 % 4], industry alternating."""
    return [
        f"{uscc(i)},测试商户{i:03d},有限责任公司,{INDUSTRIES[i % 2]},城关街道,"
        f"{'ABCD'[(i // 10) % 4]},存续\n"
        for i in range(start, start + n)
    ]


def csv_file(lines, encoding="utf-8", name="pool.csv") -> io.BytesIO:
    f = io.BytesIO((HEADER + "".join(lines)).encode(encoding))
    f.name = name
    return f


@pytest.fixture
def insp(district, people):
    from fazhi.enforcement import services as enf
    from fazhi.inspections import services as s
    from fazhi.inspections.models import CheckItem, Entity

    scjg = enf.create_agency(
        unit=district["scjg"],
        name="测试区市场监督管理局",
        kind="statutory",
        legal_basis="《中华人民共和国行政处罚法》第十八条；三定方案",
        actor=None,
    )
    town = enf.create_agency(
        unit=district["town"],
        name="城关街道办事处",
        kind="township",
        legal_basis="《中华人民共和国行政处罚法》第二十四条；区政府赋权决定",
        actor=None,
    )
    officers = [
        enf.register_officer(
            agency=scjg, name=name, certificate_number=f"ZF230100{k}", actor=None, **VALID
        )
        for k, name in enumerate(("李执法", "赵执法", "钱执法", "孙执法"), start=1)
    ]
    enf.register_officer(
        agency=scjg,
        name="周过期",
        certificate_number="ZF2001009",
        issuer="测试市人民政府",
        issued_on=dt.date(2020, 3, 1),
        valid_until=dt.date(2025, 2, 28),
        actor=None,
    )
    suspended = enf.register_officer(
        agency=scjg, name="吴暂扣", certificate_number="ZF2301009", actor=None, **VALID
    )
    enf.set_status(suspended, status="suspended", reason="违规执法，暂扣证件", actor=None)
    for k, name in ((1, "郑街道"), (2, "王街道")):
        enf.register_officer(
            agency=town, name=name, certificate_number=f"ZF230200{k}", actor=None, **VALID
        )
    lines = entity_rows(40) + [
        f"{uscc(90 + k)},已注销商户{k},个体工商户,餐饮,城关街道,D,注销\n" for k in range(2)
    ]
    s.import_entities(csv_file(lines), unit=district["scjg"], actor=None, on=dt.date(2025, 6, 1))
    item = s.create_item(
        unit=district["scjg"],
        code="SJ-001",
        name="食品经营者经营行为检查",
        basis="《中华人民共和国食品安全法》第一百一十条",
        object_type="食品经营者",
        ratio="0.05",
        frequency="每年一次",
        actor=None,
    )
    town_item = s.create_item(
        unit=district["town"],
        code="JD-001",
        name="门前三包检查",
        basis="《城市市容和环境卫生管理条例》",
        object_type="沿街商户",
        level=CheckItem.Level.KEY,
        actor=None,
    )
    plan = s.create_plan(
        unit=district["scjg"], year=2025, title="2025年度双随机抽查工作计划", actor=None
    )
    return {
        "agency": scjg,
        "officer_objects": officers,
        "scjg": district["scjg"],
        "town": district["town"],
        "officers": [o.certificate_number for o in officers],
        "item": item,
        "town_item": town_item,
        "plan": plan,
        "entity": lambda i: Entity.objects.get(uscc=uscc(i)),
    }


@pytest.fixture
def new_task(insp, people):
    """new_task(**kw) -> a draft 市场监管局 task checking 2025-09-01 to 2025-10-31."""
    from fazhi.inspections import services as s

    def _new(**kw):
        kw.setdefault("title", "2025年第三批食品经营者抽查")
        kw.setdefault("departments", [insp["scjg"]])
        kw.setdefault("items", [insp["item"]])
        kw.setdefault("ratios", {"A": "0.1", "B": "0.2", "C": "0.3", "D": "0.5"})
        kw.setdefault("starts_on", dt.date(2025, 9, 1))
        kw.setdefault("ends_on", dt.date(2025, 10, 31))
        kw.setdefault("actor", people["scjg_clerk"])
        return s.create_task(insp["plan"], **kw)

    return _new


@pytest.fixture
def drawn_task(new_task, people):
    """drawn_task(**kw) -> a task committed and drawn (seed not yet revealed)."""
    from fazhi.inspections import services as s

    def _drawn(**kw):
        task = new_task(**kw)
        s.commit(task, actor=people["scjg_clerk"])
        return s.make_draw(task, actor=people["scjg_clerk"])

    return _drawn


@pytest.fixture
def follow_up_case(insp, people):
    """follow_up_case(filed_on, number_hint) -> the 案号 of a penalty case 市场监管局 filed on
    that day (through enforcement's services), as a problem found by a check leads to."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.enforcement import services as enf

    power = enf.add_power(
        agency=insp["agency"],
        code="330217001",
        name="对无照经营行为的处罚",
        kind="penalty",
        legal_basis="《无证无照经营查处办法》第十三条",
        actor=None,
    )

    def _case(filed_on, title="测试商户无照经营案", agency=None, officers=None, actor=None):
        case = enf.open_case(
            agency=agency or insp["agency"],
            kind="penalty",
            title=title,
            filed_on=filed_on,
            parties=[{"kind": "organisation", "name": "测试商户", "uscc": uscc(1)}],
            officers=officers or insp["officer_objects"][:2],
            documents={"立案审批表": SimpleUploadedFile("立案审批表.txt", b"scan", "text/plain")},
            power=power
            if agency is None
            else enf.add_power(
                agency=agency,
                code="330217901",
                name="对占道经营行为的处罚",
                kind="penalty",
                legal_basis="《城市市容和环境卫生管理条例》第三十六条",
                actor=None,
            ),
            actor=actor or people["scjg_clerk"],
        )
        return case.number

    return _case
