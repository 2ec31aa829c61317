"""Enforcement clocks on the deadline board.

* 处罚 decision: 90 calendar days from 立案 (行政处罚法 第60条; calendar days, 第85条),
  extension only with approval recorded.
* 许可 decision: 20 working days from acceptance, +10 with the head's approval
  (行政许可法 第42条; working days, 第82条).
* Other kinds: the district's convention (``conf.other_decision_days``).
* Hearing request: 5 working days from the 告知 (第64条第1项).
* Publication: 7 working days (许可、处罚) or 20 (others) from the decision (国办发〔2018〕118号).
* Withdrawal of a published decision: 3 working days (第48条第2款).
* 送达 of a penalty decision: 7 working days from the decision (第61条; "七日" is working
  days under 第85条). A decision handed over on the spot is served the same day, which
  completes the clock on time; a party not present is served within the period.
* Certificate expiry: the certificate's last valid day (FIXED), warned ahead.
"""

from fazhi.core.deadlines import CALENDAR, FIXED, WORKING, Clock, register_clock

from . import conf

PENALTY = "enforcement.penalty_decision"
LICENSE = "enforcement.license_decision"
OTHER = "enforcement.other_decision"
HEARING_REQUEST = "enforcement.hearing_request"
PUBLICATION = "enforcement.publication"
PUBLICATION_OTHER = "enforcement.publication_other"
WITHDRAWAL = "enforcement.withdrawal"
CERTIFICATE = "enforcement.certificate"
TRAINING = "enforcement.training"
SERVICE = "enforcement.service"

register_clock(
    Clock(
        code=PENALTY,
        name="行政处罚案件作出决定",
        basis="《行政处罚法》第六十条",
        length=conf.penalty_decision_days(),
        unit=CALENDAR,
        start="立案之日",
        pausable=True,
        pause_reasons=("听证", "检测、检验、检疫、鉴定"),
        extension_max=conf.penalty_extension_days(),
        extension_approver="本行政机关负责人",
        warn_days=10,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=LICENSE,
        name="行政许可作出决定",
        basis="《行政许可法》第四十二条",
        length=conf.license_working_days(),
        unit=WORKING,
        start="受理申请之日",
        pausable=True,
        pause_reasons=("听证", "检验、检测、检疫、鉴定、专家评审"),
        extension_max=conf.license_extension_days(),
        extension_approver="本行政机关负责人",
        warn_days=3,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=OTHER,
        name="行政执法案件办结",
        basis="本区执法案件办理时限（无统一法定期限的执法行为）",
        length=conf.other_decision_days(),
        unit=CALENDAR,
        start="立案之日",
        warn_days=10,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=HEARING_REQUEST,
        name="当事人申请听证",
        basis="《行政处罚法》第六十四条第一项",
        length=conf.hearing_request_working_days(),
        unit=WORKING,
        start="告知听证权利之日",
        warn_days=2,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=PUBLICATION,
        name="行政许可、行政处罚决定公示",
        basis="《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）",
        length=conf.publication_working_days("penalty"),
        unit=WORKING,
        start="作出决定之日",
        warn_days=2,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=PUBLICATION_OTHER,
        name="其他行政执法决定公示",
        basis="国办发〔2018〕118号",
        length=conf.publication_working_days("other"),
        unit=WORKING,
        start="作出决定之日",
        warn_days=5,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=WITHDRAWAL,
        name="撤回已公示的执法决定",
        basis="《行政处罚法》第四十八条第二款",
        length=conf.withdrawal_working_days(),
        unit=WORKING,
        start="决定被变更、撤销或确认违法、无效之日",
        warn_days=1,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=CERTIFICATE,
        name="行政执法证件有效期届满",
        basis="行政执法证件管理规定（证件有效期届满前应当办理换证）",
        length=0,
        unit=FIXED,
        start="证件有效期最后一日",
        warn_days=conf.certificate_warn_days(),
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=TRAINING,
        name="执法人员年度培训学时",
        basis=f"国办发〔2018〕118号、法治政府建设实施纲要（2021—2025年）：每人每年不少于"
        f"{conf.training_hours_minimum()}学时（本平台可设置）",
        length=0,
        unit=FIXED,
        start="当年12月31日前完成",
        warn_days=45,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=SERVICE,
        name="行政处罚决定书送达",
        basis="《行政处罚法》第六十一条（当事人不在场的，七日内送达；七日指工作日，第八十五条）",
        length=conf.service_working_days(),
        unit=WORKING,
        start="作出决定之日（当场交付的，当日即为送达）",
        warn_days=2,
        module="enforcement",
    )
)


def decision_clock(kind: str) -> str:
    if kind == "penalty":
        return PENALTY
    if kind == "license":
        return LICENSE
    return OTHER


def publication_clock(kind: str) -> str:
    return PUBLICATION if kind in ("license", "penalty") else PUBLICATION_OTHER
