"""Core's part of the demo district 示范区: its org units and one account per role.

Fictional names modelled on a real district's structure; deterministic, so every build
gives the same district. Other modules add their year of records through
``registry.register_demo``.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from .identifiers import make_uscc
from .models import OrgUnit, Role, User
from .registry import register_demo
from .services import save_unit, save_user

AREA = "990105"  # fictional 行政区划代码 (99 is no real province)

# (code, name, short name, aliases, enforcement agency)
DEPARTMENTS = [
    ("D01", "示范区人民政府办公室", "区政府办", "区政府办公室", False),
    ("D02", "示范区发展和改革局", "区发改局", "区发展改革局", True),
    ("D03", "示范区教育和体育局", "区教体局", "区教育局", True),
    ("D04", "示范区科学技术局", "区科技局", "", False),
    ("D05", "示范区工业和信息化局", "区工信局", "", True),
    ("D06", "示范区公安分局", "区公安分局", "公安示范分局", True),
    ("D07", "示范区民政局", "区民政局", "", True),
    ("D08", "示范区司法局", "区司法局", "区委依法治区办、依法治区办", True),
    ("D09", "示范区财政局", "区财政局", "", True),
    ("D10", "示范区人力资源和社会保障局", "区人社局", "区人力资源社会保障局", True),
    ("D11", "示范区自然资源和规划局", "区自然资源局", "区自然资源规划局", True),
    ("D12", "示范区生态环境分局", "区生态环境分局", "市生态环境局示范区分局", True),
    ("D13", "示范区住房和城乡建设局", "区住建局", "区住房城乡建设局", True),
    ("D14", "示范区交通运输局", "区交通运输局", "", True),
    ("D15", "示范区水利局", "区水利局", "区水务局", True),
    ("D16", "示范区农业农村局", "区农业农村局", "", True),
    ("D17", "示范区商务局", "区商务局", "", True),
    ("D18", "示范区文化和旅游局", "区文旅局", "区文化旅游局", True),
    ("D19", "示范区卫生健康局", "区卫健局", "区卫生健康委", True),
    ("D20", "示范区退役军人事务局", "区退役军人局", "", True),
    ("D21", "示范区应急管理局", "区应急局", "", True),
    ("D22", "示范区审计局", "区审计局", "", True),
    ("D23", "示范区市场监督管理局", "区市场监管局", "区市场监督局", True),
    ("D24", "示范区统计局", "区统计局", "", True),
    ("D25", "示范区医疗保障局", "区医保局", "", True),
    ("D26", "示范区综合行政执法局", "区综合执法局", "区城市管理局、区城管局", True),
    ("D27", "示范区信访局", "区信访局", "", False),
    ("D28", "示范区行政审批服务局", "区行政审批局", "区政务服务中心", True),
    ("D29", "示范区大数据中心", "区大数据中心", "区数据局", False),
    ("D30", "示范区机关事务服务中心", "区机关事务中心", "", False),
    ("D31", "示范区民族宗教事务局", "区民宗局", "", True),
    ("D32", "示范区人民防空办公室", "区人防办", "", True),
    ("D33", "示范区粮食和物资储备局", "区粮储局", "", True),
    ("D34", "示范区投资促进局", "区投促局", "", False),
    ("D35", "示范区乡村振兴局", "区乡村振兴局", "", False),
    ("D36", "示范区林业局", "区林业局", "", True),
    ("D37", "示范区档案馆", "区档案馆", "区档案局", True),
    ("D38", "示范区地方金融监督管理局", "区金融局", "区金融办", False),
    ("D39", "示范区国有资产监督管理局", "区国资局", "", False),
    ("D40", "示范区消防救援大队", "区消防救援大队", "", True),
    ("D41", "示范区税务局", "区税务局", "", True),
]

# (code, name, communities)
TOWNSHIPS = [
    ("T01", "城关街道", ["东门社区", "西门社区", "文昌社区"]),
    ("T02", "东城街道", ["朝阳社区", "滨河社区"]),
    ("T03", "西城街道", ["锦绣社区", "和平社区"]),
    ("T04", "南湖街道", ["湖滨社区", "荷花社区"]),
    ("T05", "北山镇", ["北山村", "石门村", "杨家庄村"]),
    ("T06", "青石镇", ["青石村", "河湾村"]),
    ("T07", "柳河镇", ["柳河村", "前进村", "新庄村"]),
    ("T08", "白云镇", ["白云村", "三里铺村"]),
    ("T09", "桃源乡", ["桃源村", "李家沟村"]),
    ("T10", "石桥镇", ["石桥村", "高家村", "王家坝村"]),
]

DEMO_PASSWORD = "Fazhi#2025demo"

SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "海燕",
    "国庆",
    "丽娟",
    "文博",
    "晓东",
    "春燕",
    "立新",
    "明辉",
    "雪梅",
    "振宇",
    "淑芬",
    "俊杰",
    "玉兰",
    "宏伟",
    "静怡",
    "家豪",
    "佳琪",
]

# (username, full name, unit code, roles, what the account is for)
ACCOUNTS = [
    ("admin", "周建国", "D08", [Role.ADMIN], "系统管理员"),
    ("coordinator", "林晓燕", "D08", [Role.COORDINATOR], "依法治区办统筹人员（区司法局）"),
    ("leader", "陈立新", "G00", [Role.LEADER], "区政府分管领导"),
    ("sfj_clerk", "王海涛", "D08", [Role.CLERK], "区司法局经办人"),
    ("sfj_legal", "赵敏", "D08", [Role.LEGAL_REVIEWER], "区司法局法制审核人员"),
    ("scjg_clerk", "刘洋", "D23", [Role.CLERK], "区市场监管局经办人"),
    ("scjg_reviewer", "孙丽华", "D23", [Role.REVIEWER], "区市场监管局审核人"),
    ("scjg_legal", "郑伟", "D23", [Role.LEGAL_REVIEWER], "区市场监管局法制审核人员"),
    ("zjj_clerk", "吴春梅", "D13", [Role.CLERK], "区住建局经办人"),
    ("zhzf_clerk", "何志强", "D26", [Role.CLERK], "区综合执法局经办人"),
    ("chengguan_clerk", "黄静", "T01", [Role.CLERK], "城关街道经办人"),
    ("beishan_clerk", "马俊", "T05", [Role.CLERK], "北山镇经办人"),
]


def _unit(
    code, name, kind, parent, *, short="", aliases="", enforcement=False, order=0, category="1"
):
    unit = OrgUnit(
        code=code,
        name=name,
        short_name=short,
        aliases=aliases,
        kind=kind,
        parent=parent,
        is_enforcement_agency=enforcement,
        sort_order=order,
    )
    if kind != OrgUnit.Kind.COMMUNITY:
        # Organisation-code body: a fixed prefix and the unit's order, so codes are stable.
        unit.uscc = make_uscc("1", category, AREA, f"MB{order:06d}")
    return save_unit(unit, None)


def _account(user: User, roles: list[str], password_hash: str) -> User:
    user = save_user(user, roles, None)
    # One hash for every demo account: hashing is deliberately slow, the password is shared.
    User.objects.filter(pk=user.pk).update(password=password_hash)
    user.password = password_hash
    return user


@register_demo("core", order=0)
def build(ctx) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    gov = _unit(
        "G00",
        "示范区人民政府",
        OrgUnit.Kind.GOVERNMENT,
        None,
        short="区政府",
        aliases="区人民政府",
        order=0,
    )
    ctx.units["G00"] = gov
    for i, (code, name, short, aliases, enf) in enumerate(DEPARTMENTS, start=1):
        ctx.units[code] = _unit(
            code,
            name,
            OrgUnit.Kind.DEPARTMENT,
            gov,
            short=short,
            aliases=aliases,
            enforcement=enf,
            order=i,
        )
    for i, (code, name, communities) in enumerate(TOWNSHIPS, start=1):
        town = _unit(
            code,
            name,
            OrgUnit.Kind.TOWNSHIP,
            gov,
            short=name,
            aliases=f"示范区{name}",
            enforcement=True,
            order=100 + i,
        )
        ctx.units[code] = town
        for j, cname in enumerate(communities, start=1):
            ccode = f"{code}C{j:02d}"
            # Lists order units by sort_order, then code: communities after every township,
            # each township's together.
            ctx.units[ccode] = _unit(
                ccode,
                f"{name}{cname}",
                OrgUnit.Kind.COMMUNITY,
                town,
                short=cname,
                order=(100 + i) * 100 + j,
            )
    for username, full_name, unit_code, roles, _ in ACCOUNTS:
        user = User(
            username=username,
            full_name=full_name,
            unit=ctx.units[unit_code],
            is_staff=Role.ADMIN in roles,
            is_superuser=Role.ADMIN in roles,
        )
        ctx.users[username] = _account(user, roles, password_hash)
    # Every department and township has a clerk (unit_clerk(ctx, "D01") → "d01_clerk").
    named = {a[2] for a in ACCOUNTS if Role.CLERK in a[3]}
    for code, unit in ctx.units.items():
        if unit.kind == OrgUnit.Kind.COMMUNITY or code in named:
            continue
        n = len(ctx.users)
        user = User(
            username=f"{code.lower()}_clerk",
            full_name=SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)],
            unit=unit,
        )
        ctx.users[user.username] = _account(user, [Role.CLERK], password_hash)


def unit_clerk(ctx, code: str) -> User:
    """The demo clerk of a unit (the named account where there is one)."""
    for username, _, unit_code, roles, _ in ACCOUNTS:
        if unit_code == code and Role.CLERK in roles:
            return ctx.users[username]
    return ctx.users[f"{code.lower()}_clerk"]
