"""政府信息公开 in the demo district: every agency's 公开目录 by the 第二十条 categories, a
year of 主动公开 (2025, about 1,500 releases, a few published late with the reason, a
handful withdrawn, policy documents with their 政策解读) and of 依申请公开 (about 60
requests with every kind of reply: provided, already public, partial, refused on several
grounds, not held, not this agency's, repeat, 补正 with and without a supplement, third-party
and agency consultations, an extension, a paid fee, a few late replies, three received in
late December and answered in January), then the current year up to the demo's today
with requests still open and two overdue.

Everything goes through the services (services/releases.py, services/requests/), each
step dated on its own day; the passing of time (no supplement, a silent third party) is
the daily sweep run on the day it would have run. Deterministic: one seeded generator of
its own draws, titles and names come from demo_data.py, identifiers are generated to
validate.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError

from fazhi.core.calendar import calendar
from fazhi.core.demo import SURNAMES, unit_clerk
from fazhi.core.identifiers import make_id_number, make_uscc
from fazhi.core.models import OrgUnit
from fazhi.core.registry import register_demo
from fazhi.core.workdays import CalendarMissing

from . import demo_data as data
from .rules import CATEGORIES
from .services import releases, requests

CATEGORY_NAMES = dict(CATEGORIES)
NUMBER = "#N#"
RNG_SEED = 20250116
ID_AREA = "610199"
USCC_AREA = "990105"

# The demo year's requests in order of receipt (the figures and the annual template of
# 2025 follow from them). "open": received in late December, answered in January.
OUTCOMES_2025 = [
    "provide", "already_public", "provide", "not_exist", "partial:third_party", "provide",
    "correct+provide", "consult_object", "refuse:case_file", "already_public", "provide",
    "petition", "provide", "refuse:process", "repeat", "not_exist", "partial:process",
    "provide", "already_public", "not_this_agency", "consult_silent", "late",
    "already_public", "provide", "fee", "correct_none", "provide", "refuse:internal",
    "already_public", "special_law", "provide", "extend", "not_exist", "partial:third_party",
    "publication", "provide", "late", "refuse:third_party", "correct+unclear",
    "already_public", "consult_agency", "provide", "withdraw", "not_exist", "refuse:inquiry",
    "provide", "create", "already_public", "correct+provide", "late", "partial:case_file",
    "provide", "not_this_agency", "confirm", "repeat", "refuse:safety", "correct_none",
    "provide", "open", "open", "open",
]  # fmt: skip
# The current year's concluded requests (as many as the year so far allows), then the ones
# still being handled and two past their reply day.
OUTCOMES_CURRENT = [
    "provide", "already_public", "not_exist", "provide", "partial:third_party",
    "correct+provide", "already_public", "refuse:process", "provide", "not_this_agency",
    "provide", "consult_object", "already_public", "repeat", "provide", "late", "not_exist",
    "provide", "petition", "already_public", "refuse:internal", "provide", "correct_none",
    "extend", "already_public", "provide", "partial:process", "not_exist", "provide",
    "already_public", "withdraw", "provide", "refuse:case_file", "already_public", "provide",
    "consult_silent", "provide", "already_public",
]  # fmt: skip
# The current year's releases: its last weeks only (each release costs two services' worth
# of clock and record keeping; the demo year carries the volume).
CURRENT_DAYS = 60
RUNNING = ["running", "running_correction", "running", "running_correction", "running"]
OVERDUE = ["overdue", "overdue"]

ROTATION = ["D23", "D11", "D13", "G00", "D07", "D12", "D26", "D09", "D02", "D10", "D19",
            "D03", "T05", "D01", "D14", "D21", "T01", "D11", "D13", "D23"]  # fmt: skip
SPECIAL_UNIT = {
    "petition": ("D13", data.PETITIONS), "publication": ("D01", data.PUBLICATIONS),
    "confirm": ("D23", data.CONFIRM), "special_law": ("D23", data.SPECIAL),
    "create": ("D26", data.CREATE), "correct+unclear": ("D11", data.UNCLEAR),
    "correct_none": ("D13", data.UNCLEAR),
}  # fmt: skip
OTHER_AGENCY = {
    "D14": "示范市交通运输局（联系电话：0999-12345601）",
    "D01": "示范区信访局（联系电话：0999-12345627）",
}
REPLY_TEXT = {
    "provide": "经审查，您申请公开的政府信息属于公开范围，现以电子邮件方式向您提供。",
    "already_public": "您申请公开的政府信息已主动公开，可在示范区人民政府门户网站本机关政府信息公开专栏查阅。",
    "partial": "经审查，您申请公开的信息中部分内容不应公开，本机关对可以公开的部分予以提供，"
    "不予公开部分的理由见本答复书。",
    "refuse": "经审查，您申请公开的政府信息依法不予公开，理由见本答复书。",
    "not_exist": "经检索，本机关未制作、未获取您申请公开的政府信息，该政府信息不存在。",
    "not_this_agency": "您申请公开的政府信息不属于本机关负责公开，请向负责公开的机关申请。",
    "unable": "经审查，本机关无法提供您申请公开的政府信息，理由见本答复书。",
    "reject": "经审查，您的申请不属于本机关应当按照政府信息公开程序处理的情形，本机关不予处理。",
    "special_law": "您申请的信息属于企业登记资料，请依照《市场主体登记管理条例》等规定向登记机关申请查询。",
}  # fmt: skip
NEXT_PATH = {  # what the path ends with, as (reply type, ground)
    "provide": ("provide", ""), "already_public": ("already_public", ""),
    "not_exist": ("not_exist", ""), "not_this_agency": ("not_this_agency", ""),
    "petition": ("reject", "petition"), "publication": ("reject", "publication"),
    "confirm": ("reject", "confirm"), "repeat": ("reject", "repeat"),
    "special_law": ("special_law", ""), "create": ("unable", "create"),
    "correct+provide": ("provide", ""), "correct+unclear": ("unable", "unclear"),
    "consult_object": ("partial", "third_party"), "consult_silent": ("provide", ""),
    "consult_agency": ("provide", ""), "late": ("provide", ""), "extend": ("provide", ""),
    "fee": ("provide", ""), "open": ("already_public", ""),
}  # fmt: skip


class _World:
    def __init__(self, ctx):
        self.ctx = ctx
        # Its own generator: the figures the reporting round types in (indicators/demo.py)
        # and the plan's progress text state must not move when another step draws more.
        self.rng = random.Random(RNG_SEED)
        self.cal = calendar()
        self.today = ctx.today
        self.catalogue: dict[str, list] = {}  # unit code → [(item, patterns)]
        self.people = 0
        self.firms = 0
        self.doc_n: dict[tuple, int] = {}
        self.made: list = []  # (outcome, request) in order, for repeats

    def wd(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (``day`` itself for 0); a day in a year whose
        calendar is not loaded yet is "never" (every step checks it is not after today)."""
        try:
            return self.cal.add_working_days(day, n).due if n else day
        except CalendarMissing:
            return dt.date.max

    def workday(self, day: dt.date) -> dt.date:
        return day if self.cal.is_workday(day) else self.cal.next_workday(day)

    def clerk(self, code: str):
        return unit_clerk(self.ctx, code)


