"""Compose the annual report from the records.

Structure (法治政府建设与责任落实督察工作规定, 厅字〔2019〕28号; rules.md §7):
一、主要举措和成效 (by the sections of the plan in force, i.e. by area of the 纲要);
二、存在的不足和原因; 三、党政主要负责人履行推进法治建设第一责任人职责情况;
四、下一年度主要安排; 五、其他需要报告的情况.

Figures come from the indicator registry (the values that count: computed where a module
computes them, otherwise reported and accepted), each woven into a sentence with its
year-over-year change and carrying its source. Measures come from accepted progress;
shortcomings from tasks behind schedule, indicators that went the wrong way and open
rectifications; next year's arrangements from the next year's plan when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from fazhi.core.models import OrgUnit
from fazhi.core.numbers import fmt_prose, fmt_value
from fazhi.indicators import registry
from fazhi.indicators.catalog import AREAS, area_of
from fazhi.indicators.models import AssessmentScheme, Indicator, IndicatorValue, Oversight
from fazhi.plans.models import Plan, Progress, Task

NUMERALS = "一二三四五六七八九十"
# Figures that belong to the leaders' first-responsibility section, not to the measures.
LEADERSHIP_CODES = [
    "leadership.rule_of_law_topics",
    "learning.study_sessions",
    "learning.trainings",
    "learning.court_observers",
    "litigation.head_appearances",
    "litigation.head_appearance_rate",
    "learning.law_duty_reports",
]


def cn_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + (NUMERALS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")


def yoy_text(ind: Indicator, cur: IndicatorValue, prev: IndicatorValue | None) -> str:
    if prev is None:
        return ""
    if ind.is_rate:
        diff = cur.value - prev.value
        if diff == 0:
            return "，与上年持平"
        return f"，较上年{'提高' if diff > 0 else '下降'}{fmt_value(abs(diff))}个百分点"
    if prev.value == 0:
        return ""
    change = ((cur.value - prev.value) / prev.value * 100).quantize(Decimal("0.1"))
    if change == 0:
        return "，与上年持平"
    return f"，同比{'增长' if change > 0 else '下降'}{fmt_value(abs(change))}%"


class Figures:
    """The year's counted district values, the previous year's, and segment builders."""

    def __init__(self, year: int, unit: OrgUnit):
        self.year = year
        self.cur = {code: v for (code, _), v in registry.counted_values(year, unit).items()}
        self.prev = {code: v for (code, _), v in registry.counted_values(year - 1, unit).items()}
        self.used: set[str] = set()
        self.indicators = {i.code: i for i in Indicator.objects.all()}

    def has(self, code: str) -> bool:
        return code in self.cur

    def segments(self, code: str) -> list[dict]:
        """The phrase with its figure: [text, figure, text + year-over-year change]."""
        ind, v = self.indicators[code], self.cur[code]
        self.used.add(code)
        before, _, after = ind.phrase.partition("{}")
        segs = [{"text": before}] if before else []
        segs.append(_figure_seg(self, code))
        if after:
            segs.append({"text": after})
        change = yoy_text(ind, v, self.prev.get(code))
        if change:
            # Derived from this figure and last year's: sourced by both, not typed.
            segs.append({"text": change, "derived": code})
        return segs

    def sentence(self, codes: list[str], lead: str = "", end: str = "。") -> list[dict] | None:
        """One paragraph joining the available figures with ；, or None if none."""
        present = [c for c in codes if self.has(c) and c not in self.used]
        if not present:
            return None
        if lead == "全年" and self.indicators[present[0]].phrase.startswith(("全年", "全区")):
            lead = ""
        para: list[dict] = [{"text": lead}] if lead else []
        for i, code in enumerate(present):
            if i:
                para.append({"text": "；"})
            para.extend(self.segments(code))
        para.append({"text": end})
        return _merge(para)


def _merge(para: list[dict]) -> list[dict]:
    """Join adjacent plain-text segments."""
    out: list[dict] = []
    for seg in para:
        if not seg.get("text"):
            continue
        plain = not ({"figure", "derived", "origin"} & seg.keys())
        if out and plain and not ({"figure", "derived", "origin"} & out[-1].keys()):
            out[-1] = {"text": out[-1]["text"] + seg["text"]}
        else:
            out.append(dict(seg))
    return out


def _inner_quotes(title: str) -> str:
    """A title inside 《》 writes its own 《》 as 〈〉."""
    return title.replace("《", "〈").replace("》", "〉")


def _plan_for(year: int) -> Plan | None:
    return (
        Plan.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("kind", "-start_year")
        .first()
    )


def _last_period(plan: Plan, year: int):
    return plan.periods.filter(year=year).order_by("-end").first()


def _clean_sentence(text: str) -> str:
    text = re.sub(r"\s+", "", text.strip())
    return text if text.endswith(("。", "！", "；")) else text + "。"


_SENTENCE = re.compile(r"[^。！；]+[。！；]?")
# Words with which a progress report says why something is late or not done.
_CAUSE = re.compile(r"因|由于|受|未能|尚未|未落实|未按期|未如期|推迟|延迟|滞后|流标|不足|缺少|困难")


def _sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENTENCE.finditer(re.sub(r"\s+", "", text or ""))]


def _why_behind(text: str) -> str:
    """The sentences of a progress report that say what is late and why (its own words),
    else its last sentence."""
    parts = _sentences(text)
    said = [s for s in parts if _CAUSE.search(s)] or parts[-1:]
    return "".join(said).rstrip("。；！")


def _first_sentence(text: str) -> str:
    parts = _sentences(text)
    return parts[0].rstrip("。；！") if parts else ""


def _measures(plan: Plan, period, figures: Figures) -> list[dict]:
    """(一)(二)… subsections: accepted progress of each task, then the area's figures."""
    progress = defaultdict(list)
    if period is not None:
        for p in (
            Progress.objects.filter(period=period, state=Progress.State.ACCEPTED)
            .select_related("assignment__unit", "assignment__task")
            .order_by("-assignment__is_lead", "assignment__order")
        ):
            progress[p.assignment.task_id].append(p)
    by_area = defaultdict(list)
    for code, ind in figures.indicators.items():
        if code not in LEADERSHIP_CODES:
            by_area[ind.area].append(code)
    subsections = []
    covered_areas = set()
    for section in plan.sections.all():
        area = section.area or area_of(section.title)
        paras = []
        for task in section.tasks.all():
            reports = progress.get(task.pk)
            if not reports:
                continue
            lead = reports[0]
            paras.append(
                [
                    {"text": f"{task.title}。"},
                    {
                        "text": _clean_sentence(lead.text),
                        "origin": {
                            "source_url": f"/office/plans/tasks/{task.pk}/",
                            "source": f"{lead.assignment.unit.name}报送的{period.name}工作进展（已审核通过）",
                        },
                    },
                ]
            )
        if area is not None and area not in covered_areas:
            covered_areas.add(area)
            sent = figures.sentence(by_area.get(area, []), lead="全年")
            if sent:
                paras.append(sent)
        if paras:
            subsections.append({"title": section.title, "paragraphs": paras})
    # Figures of areas the plan has no section for still appear, under the 纲要's wording.
    for area, title in AREAS.items():
        if area in covered_areas:
            continue
        sent = figures.sentence(by_area.get(area, []), lead="全年")
        if sent:
            subsections.append({"title": title, "paragraphs": [sent]})
    return [
        {
            "heading": f"（{cn_number(i)}）{s['title']}",
            "paragraphs": s["paragraphs"],
            "subsections": [],
        }
        for i, s in enumerate(subsections, start=1)
    ]


