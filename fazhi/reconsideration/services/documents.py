"""The numbers of the notices the 行政复议机构 sends (受理通知书, 补正通知书, 不予受理决定书,
答复通知书): a 文号 of its own, given the first time the document is made and kept on the
record, so every later copy of the same document carries the same number.

The 决定书 and the 意见书/建议书 carry the numbers their services gave them
(``Case.decision_number``, ``OpinionLetter.number``); only the notices are numbered here.
Giving a number is a change of the record: it is the 复议机构's (``need_change``) and it is
an event in the full-process record, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core import access

from ..models import Application, Case
from .common import next_number, prefix, record


@dataclass(frozen=True)
class Notice:
    model: type
    field: str
    code: str  # the part of the 文号 after 行复: 示范区行复受〔2025〕12号
    title: str


NOTICES = {
    "acceptance": Notice(Case, "acceptance_notice_number", "受", "受理通知书"),
    "answer": Notice(Case, "answer_notice_number", "答", "答复通知书"),
    "correction": Notice(Application, "correction_notice_number", "补", "补正通知书"),
    "rejection": Notice(Application, "rejection_number", "不受", "不予受理决定书"),
}


@transaction.atomic
def notice_number(obj: Application | Case, kind: str, *, on: dt.date, actor) -> str:
    """The notice's 文号, given now if it has none yet (numbered in the year of the
    notice's date ``on``). Only staff who may change the 复议机构's records give a number;
    others read the notices already made."""
    notice = NOTICES[kind]
    if not isinstance(obj, notice.model):
        raise KeyError(kind)
    current = notice.model.objects.select_for_update().select_related("unit").get(pk=obj.pk)
    number = getattr(current, notice.field)
    if number:
        setattr(obj, notice.field, number)
        return number
    if actor is not None and not access.can(actor, "change", current.unit):
        raise PermissionDenied(
            f"该{notice.title}尚未制作编号：须由行政复议机构的工作人员首次制作后才能下载"
        )
    n = next_number(current.unit, on.year, f"notice_{kind}")
    number = f"{prefix(current.unit)}行复{notice.code}〔{on.year}〕{n}号"
    setattr(current, notice.field, number)
    current.save(update_fields=[notice.field])
    record(current, "recon_document_numbered", actor, current.unit,
           f"制作{notice.title}，文号{number}", {notice.field: ""},
           {notice.field: number})  # fmt: skip
    setattr(obj, notice.field, number)
    return number