def _units(ctx) -> list[tuple[str, OrgUnit, list]]:
    out = [("G00", ctx.units["G00"], data.DEPARTMENT[:2] + data.EXTRA["G00"])]
    for code, unit in ctx.units.items():
        if unit.kind == OrgUnit.Kind.DEPARTMENT:
            out.append((code, unit, data.DEPARTMENT + data.EXTRA.get(code, [])))
        elif unit.kind == OrgUnit.Kind.TOWNSHIP:
            out.append((code, unit, data.TOWNSHIP))
    return out


def _catalogue(w: _World) -> None:
    for code, unit, headings in _units(w.ctx):
        items = []
        for n, (category, name, patterns) in enumerate(headings, start=1):
            item = releases.save_catalogue_item(
                unit=unit, category=category, name=name, sort_order=n * 10,
                description=CATEGORY_NAMES[category], actor=w.clerk(code),
            )  # fmt: skip
            items.append((item, patterns))
        w.catalogue[code] = items


# --- 主动公开 ---------------------------------------------------------------------------------


def _day_in(w: _World, year: int, month: int) -> dt.date:
    return w.workday(dt.date(year, month, w.rng.randint(3, 24)))


def _fill(pattern: str, unit: OrgUnit, y: int, **kw) -> str:
    return pattern.format(u=unit.name, s=unit.name, y=y, y1=y - 1, yn=y + 1, **kw)