def _quote(text: str, url: str, source: str) -> dict:
    """Text taken or counted from records, linked to them."""
    return {"text": text, "origin": {"source_url": url, "source": source}}


def _figure_seg(figures: Figures, code: str) -> dict:
    ind, v = figures.indicators[code], figures.cur[code]
    text = fmt_prose(v.value, ind.unit, v.approximate)
    return {
        "text": text,
        "figure": {
            "code": code,
            "value": float(v.value),
            "unit": ind.unit,
            "year": figures.year,
            "approximate": v.approximate,
            "source_url": registry.source_url(v),
            "source": registry.describe_source(v),
        },
    }


def _shortcomings(plan: Plan | None, period, figures: Figures, year: int) -> list[list[dict]]:
    """Each point: what fell short, from the records, and why where the records say."""
    points: list[list[dict]] = []
    if plan is not None and period is not None:
        behind = list(
            Progress.objects.filter(period=period, status=Progress.Status.BEHIND).select_related(
                "assignment__task", "assignment__unit"
            )
        )
        if behind:
            matrix = f"/office/plans/{plan.pk}/matrix/?period={period.pk}"
            para = [
                {"text": "部分任务推进滞后。"},
                _quote(f"{len(behind)}项任务", matrix, f"{period.name}进度总览"),
                {"text": "报告进度滞后："},
            ]
            for k, p in enumerate(behind[:6]):
                task, unit = p.assignment.task, p.assignment.unit
                para.append(
                    {"text": ("；" if k else "") + f"“{task.title}”（{unit.display_name}）"}
                )
                para.append(
                    _quote(
                        "：" + _why_behind(p.text),
                        f"/office/plans/tasks/{task.pk}/",
                        f"{unit.name}报送的{period.name}工作进展",
                    )
                )
            para.append({"text": "。"})
            points.append(_merge(para))
        accepted = set(
            Progress.objects.filter(period=period, state=Progress.State.ACCEPTED).values_list(
                "assignment__task_id", flat=True
            )
        )
        missing = list(Task.objects.filter(plan=plan).exclude(pk__in=accepted)[:6])
        if missing:
            names = "、".join(f"“{t.title}”" for t in missing[:5])
            more = "等" if len(missing) > 5 else ""
            points.append(
                [
                    {
                        "text": f"任务落实的跟踪问效不够到位。{names}{more}任务的"
                        f"{period.name}进展尚未审核通过，部分单位对计划落实的"
                        "过程管理还需加强。"
                    }
                ]
            )
    lag = []
    # In catalogue order: the values come from an unordered query, and the report must read
    # the same however the database returns them.
    for code in sorted(figures.cur, key=lambda c: (figures.indicators[c].order, c)):
        v = figures.cur[code]
        ind = figures.indicators[code]
        prev = figures.prev.get(code)
        if prev is None or not ind.direction:
            continue
        if (v.value < prev.value) if ind.direction == "up" else (v.value > prev.value):
            lag.append(code)
    if lag:
        para: list[dict] = [{"text": "部分指标较上年有所回落。"}]
        for i, code in enumerate(lag[:6]):
            ind = figures.indicators[code]
            para.append({"text": ("；" if i else "") + ind.name})
            note = registry.explanation(figures.cur[code]).strip().rstrip("。；")
            seg = _figure_seg(figures, code)
            seg["figure"]["lag_explained"] = bool(note)
            para.append(seg)
            para.append(
                {"text": yoy_text(ind, figures.cur[code], figures.prev[code]), "derived": code}
            )
            # Why, in the words of the figure's source (the reporting unit's 填报说明, or the
            # computing module's account of its records); the composer invents no cause —
            # the quality check lists the ones left unexplained.
            if note:
                computed = figures.cur[code].source == IndicatorValue.Source.COMPUTED
                para.append(
                    {
                        "text": "，" + note,
                        "origin": {
                            "source_url": registry.source_url(figures.cur[code]),
                            "source": "据业务记录" if computed else "填报单位的说明",
                        },
                    }
                )
        para.append({"text": "。"})
        points.append(_merge(para))
    open_findings = Oversight.objects.filter(
        state__in=[Oversight.State.OPEN, Oversight.State.REPORTED], found_on__year__lte=year
    ).select_related("unit")
    if open_findings.exists():
        items = "；".join(f"{o.unit.display_name}“{o.title}”" for o in open_findings[:5])
        points.append(
            [
                {"text": "法治督察发现的问题整改尚未全部到位。仍有"},
                _quote(
                    f"{open_findings.count()}个问题",
                    "/office/indicators/oversight/",
                    "法治督察问题台账",
                ),
                {"text": f"未销号：{items}。"},
            ]
        )
    if not points:
        return [[{"text": "对照年度计划和指标，本年度未发现进度滞后的任务和较上年回落的指标。"}]]
    for i, para in enumerate(points, start=1):
        para[0] = {**para[0], "text": f"{cn_number(i)}是" + para[0]["text"]}
    return points


