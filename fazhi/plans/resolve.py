"""Match the unit names a plan lists to the district's org units.

Pure Python (no Django): the caller turns OrgUnits into ``UnitRef`` values. Nothing is
dropped — every name comes back with a status, and what cannot be matched with
certainty is ``unmatched`` for the coordinator's review list, never guessed.

Order of attempts for one name:

1. exact — the name equals a unit's full name or short name (``how="exact"``) or one of
   its aliases (``how="alias"``); so ``区委依法治区办``, an alias of the 司法局, is matched
   before it could be taken for a party organ;
2. normalised — both sides reduced by ``normalise``: width (NFKC), spaces, a leading place
   name (the government's own, e.g. 示范区, and ``place_names`` such as 河东 / 河东区),
   a leading 区/县, 和/与, the abbreviations of ``ABBREVIATIONS``, a place inside
   ``公安示范分局``-style names. A name of a city bureau's district branch (``X分局``) that
   matches nothing is tried as the district's ``X局``: 河东交通运输分局 is the body that
   does transport administration in 河东, as 示范区交通运输局 does in 示范区 — the same
   reading that makes 河东公安分局 the 示范区公安分局. It is still marked ``normalised``
   so the preview shows it was not literal;
3. groups — see ``GROUPS``; readings:
   ``各镇街`` / ``各乡镇（街道）`` / ``各镇（街道）`` → every township;
   ``各街道`` → the townships that are 街道 only; ``各乡镇`` / ``各镇`` → those that are 乡
   or 镇 (a plan that names one kind means that kind);
   ``区政府各部门`` / ``区直各部门`` / ``各部门`` → every department;
   ``区各行政执法部门`` → departments that are enforcement agencies (townships are not
   部门, even when they enforce);
   ``区各行政机关`` → the government, every department and every township (乡镇人民政府
   are 行政机关 and 街道办事处 act as the government's agencies; communities are not);
   a group that expands to no unit is ``unmatched`` rather than an empty success;
4. external — bodies outside the government kept as participants without codes: party
   organs (区委…), 人大, 政协, courts, procuratorates, 纪委监委, and people's
   organisations (``EXTERNAL_PREFIXES``);
5. anything else is ``unmatched``.

A name that matches two or more units at the first stage that finds anything is
``unmatched`` with ``candidates`` listing them all.

The lead unit of a task (``lead_code``) is the first name resolved to exactly one unit;
groups and external bodies never lead, so a task listing only those has no lead and the
coordinator picks one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "ABBREVIATIONS",
    "EXTERNAL_CONTAINS",
    "EXTERNAL_NAME_PREFIXES",
    "EXTERNAL_PREFIXES",
    "GROUPS",
    "PARTY_PREFIXES",
    "Resolution",
    "UnitIndex",
    "UnitRef",
    "lead_code",
    "normalise",
    "resolve_names",
]

GOVERNMENT = "government"
DEPARTMENT = "department"
TOWNSHIP = "township"
COMMUNITY = "community"

MATCHED = "matched"
GROUP = "group"
EXTERNAL = "external"
UNMATCHED = "unmatched"


@dataclass(frozen=True)
class UnitRef:
    code: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    kind: str  # government | department | township | community
    is_enforcement_agency: bool


@dataclass
class Resolution:
    name: str  # as listed in the plan
    status: str  # matched | group | external | unmatched
    codes: list[str]
    how: str  # exact | alias | normalised | group | external | ""
    candidates: list[str] = field(default_factory=list)  # codes, when ambiguous


# Spellings folded to one form, applied after 和/与 are removed (so 发展和改革 arrives as
# 发展改革). Longest first wins at each position; applied until nothing changes.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("机构编制委员会办公室", "编办"),
    ("委编办", "编办"),  # 区委编办 → 编办 once the leading 区 is gone
    ("发展改革", "发改"),
    ("市场监督管理", "市场监管"),
    ("人力资源社会保障", "人社"),
    ("住房城乡建设", "住建"),
    ("工业信息化", "工信"),
    ("卫生健康", "卫健"),
    ("教育体育", "教体"),
    ("文化旅游", "文旅"),
    ("应急管理", "应急"),
    ("大数据", "数据"),  # 大数据局 / 数据局 / 大数据中心 share one stem
    ("行政审批服务", "行政审批"),
    ("自然资源规划", "自然资源"),
    ("退役军人事务", "退役军人"),
    ("医疗保障", "医保"),
    ("民族宗教事务", "民宗"),
    ("综合行政执法", "综合执法"),
    ("街道办事处", "街道"),
    ("镇人民政府", "镇"),
    ("乡人民政府", "乡"),
    ("人民政府", "政府"),
    ("办公室", "办"),
)

_ABBREVIATION_MAP = dict(ABBREVIATIONS)
_ABBREVIATION_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_ABBREVIATION_MAP, key=len, reverse=True))
)

# Group spellings (normalised with ``_group_key`` when compared) → which units.
GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "各镇街",
            "各街镇",
            "各乡镇（街道）",
            "各镇（街道）",
            "各乡镇街道",
            "各镇街道",
            "各乡（镇、街道）",
            "各乡镇（街道办事处）",
        ),
        "townships",
    ),
    (("各街道", "各街道办事处"), "streets"),
    (("各乡镇", "各镇", "各乡（镇）"), "towns"),
    (("区政府各部门", "区直各部门", "各部门"), "departments"),
    (("区各行政执法部门", "各行政执法部门", "区各执法部门", "各执法部门"), "enforcement"),
    (("区各行政机关", "各行政机关"), "administrative"),
)

# Bodies outside the government, tried only after every unit and group failed to match.
# Compared with the start of the name once the place and a leading 区/县 are gone, so
# 河东区人民法院 → 人民法院, 区人大常委会办公室 → 人大常委会办公室.
EXTERNAL_PREFIXES: tuple[str, ...] = (
    "人大",
    "政协",
    "纪委",
    "监委",
    "法院",
    "人民法院",
    "检察院",
    "人民检察院",
    "法学会",
    "社科联",
    "妇联",
    "总工会",
    "工商联",
    "科协",
    "残联",
    "文联",
    "侨联",
    "红十字会",
    "关工委",
    "人武部",
)
# Party organs: 区委办公室, 区委编办, 区委组织部, 区委宣传部, 区委巡察办… (区委/县委).
PARTY_PREFIXES: tuple[str, ...] = ("区委", "县委")
# Compared with the whole name: the youth league, and courts above the district
# (市中级人民法院) which carry no district place name.
EXTERNAL_NAME_PREFIXES: tuple[str, ...] = ("团区委", "团县委", "共青团")
EXTERNAL_CONTAINS: tuple[str, ...] = ("法院", "检察院", "人大常委会", "政协")

_SPACE_RE = re.compile(r"\s+")
_LEVEL = ("区", "县")


def _fold(text: str) -> str:
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text or ""))


def _place_forms(places: Iterable[str]) -> tuple[str, ...]:
    """河东 → 河东区, 河东县, 河东; longest first so 河东区 goes before 河东."""
    forms = set()
    for place in places:
        place = _fold(place)
        if not place:
            continue
        stem = place[:-1] if len(place) > 2 and place.endswith(_LEVEL) else place
        forms.update({place, stem, *(stem + level for level in _LEVEL)})
    return tuple(sorted(forms, key=len, reverse=True))


def _strip_place(text: str, places: tuple[str, ...]) -> str:
    """Drop a leading place name, then a leading 区/县."""
    for place in places:
        if text.startswith(place) and len(text) > len(place):
            text = text[len(place) :]
            break
    if text.startswith(_LEVEL) and len(text) > 1:
        text = text[1:]
    return text


def normalise(name: str, places: Iterable[str] = ()) -> str:
    """The comparison key of a unit name; the same function is applied to both sides."""
    return _normalise(name, _place_forms(places))


def _normalise(name: str, forms: tuple[str, ...]) -> str:
    key = _strip_place(_fold(name), forms)
    for place in forms:  # 公安示范分局 / 公安河东分局 → 公安分局
        if key.endswith(place + "分局") and len(key) > len(place) + 2:
            key = key[: -len(place) - 2] + "分局"
            break
    key = key.replace("和", "").replace("与", "")
    for _ in range(3):
        folded = _ABBREVIATION_RE.sub(lambda m: _ABBREVIATION_MAP[m[0]], key)
        if folded == key:
            break
        key = folded
    return key


def _group_key(name: str, places: tuple[str, ...]) -> str:
    return _strip_place(_fold(name).removeprefix("全"), places)  # 全区各镇街 → 各镇街


class UnitIndex:
    """Lookup tables over one district's units, built once for a whole plan."""

    def __init__(self, units: Iterable[UnitRef], place_names: Iterable[str] = ()):
        self.units = [u for u in units if u.kind != COMMUNITY]
        places = list(place_names)
        for unit in self.units:
            if unit.kind == GOVERNMENT and unit.name.endswith("人民政府"):
                places.append(unit.name.removesuffix("人民政府"))
        self.places = _place_forms(places)
        self.exact: dict[str, dict[str, str]] = {}  # text -> {code: how}
        self.normal: dict[str, set[str]] = {}
        for unit in self.units:
            for text, how in (
                (unit.name, "exact"),
                (unit.short_name, "exact"),
                *((alias, "alias") for alias in unit.aliases),
            ):
                text = (text or "").strip()
                if not text:
                    continue
                self.exact.setdefault(text, {}).setdefault(unit.code, how)
                key = _normalise(text, self.places)
                if key:
                    self.normal.setdefault(key, set()).add(unit.code)
        self.groups = {
            _group_key(spelling, self.places): kind
            for spellings, kind in GROUPS
            for spelling in spellings
        }

    def _ordered(self, codes: Iterable[str]) -> list[str]:
        wanted = set(codes)
        return [u.code for u in self.units if u.code in wanted]

    def _members(self, kind: str) -> list[str]:
        def township_named(*suffixes):
            return [
                u.code
                for u in self.units
                if u.kind == TOWNSHIP
                and _fold(u.name).removesuffix("人民政府").removesuffix("办事处").endswith(suffixes)
            ]

        if kind == "townships":
            return [u.code for u in self.units if u.kind == TOWNSHIP]
        if kind == "streets":
            return township_named("街道")
        if kind == "towns":
            return township_named("镇", "乡")
        if kind == "departments":
            return [u.code for u in self.units if u.kind == DEPARTMENT]
        if kind == "enforcement":
            return [u.code for u in self.units if u.kind == DEPARTMENT and u.is_enforcement_agency]
        if kind == "administrative":
            return [u.code for u in self.units if u.kind in (GOVERNMENT, DEPARTMENT, TOWNSHIP)]
        raise ValueError(kind)

    def _is_party(self, folded: str) -> bool:
        """区委… / 县委… / 河东区委…: the party committee's organs."""
        if folded.startswith(PARTY_PREFIXES):
            return True
        return any(
            folded.startswith(place + "委") for place in self.places if place.endswith(_LEVEL)
        )

    def resolve(self, name: str) -> Resolution:
        listed = (name or "").strip()
        found = self.exact.get(listed, {})
        if len(found) == 1:
            ((code, how),) = found.items()
            return Resolution(name, MATCHED, [code], how)
        if len(found) > 1:
            return Resolution(name, UNMATCHED, [], "", self._ordered(found))

        key = _normalise(listed, self.places)
        codes = self.normal.get(key, set()) if key else set()
        if not codes and key.endswith("分局"):
            codes = self.normal.get(key.removesuffix("分局") + "局", set())
        if len(codes) == 1:
            return Resolution(name, MATCHED, list(codes), "normalised")
        if len(codes) > 1:
            return Resolution(name, UNMATCHED, [], "", self._ordered(codes))

        group = self.groups.get(_group_key(listed, self.places))
        if group:
            members = self._members(group)
            if members:
                return Resolution(name, GROUP, members, "group")
            return Resolution(name, UNMATCHED, [], "")

        folded = _fold(listed)
        if (
            self._is_party(folded)
            or _strip_place(folded, self.places).startswith(EXTERNAL_PREFIXES)
            or folded.startswith(EXTERNAL_NAME_PREFIXES)
            or any(word in folded for word in EXTERNAL_CONTAINS)
        ):
            return Resolution(name, EXTERNAL, [], "external")
        return Resolution(name, UNMATCHED, [], "")


def resolve_names(
    names: list[str], units: list[UnitRef], place_names: tuple[str, ...] = ()
) -> list[Resolution]:
    """One Resolution per listed name, in the same order (duplicates included)."""
    index = UnitIndex(units, place_names)
    return [index.resolve(name) for name in names]


def lead_code(resolutions: Iterable[Resolution]) -> str | None:
    """The lead unit: the first name resolved to exactly one unit (see module docstring)."""
    for resolution in resolutions:
        if resolution.status == MATCHED and len(resolution.codes) == 1:
            return resolution.codes[0]
    return None