def _planned(w: _World, year: int) -> list[tuple]:
    """(created_on, unit code, catalogue item, title) of the year, in date order."""
    rng, out = w.rng, []
    steps: dict[str, list[int]] = {}  # the gaps between a unit's decision numbers
    for code, unit, _ in _units(w.ctx):
        for item, patterns in w.catalogue[code]:
            for p in patterns:
                kind = p[0]
                if kind == "A":
                    out.append((_day_in(w, year, p[1]), code, item, _fill(p[2], unit, year)))
                elif kind == "Q":  # the quarter before, published the month after it
                    for q, month in ((4, 1), (1, 4), (2, 7), (3, 10)):
                        y = year - 1 if q == 4 else year
                        title = _fill(p[1], unit, y, q=data.CN_QUARTER[q - 1], m=0, n=q)
                        out.append((_day_in(w, year, month), code, item, title))
                elif kind == "M":
                    for month in range(1, 13):
                        y, m = (year - 1, 12) if month == 1 else (year, month - 1)
                        title = _fill(p[1], unit, y, m=m, q="", n=m)
                        out.append((_day_in(w, year, month), code, item, title))
                else:
                    low, high = p[1]
                    topics = list(p[3])
                    rng.shuffle(topics)
                    count = rng.randint(low, high)
                    for k in range(count):
                        topic = topics[k % len(topics)].format(y=year, y1=year - 1, s=unit.name)
                        n = ""
                        if not topic:  # a numbered decision: numbered in date order below
                            steps.setdefault(code, []).append(rng.randint(3, 9))
                            n = NUMBER
                        title = _fill(p[2], unit, year, t=topic, n=n)
                        if k >= len(topics) and topic:
                            continue  # no second notice on the same subject
                        out.append((_day_in(w, year, rng.randint(1, 12)), code, item, title))
    out.sort(key=lambda r: (r[0], r[1], r[3]))
    numbered = {code: 0 for code in steps}
    for k, (day, code, item, title) in enumerate(out):
        if NUMBER in title:
            numbered[code] += steps[code].pop(0)
            out[k] = (day, code, item, title.replace(NUMBER, str(numbered[code])))
    return out


def _body(title: str, item, unit: OrgUnit) -> str:
    if item.category == 7:
        lead = ("按照《中华人民共和国预算法》和《地方预决算公开操作规程》的规定，现将有关情况公开如下："
                "一、部门职责及机构设置情况；二、收支总体情况；三、“三公”经费情况；四、其他重要事项的说明。")  # fmt: skip
    elif item.category == 13:
        lead = "依据有关法律法规，本机关组织开展了监督检查，现将结果予以公开。对检查中发现的问题，已依法责令整改。"
    elif item.category == 6:
        lead = "根据《中华人民共和国行政处罚法》第四十八条的规定，现将具有一定社会影响的行政处罚决定予以公开。"
    elif item.category in (1, 3):
        lead = "经研究，现予印发（公布），请结合实际认真贯彻执行。"
    else:
        lead = "根据《中华人民共和国政府信息公开条例》第二十条的规定，现将有关情况公开如下。"
    return f"{title}\n\n{lead}\n\n{unit.name}"


def _doc_number(w: _World, unit: OrgUnit, year: int) -> str:
    """The 文号 of a policy or plan: the agency's prefix, the year, a running number."""
    if unit.kind == OrgUnit.Kind.GOVERNMENT:
        prefix = "示政发"
    elif unit.kind == OrgUnit.Kind.TOWNSHIP:
        prefix = f"{unit.name[:2]}发"
    else:
        prefix = f"示{unit.short_name.lstrip('区')[:2]}发"
    key = (unit.code, year, "doc")
    w.doc_n[key] = w.doc_n.get(key, 0) + 1
    return f"{prefix}〔{year}〕{w.doc_n[key]}号"


