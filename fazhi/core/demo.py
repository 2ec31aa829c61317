"""Core's part of the demo district 示范区: its org units and one account per role.

Fictional names modelled on a real district's structure; deterministic, so every build
gives the same district. Other modules add their year of records through
``registry.register_demo``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

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


# --- evidence files (佐证材料) -------------------------------------------------------------
#
# Small but valid files for the demo's progress reports, indicator submissions and
# rectification reports, stored through ``services.attach`` by the modules' own services
# (their ``files`` argument). Built from fixed content only — no clock, no random bytes — so
# two builds store byte-identical files.

FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # every ZIP member's date (OOXML files are ZIP archives)

_A4 = (595, 842)
_MARGIN = 72


def _em(ch: str) -> float:
    """Width in em: the CJK font's Latin glyphs are half width (see ``/W`` below)."""
    return 0.5 if ord(ch) < 0x2000 else 1.0


def _wrap(text: str, size: int, width: float) -> list[str]:
    lines, cur, used = [], "", 0.0
    for ch in text:
        w = _em(ch) * size
        if cur and used + w > width:
            lines.append(cur)
            cur, used = "", 0.0
        cur, used = cur + ch, used + w
    return [*lines, cur] if cur else lines


def _ucs2(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A plain A4 PDF: the title centred, then the paragraphs wrapped, in STSong-Light.

    STSong-Light with the UniGB-UCS2-H CMap is one of the standard Chinese fonts every
    PDF reader supplies (PDF 1.4, 5.6.3 and 5.9), so nothing is embedded and text is
    written as UCS-2 codes."""
    page_w, page_h = _A4
    body_w = page_w - 2 * _MARGIN
    body_size, leading = 12, 20
    lines: list[str] = []
    for para in paragraphs:
        lines += _wrap("\u3000\u3000" + para, body_size, body_w) if para else [""]
    per_page = int((page_h - 2 * _MARGIN - 40) // leading)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]

    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    tree = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
        b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120"
        b" /CapHeight 880 /StemV 93 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
        b" /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H"
        b" /Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>" % cid_font
    )
    kids = []
    for n, page in enumerate(pages):
        ops = []
        top = page_h - _MARGIN
        if n == 0:
            size = 18
            width = sum(_em(ch) for ch in title) * size
            x = max(_MARGIN, (page_w - width) / 2)
            ops.append(f"BT /F1 {size} Tf {x:.1f} {top - size} Td <{_ucs2(title)}> Tj ET")
            top -= size + 30
        ops.append(f"BT /F1 {body_size} Tf {leading} TL {_MARGIN} {top - body_size} Td")
        ops += [f"<{_ucs2(line)}> Tj T*" for line in page]
        ops.append("ET")
        stream = "\n".join(ops).encode("ascii")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d]"
                b" /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, page_w, page_h, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = add(b"<< /Title <FEFF%s> >>" % _ucs2(title).encode("ascii"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every member dated FIXED_TIME (zipfile stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return buffer.getvalue()


def xlsx_bytes(title: str, header: list[str], rows: list[list], *, author: str = "") -> bytes:
    """A one-sheet workbook: the title in A1, the header row, the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for col, width in zip("ABCDEFGH", (8, 36, 10, 14, 12, 30), strict=False):
        ws.column_dimensions[col].width = width
    stamp = dt.datetime(*FIXED_TIME)
    wb.properties.creator = wb.properties.lastModifiedBy = author or "示范区"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time as "modified".
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip(buffer.getvalue())


def evidence_file(name: str, data: bytes) -> ContentFile:
    """An in-memory upload for the services' ``files`` argument."""
    return ContentFile(data, name=name)


def evidence_pdf(name: str, title: str, paragraphs: list[str]) -> ContentFile:
    return evidence_file(name, pdf_bytes(title, paragraphs))


def evidence_xlsx(name: str, title: str, header: list[str], rows: list[list], **kw) -> ContentFile:
    return evidence_file(name, xlsx_bytes(title, header, rows, **kw))
