"""Sentence forms where one number is not one figure, or no number is one.

- A shared predicate: 参考率、合格率均达100% is two figures; 参考率、通过率和优秀率100% three.
- A paired list: 办结率、满意率分别为98%、99% gives each subject its own number, in order.
- A stated zero: 未收到政府信息公开申请, 未发生行政复议、行政诉讼, 零投诉, 无败诉案件 are
  figures with value 0 when the subject is something counted.
(A compound count, 共发布信息294期1014条, is two figures found by ``figures.FIGURE``; the
number right after a unit is not refused as part of a word.)
"""

from __future__ import annotations

import re
from decimal import Decimal

from .figures import Figure, Spans
from .patterns import first_characters, required_literals

_SEP = r"[、和及与]"
# the words between the last subject and the number
_PRED = r"(?P<pred>均|都|全部|全|皆)?(?:已)?(?:达到|达|为|是|保持在|保持|实现|超过)?\s?$"
_SUBJECT = r"[^、和及与,;:。!?\n()“”]{1,16}?"
_SHARED = re.compile(rf"(?P<subjs>{_SUBJECT}(?:{_SEP}{_SUBJECT})+?){_PRED}")
_PAIRED = re.compile(rf"(?P<subjs>{_SUBJECT}(?:{_SEP}{_SUBJECT})+)分别(?:为|是|达到|达|占)?\s?$")
_RATE_END = re.compile(r"(率|度)$")
_HAS_SEP = re.compile(_SEP)
_JOINER = re.compile(rf"\s?{_SEP}\s?")  # (match: the joiner the words start with)
_ROLE = re.compile(r"^(被?申请|被?提起|提出)")
_ZERO_LIST = re.compile(
    r"(?P<subjs>(?:行政复议|行政诉讼|行政应诉|复议|诉讼|投诉|举报|咨询)"
    r"(?:[、和及与](?:行政复议|行政诉讼|行政应诉|复议|诉讼|投诉|举报|咨询))+)"
    r"(?:案件|情况)?(?:均|都)?(?:为)?\s?$"
)
_RATE_OF_THEM = re.compile(r"^\s?[^、和及与,;。]{0,8}率(均|都)(为|达到|达|是)?\s?$")
_LEAD = re.compile(
    r"^(其中|全年|全区|全县|全市|全镇|全乡|全局|本年度|今年|年内|我区|我县|我市|我局|共|累计|"
    r"依申请公开|政府信息公开)+"
)


def _subjects(text: str, start: int, group: str) -> list[tuple[str, int]]:
    """The subjects of a list with their offsets (``start`` is the group's offset)."""
    out = []
    pos = 0
    for part in _HAS_SEP.split(group):
        out.append((part, start + group.index(part, pos)))
        pos = group.index(part, pos) + len(part)
    return out


