"""Normative document clocks on the deadline board.

备案 (filing): N calendar days from publication, N set by provincial rules
(FAZHI_DOCUMENT_FILING_DAYS, default 30; unconfirmed). A FIXED clock whose date is the
last day, so it never depends on a future year's holiday calendar.

有效期 (validity): a warning from 6 months before the 有效期 ends, when the document must be
evaluated (local rules implementing 国办发〔2018〕37号); done when it is evaluated, or ends.
"""

from fazhi.core.deadlines import FIXED, Clock, register_clock

from . import rules

FILING = "documents.filing"
EXPIRY = "documents.expiry"

register_clock(
    Clock(
        code=FILING,
        name="规范性文件报送备案",
        unit=FIXED,
        length=0,
        basis=f"省级规范性文件备案规定（各省规定不一，常见15日或30日；"
        f"本平台设置为{rules.filing_days()}日）",
        start=f"自公布之日起{rules.filing_days()}日内",
        warn_days=7,
        module="documents",
    )
)
register_clock(
    Clock(
        code=EXPIRY,
        name="规范性文件有效期届满",
        unit=FIXED,
        length=0,
        basis=f"有效期届满前{rules.evaluate_months()}个月应当组织评估（地方规范性文件管理规定）",
        start="有效期届满之日",
        warn_days=rules.evaluate_months() * 31,
        module="documents",
    )
)