def _releases(w: _World, year: int, since: dt.date | None = None) -> None:
    """The year's releases created up to today (from ``since`` only, for the current year:
    its recent weeks are what the board and the portal show)."""
    rng, today = w.rng, w.today
    published = []
    for created, code, item, title in _planned(w, year):
        if created > today or (since is not None and created < since):
            continue
        unit, clerk = item.unit, w.clerk(code)
        rel = releases.create_release(
            unit=unit, catalogue=item, title=title, body=_body(title, item, unit),
            created_on=created, actor=clerk,
            document_number=_doc_number(w, unit, year) if item.category in (1, 3) else "",
        )  # fmt: skip
        late = rng.random() < 0.035
        on = w.wd(created, rng.randint(21, 32) if late else rng.choice((0, 1, 1, 2, 2, 3, 5, 8)))
        if on > today:
            continue  # still to be published: on the board
        rel = releases.publish(rel, on=on, actor=clerk,
                               late_reason=rng.choice(data.LATE_REASONS) if late else "")  # fmt: skip
        published.append(rel)
    policies = [r for r in published if r.catalogue.name in data.POLICY_HEADINGS]
    for k, rel in enumerate(policies):
        if k % 10 in (3, 7, 9):
            continue  # about seven policies in ten are interpreted
        form = ("text", "graphic", "text", "graphic", "video", "press", "interview")[k % 7]
        on = rel.published_on if k % 3 else w.wd(rel.published_on, rng.randint(1, 3))
        if on > today:
            continue
        name = rel.title.split("《")[-1].split("》")[0] if "《" in rel.title else rel.title
        word = {"graphic": "一图读懂", "video": "视频解读：", "press": "新闻发布会：",
                "interview": "在线访谈："}.get(form, "")  # fmt: skip
        releases.publish_interpretation(
            unit=rel.unit, release=rel, form=form, published_on=on, actor=w.clerk(rel.unit.code),
            title=f"{word}《{name}》" + ("政策解读" if form == "text" else ""),
            body=f"《{name}》已经印发。现就文件的起草背景、主要内容、适用对象和施行时间解读如下："
            "一、起草背景；二、主要内容；三、与原有政策的衔接；四、咨询方式。",
        )  # fmt: skip
    others = [r for r in published if r.catalogue.name not in data.POLICY_HEADINGS]
    for k in range(0, len(others), max(1, len(others) // 5))[1:6]:
        rel = others[k]
        on = w.wd(rel.published_on, rng.randint(10, 40))
        if on <= today:
            releases.withdraw(rel, on=on, reason=data.WITHDRAW_REASONS[k % 3],
                              actor=w.clerk(rel.unit.code))  # fmt: skip


# --- 依申请公开 -------------------------------------------------------------------------------


def _kind(i: int) -> str:
    """Mostly people, then firms; one 社会公益组织 and one 科研机构, so that every column of the
    template's section 三 has someone in it."""
    if i == 33:
        return "public_welfare"
    if i == 47:
        return "research"
    if i % 6 == 5:
        return "commercial"
    if i % 13 == 7:
        return "legal_service"
    if i % 19 == 11:
        return "other_org"
    return "person"


def _applicant(w: _World, kind: str) -> dict:
    rng = w.rng
    phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    if kind == "person":
        w.people += 1
        birth = dt.date(rng.randint(1955, 2002), rng.randint(1, 12), rng.randint(1, 28))
        return dict(applicant_kind=kind, applicant_phone=phone,
                    applicant_name=rng.choice(SURNAMES) + rng.choice(data.ONE_CHAR),
                    applicant_id=make_id_number(ID_AREA, birth, 600 + w.people % 400),
                    applicant_address=f"示范区{rng.choice(['城关街道', '东城街道', '北山镇', '青石镇'])}"
                    f"{rng.randint(1, 99)}号")  # fmt: skip
    w.firms += 1
    name, registry = {
        "commercial": (rng.choice(data.FIRMS) + rng.choice(data.TRADES), ("9", "1")),
        "legal_service": (rng.choice(data.LAW_FIRMS), ("3", "1")),
        "other_org": (rng.choice(data.OTHER_ORGS), ("5", "1")),
        "public_welfare": (data.WELFARE[0], ("5", "3")),
        "research": (data.RESEARCH[0], ("1", "2")),
    }[kind]
    if kind == "commercial":
        name = f"示范区{name}"
    return dict(applicant_kind=kind, applicant_phone=phone, applicant_name=name,
                applicant_id=make_uscc(*registry, USCC_AREA, f"GK{w.firms:06d}"),
                applicant_address=f"示范区{rng.choice(['滨河路', '文昌路', '建设大道'])}{rng.randint(1, 300)}号")  # fmt: skip


def _ask(w: _World, i: int, outcome: str, year: int) -> tuple[str, str]:
    if outcome in SPECIAL_UNIT:
        code, texts = SPECIAL_UNIT[outcome]
    else:
        code = ROTATION[i % len(ROTATION)]
        texts = data.ASKS[code]
    return code, texts[i % len(texts)].format(y=year, y1=year - 1)


def _submit(w: _World, i: int, outcome: str, received: dt.date, year: int):
    if outcome == "repeat":  # the same applicant asks again for what was already given
        prior = next(r for o, r in reversed(w.made) if o in ("provide", "already_public")
                     and r.replied_on and r.replied_on < received)  # fmt: skip
        who = {f: getattr(prior, f) for f in ("applicant_kind", "applicant_name", "applicant_id",
                                               "applicant_phone", "applicant_address")}  # fmt: skip
        code, text = prior.unit.code, prior.description
    else:
        who = _applicant(w, _kind(i))
        code, text = _ask(w, i, outcome, year)
    unit = w.ctx.units[code]
    if i % 3 == 0:  # a third come through the portal
        req, _ = requests.submit(unit=unit, channel="online", actor=None, now=received,
                                 description=text, applicant_email=f"sq{year}{i:03d}@example.cn",
                                 **who)  # fmt: skip
    else:
        channel = ("letter", "in_person", "letter", "email")[i % 4]
        req, _ = requests.submit(unit=unit, channel=channel, actor=w.clerk(code),
                                 received_on=received, description=text, **who)  # fmt: skip
    return req


def _reply(w, req, outcome: str, on: dt.date) -> None:
    if ":" in outcome:
        reply_type, ground = outcome.split(":")
    else:
        reply_type, ground = NEXT_PATH[outcome]
    other = ""
    if reply_type == "not_this_agency":
        other = OTHER_AGENCY.get(req.unit.code, "示范市人民政府办公室（联系电话：0999-12345600）")
    requests.reply(req, reply_type=reply_type, ground=ground, on=on, other_agency=other,
                   text=REPLY_TEXT[reply_type], actor=w.clerk(req.unit.code))  # fmt: skip


def _path(w: _World, req, outcome: str) -> None:
    """The request from receipt to its end, as far as the demo's today allows."""
    rng, today = w.rng, w.today
    clerk = w.clerk(req.unit.code)
    start = req.received_on
    if outcome in ("running", "overdue"):
        return
    if outcome.startswith("correct") or outcome == "running_correction":
        notice = w.wd(start, rng.randint(2, 5))
        if notice > today:
            return
        req = requests.request_correction(
            req, on=notice, actor=clerk,
            items="请明确所需政府信息的名称、文号、形成时间或者其他特征性描述，以便本机关检索。",
        )  # fmt: skip
        if outcome in ("correct_none", "running_correction"):
            due = req.correction_deadline.due_date
            if due + dt.timedelta(days=1) <= today and outcome == "correct_none":
                requests.sweep(due + dt.timedelta(days=1))
            return
        start = w.wd(notice, rng.randint(3, 9))
        if start > today:
            return
        text = ("北山镇杨家庄村本人宅基地房屋的有关文件" if outcome == "correct+unclear"
                else f"{req.description}（补正：限{start.year - 1}年度，电子版）")  # fmt: skip
        req = requests.supplement(req, on=start, description=text, actor=clerk)
    if outcome.startswith("consult"):
        sent = w.wd(start, rng.randint(3, 6))
        if sent > today:
            return
        agency = outcome == "consult_agency"
        party = ("示范区财政局" if agency else
                 f"示范区{rng.choice(data.FIRMS)}{rng.choice(data.TRADES)}")  # fmt: skip
        c = requests.consult(req, kind="agency" if agency else "third_party", party=party,
                             sent_on=sent, actor=clerk)  # fmt: skip
        if outcome == "consult_silent":
            back = c.deadline.due_date + dt.timedelta(days=1)
            if back > today:
                return
            requests.sweep(back)
            start = back
        else:
            start = w.wd(sent, rng.randint(5, 12))
            if start > today:
                return
            answer = "object" if outcome == "consult_object" else "consent"
            note = "该信息涉及本公司的商业秘密，不同意公开。" if answer == "object" else ""
            requests.record_answer(c, answer=answer, on=start, note=note, actor=clerk)
        req.refresh_from_db()
    if outcome == "fee":
        notice = w.wd(start, rng.randint(4, 8))
        if notice > today:
            return
        req = requests.notify_fee(req, method="pages", pages=45, on=notice, actor=clerk)
        start = w.wd(notice, rng.randint(3, 7))
        if start > today:
            return
        req = requests.fee_paid(req, on=start, actor=clerk)
    if outcome == "withdraw":
        on = w.wd(start, rng.randint(3, 8))
        if on <= today:
            requests.withdraw(req, on=on, reason="申请人书面申请撤回，称已通过其他途径获取相关信息",
                              actor=clerk)  # fmt: skip
        return
    req.refresh_from_db()
    due = req.deadline.due_date if req.deadline else None
    if outcome == "extend":
        approved = w.wd(req.corrected_on or req.received_on, 17)
        if approved > today:
            return
        req = requests.extend(req, days=20, reason="申请公开的信息数量较多，需要调取档案逐件审查",
                              approved_by="区政府办公室主任", approved_on=approved, actor=clerk)  # fmt: skip
        on = w.wd(due, rng.randint(4, 10))
    elif outcome == "late":
        on = w.wd(due, rng.randint(1, 4))
    elif outcome == "open":
        on = w.wd(start, rng.randint(8, 14))
    elif due is not None:
        on = min(w.wd(start, rng.randint(5, 16)), due)
    else:
        on = w.wd(start, rng.randint(5, 16))
    if on > today:
        return
    _reply(w, req, outcome, on)


def _requests(w: _World, year: int, outcomes: list[str], first: dt.date, last: dt.date) -> None:
    today = w.today
    span = max((last - first).days, 1)
    n = len(outcomes)
    for i, outcome in enumerate(outcomes):
        received = w.workday(first + dt.timedelta(days=span * i // n))
        if outcome == "open":
            received = w.workday(dt.date(year, 12, (22, 24, 29)[outcomes[:i].count("open") % 3]))
        elif outcome == "overdue":
            received = w.workday(today - dt.timedelta(days=53 - 5 * i))
        elif outcome.startswith("running"):
            back = 3 * (len(outcomes) - i)  # the last ones: received in the last three weeks
            received = min(w.workday(today - dt.timedelta(days=back)), today)
        if outcome == "repeat" and w.made:
            prior = next((r for o, r in reversed(w.made) if o in ("provide", "already_public")
                          and r.replied_on), None)  # fmt: skip
            if prior is None:
                continue
            received = max(received, w.wd(prior.replied_on, 3))
        if received > today:
            continue
        try:
            req = _submit(w, i, outcome, received, year)
            _path(w, req, outcome)
        except CalendarMissing:
            continue
        except ValidationError as exc:  # a demo path the rules refuse is a demo bug
            raise RuntimeError(
                f"政府信息公开演示数据第{i + 1}件（{year}年，{outcome}）：{exc}"
            ) from exc
        req.refresh_from_db()
        w.made.append((outcome, req))


@register_demo("disclosure", order=44)
def build(ctx) -> None:
    w = _World(ctx)
    _catalogue(w)
    _releases(w, ctx.year)
    _requests(w, ctx.year, OUTCOMES_2025, dt.date(ctx.year, 1, 6), dt.date(ctx.year, 12, 5))
    if ctx.today.year > ctx.year:
        year = ctx.today.year
        _releases(
            w, year, since=max(dt.date(year, 1, 1), ctx.today - dt.timedelta(days=CURRENT_DAYS))
        )
        first = dt.date(year, 1, 5)
        last = ctx.today - dt.timedelta(days=60)
        share = max(0.0, min(1.0, (last - first).days / 300))
        closed = OUTCOMES_CURRENT[: max(4, round(len(OUTCOMES_CURRENT) * share))]
        if last > first:
            _requests(w, year, closed, first, last)
        _requests(w, year, OVERDUE + RUNNING, first, ctx.today)
    requests.sweep(ctx.today)