def _leadership(figures: Figures, year: int) -> list[list[dict]]:
    paras = []
    s = figures.sentence(
        ["leadership.rule_of_law_topics", "learning.study_sessions", "learning.trainings"],
        lead="区政府主要负责人切实履行推进法治建设第一责任人职责，",
    )
    if s:
        paras.append(s)
    s = figures.sentence(
        [
            "litigation.head_appearances",
            "litigation.head_appearance_rate",
            "learning.court_observers",
        ],
        lead="带头尊法学法守法用法，",
    )
    if s:
        paras.append(s)
    s = figures.sentence(["learning.law_duty_reports"], lead="压实各级领导干部法治建设责任，")
    if s:
        paras.append(s)
    scheme = AssessmentScheme.objects.filter(year=year).first()
    if scheme is not None:
        items = list(scheme.items.all())
        total = sum((i.points for i in items), Decimal(0))
        paras.append(
            [
                {"text": f"将法治政府建设纳入{year}年度考核，制定《{scheme.name}》，"},
                _quote(
                    f"设置{len(items)}项考核内容、满分{fmt_value(total)}分",
                    f"/office/indicators/assessments/{scheme.pk}/",
                    scheme.name,
                ),
                {"text": "，考核结果作为评价领导班子和领导干部工作实绩的重要内容。"},
            ]
        )
    if not paras:
        paras.append(
            [
                {
                    "text": "区政府主要负责人认真履行推进法治建设第一责任人职责，"
                    "定期听取法治政府建设工作汇报，研究解决重大问题。"
                }
            ]
        )
    return paras