def spread(text: str, found: list[Figure], only: list[int] | None = None) -> list[Figure]:
    """Give each subject of a shared predicate or a paired list its figure. Returns the
    figures added (shared predicates); paired lists re-aim the figures already there.

    ``only``: the indices, in order, of the figures it may act on, when the caller knows
    them (find_figures: each a rate, a zero, or with 分别 in its subject; the others meet
    none of the forms below). The figures of a paired list after its first are taken with
    it, and not looked at again."""
    added: list[Figure] = []
    order = range(len(found)) if only is None else only
    done = 0  # the figures before this one are taken
    for i in order:
        if i < done:
            continue
        done = i + 1
        f = found[i]
        m = _PAIRED.search(f.local) if "分别" in f.local else None
        if m:
            run = [f]
            k = i + 1
            while k < len(found) and _JOINER.fullmatch(found[k].local):
                run.append(found[k])
                k += 1
            subjects = _subjects(text, 0, m.group("subjs"))
            if len(run) == len(subjects) >= 2:
                for g, (subject, _) in zip(run, subjects, strict=True):
                    g.local = _LEAD.sub("", subject.strip()) or subject
                    g.after = ""
                    g.name = g.local
                    g.inherits = False
                done = k
                continue
        if f.unit == "%" and i >= 2 and _RATE_OF_THEM.match(f.local):
            # "建议119件、提案105件,办复率均为100%": one rate for each count before it
            run = [found[i - 1]]
            j = i - 2
            while j >= 0 and _JOINER.match(run[0].local) and found[j].unit == run[0].unit:
                run.insert(0, found[j])
                j -= 1
            if len(run) >= 2 and run[-1].unit != "%":
                for g in run[:-1]:
                    added.append(
                        Figure(
                            start=f.start, end=f.end, num_start=f.num_start, num_end=f.num_end,
                            value=f.value, unit=f.unit, qualifier=list(f.qualifier),
                            local=f.local, name=f"{g.name}{f.local.strip()[:-2]}",
                        )
                    )  # fmt: skip
                continue
        if f.value == 0 and f.unit != "%" and not f.inherits and _HAS_SEP.search(f.local):
            # "行政复议、行政诉讼0条": a zero stated for a list is a zero for each item
            # (a positive count for a list is one combined figure)
            m = _ZERO_LIST.search(f.local)
            if m:
                base = f.num_start - len(f.local) + m.start("subjs")
                subjects = _subjects(text, base, m.group("subjs"))
                for subject, at in subjects[:-1]:
                    added.append(
                        Figure(
                            start=at, end=at + len(subject), num_start=f.num_start,
                            num_end=f.num_end, value=f.value, unit=f.unit,
                            local=subject.strip(), name=subject.strip(),
                        )
                    )  # fmt: skip
                f.local = f.name = subjects[-1][0].strip()
        if f.unit == "%" and not f.inherits and _HAS_SEP.search(f.local):
            m = _SHARED.search(f.local)
            if m:
                base = f.num_start - len(f.local) + m.start("subjs")
                subjects = _subjects(text, base, m.group("subjs"))
                rates = all(_RATE_END.search(s.strip()) for s, _ in subjects)
                if (
                    len(subjects) >= 2
                    and (rates or m.group("pred"))
                    and all(len(s.strip()) >= 2 for s, _ in subjects)
                ):
                    for subject, at in subjects[:-1]:
                        g = Figure(
                            start=at,
                            end=at + len(subject),
                            num_start=f.num_start,
                            num_end=f.num_end,
                            value=f.value,
                            unit=f.unit,
                            qualifier=list(f.qualifier),
                            local=_LEAD.sub("", subject.strip()) or subject,
                            name=subject.strip(),
                        )
                        added.append(g)
                    last, _ = subjects[-1]
                    f.local = last + (m.group("pred") or "")
                    f.name = last.strip()
    return added


# --- stated zeros -------------------------------------------------------------------------