def _next_year(year: int, shortcomings_exist: bool) -> list[list[dict]]:
    nxt = (
        Plan.objects.filter(kind=Plan.Kind.ANNUAL, start_year=year + 1).first()
        or Plan.objects.filter(start_year__lte=year + 1, end_year__gte=year + 1)
        .exclude(end_year=year)
        .first()
    )
    paras = []
    if nxt is not None:
        for i, section in enumerate(nxt.sections.all(), start=1):
            tasks = list(section.tasks.prefetch_related("assignments__unit"))
            if not tasks:
                continue
            para: list[dict] = [{"text": f"（{cn_number(i)}）{section.title}。"}]
            for k, task in enumerate(tasks, start=1):
                lead = next((a.unit for a in task.assignments.all() if a.is_lead), None)
                first = _first_sentence(task.body)
                text = f"{cn_number(k)}是{task.title.rstrip('。')}" + (
                    f"，{first}" if first else ""
                )
                para.append(
                    _quote(
                        text + (f"（{lead.display_name}牵头）" if lead else ""),
                        f"/office/plans/tasks/{task.pk}/",
                        f"《{nxt.title}》第{task.number}项",
                    )
                )
                para.append({"text": "；" if k < len(tasks) else "。"})
            paras.append(_merge(para))
        if paras:
            paras.insert(
                0, [{"text": f"{year + 1}年，将按照《{nxt.title}》的部署，重点做好以下工作："}]
            )
            return paras
    paras.append(
        [
            {
                "text": f"{year + 1}年，将对照法治政府建设实施纲要确定的目标任务，"
                + (
                    "针对上述问题逐项制定整改措施、明确责任单位和完成时限，"
                    if shortcomings_exist
                    else ""
                )
                + "持续推进依法行政，全面提升法治政府建设水平。"
            }
        ]
    )
    return paras


def _other(year: int) -> list[list[dict]]:
    found = Oversight.objects.filter(found_on__year=year)
    if found.exists():
        closed = found.filter(state=Oversight.State.CLOSED).count()
        return [
            [
                {"text": f"{year}年开展法治督察，"},
                _quote(
                    f"发现并交办问题{found.count()}个，已整改销号{closed}个",
                    "/office/indicators/oversight/",
                    "法治督察问题台账",
                ),
                {"text": "，其余问题正在持续整改。"},
            ]
        ]
    return [[{"text": "无其他需要报告的情况。"}]]


def compose(year: int, unit: OrgUnit | None = None, today: dt.date | None = None) -> dict:
    """The report document for ``year`` (the district's when ``unit`` is the government)."""
    gov = registry.government()
    unit = unit or gov
    if unit is None:
        raise ValueError("尚未建立区（县）人民政府单位")
    figures = Figures(year, unit)
    plan = _plan_for(year)
    period = _last_period(plan, year) if plan else None
    place = (gov.name.replace("人民政府", "") if gov else "") or unit.name
    is_district = unit.pk == (gov.pk if gov else None)
    who = place if is_district else unit.name
    sections = []
    measures = _measures(plan, period, figures) if plan else []
    if not measures:
        sent = figures.sentence([c for c in figures.cur if c not in LEADERSHIP_CODES], lead="全年")
        measures = [
            {
                "heading": "（一）主要工作和数据",
                "paragraphs": [sent]
                if sent
                else [[{"text": "本年度暂无已审核通过的工作进展和指标数据。"}]],
                "subsections": [],
            }
        ]
    sections.append(
        {
            "heading": f"一、{year}年法治政府建设的主要举措和成效",
            "paragraphs": [],
            "subsections": measures,
        }
    )
    shortcomings = _shortcomings(plan, period, figures, year)
    sections.append(
        {"heading": "二、存在的不足和原因", "paragraphs": shortcomings, "subsections": []}
    )
    sections.append(
        {
            "heading": "三、党政主要负责人履行推进法治建设第一责任人职责情况",
            "paragraphs": _leadership(figures, year),
            "subsections": [],
        }
    )
    sections.append(
        {
            "heading": f"四、{year + 1}年法治政府建设主要安排",
            "paragraphs": _next_year(year, bool(shortcomings)),
            "subsections": [],
        }
    )
    sections.append(
        {"heading": "五、其他需要报告的情况", "paragraphs": _other(year), "subsections": []}
    )
    plan_name = f"《{_inner_quotes(plan.title)}》" if plan else "法治政府建设实施纲要"
    preamble = [
        [
            {
                "text": f"{year}年，{who}坚持以习近平新时代中国特色社会主义思想为指导，"
                f"深入贯彻习近平法治思想，对照{plan_name}确定的目标任务，"
                "扎实推进依法行政各项工作。现将有关情况报告如下。"
            }
        ]
    ]
    today = today or dt.date(year + 1, 3, 1)
    return {
        "title": f"{unit.name}关于{year}年度法治政府建设情况的报告",
        "addressee": "",
        "preamble": preamble,
        "sections": sections,
        "signature": unit.name,
        "date": f"{today.year}年{today.month}月{today.day}日",
    }