_CASE = r"(?:被?申请|被?提起|提出)?(?:行政复议|行政诉讼|行政应诉)"
# "因…(而)引起(的)" between the verb and what did not happen
_CAUSE = (
    r"(?:因[^,。;、]{1,20}?(?:而|引起的?|导致的?|被)+)?(?:引起|导致)?(?:的)?"
    r"(?:政府信息公开(?:工作)?(?:的|类)?)?"
)
_ZEROS: list[tuple[re.Pattern, str, str | None, str]] = [
    # (pattern, unit, code, name); a pattern with a ``list`` group gives one zero per item
    (
        re.compile(
            r"(?:无|零|未发生|没有)(?:一起|一例|一件)?(?:行政诉讼|行政应诉)?败诉(?:案件|案例)?(?!率)"
        ),
        "件",
        "litigation.lost",
        "行政诉讼败诉",
    ),
    (
        re.compile(
            r"(?:未|没有|无)(?:收到|受理|接到|接收|发生|出现|产生)(?:[和或]处理)?(?:过)?(?:任何)?(?:的)?"
            r"(?:[^,。;:、]{0,4}、?[^,。;:]{0,10}?的)?(?:关于)?"
            r"(?:(?:政府信息)?依申请公开(?:政府信息)?(?:的)?(?:申请|事项|件)?"
            r"|政府信息公开(?:的)?(?:申请|事项|件)|信息公开(?:的)?(?:申请|事项|件))"
        ),
        "件",
        "disclosure.requests",
        "政府信息公开申请",
    ),
    (
        re.compile(
            rf"(?:未|没有|无)(?:发生|收到|出现|产生)?(?:过)?{_CAUSE}"
            rf"(?P<list>{_CASE}(?:[、和及与或]{_CASE})*)"
        ),
        "件",
        None,
        "",
    ),
    (re.compile(r"零投诉"), "件", None, "投诉"),
    (
        re.compile(
            r"(?:未|没有|无)(?:收到|受理|接到)(?:过)?(?:关于)?(?:政府信息公开(?:的)?)?"
            r"(?P<list>(?:咨询|投诉|举报)(?:[、和及与](?:咨询|投诉|举报))*)"
        ),
        "件",
        None,
        "",
    ),
    (
        re.compile(r"(?:未|没有)收取(?:任何)?(?:信息处理费|费用)"),
        "元",
        "disclosure.fee_amount",
        "收取信息处理费",
    ),
]


# Words each pattern above cannot match without (one of them, read from the pattern): a
# pattern is run over the text only when the text holds one, since most state few zeros
# ("" when nothing can be said: always run).
_ZERO_WORDS = [tuple(required_literals(rx.pattern) or ("",)) for rx, *_ in _ZEROS]
# Every pattern starts with one of a few characters (无 零 未 没): one pass finds where they
# stand, and each pattern is tried there only, instead of a pass of its own over the text.
_ZERO_FIRST = frozenset().union(*(first_characters(rx.pattern) or {""} for rx, *_ in _ZEROS))
if "" in _ZERO_FIRST:
    raise ValueError("each stated-zero pattern must start with a known character")
_ZERO_START = re.compile("[" + "".join(sorted(_ZERO_FIRST)) + "]")


_SPARSE = 200


def _matches_at(rx: re.Pattern, text: str, starts: list[int]):
    """What rx.finditer(text) gives, for a pattern whose every match starts at one of
    ``starts`` (in order): the first match at or after the end of the last."""
    pos = 0
    for at in starts:
        if at >= pos and (m := rx.match(text, at)) is not None:
            yield m
            pos = m.end()


def stated_zeros(text: str, skip: Spans, spans: Spans) -> list[Figure]:
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    starts = [m.start() for m in _ZERO_START.finditer(text)]
    if not starts:
        return out
    # Where the starting characters are few (one in _SPARSE characters or fewer, as in most
    # texts), each pattern is tried at each of them straight away: that costs less than
    # looking for the pattern's words in the whole text first.
    check_words = len(starts) * _SPARSE > len(text)
    for (rx, unit, code, name), words in zip(_ZEROS, _ZERO_WORDS, strict=True):
        if check_words and not any(w in text for w in words):
            continue
        for m in _matches_at(rx, text, starts):
            if skip.overlaps(m.start(), m.end()) or spans.overlaps(m.start(), m.end()):
                continue
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if "list" in rx.groupindex and m.group("list"):
                base = m.start("list")
                for item, at in _subjects(text, base, m.group("list")):
                    f = _zero(m.start() if at == base else at, at + len(item), unit, code)
                    f.name = _ROLE.sub("", item)
                    out.append(f)
            else:
                f = _zero(m.start(), m.end(), unit, code)
                f.name = name
                out.append(f)
    return out


def _zero(a: int, b: int, unit: str, code: str | None) -> Figure:
    return Figure(start=a, end=b, num_start=a, num_end=b, value=Decimal(0), unit=unit, code=code)
