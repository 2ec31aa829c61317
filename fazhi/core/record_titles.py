"""Names, not codes, for the records events point at (issue 12, point 5): the full-process
record lists each event's record by its title (the model's ``__str__``), linked to the
record's page (its ``get_absolute_url``), and the unit by name, never ``app.model:42``.

Core stays ignorant of the modules: the model comes from Django's app registry by the
event's record type; a module gives its records a page by defining ``get_absolute_url``,
and a page only some may open (a district-wide one) names the access action it requires
in the model's ``page_action``: others see the title without a link (no dead end).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import access
from .events import state_model
from .models import OrgUnit


@dataclass
class RecordTitle:
    kind: str  # the model's verbose name: 合法性审查, 工作进展…
    title: str  # the record's own name, or a note that it no longer exists
    url: str = ""


# Record types that are not one row (a batch import) and have no model to name them.
BATCH_KINDS = {"import": "批量导入"}


def titles(events, user=None) -> dict[tuple[str, str], RecordTitle]:
    """(record_type, record_id) → what to show, for a page of events (one query per type)."""
    ids: dict[str, set[str]] = defaultdict(set)
    for ev in events:
        ids[ev.record_type].add(ev.record_id)
    out: dict[tuple[str, str], RecordTitle] = {}
    for record_type, record_ids in ids.items():
        model = state_model(record_type)
        if model is None:
            kind = BATCH_KINDS.get(record_type.rpartition(".")[2], "其他记录")
            for rid in record_ids:
                # Such a record is named by its id (a batch import by its source's name);
                # a bare number names nothing a reader knows.
                out[record_type, rid] = RecordTitle(kind, "" if rid.isdigit() else rid)
            continue
        kind = str(model._meta.verbose_name)
        action = getattr(model, "page_action", None)
        linked = action is None or (user is not None and access.can(user, action))
        pk = model._meta.pk
        wanted = []
        for rid in record_ids:
            try:
                wanted.append(pk.to_python(rid))
            except Exception:  # a record id that is not this model's key: nothing to fetch
                continue
        found = {str(o.pk): o for o in model._default_manager.filter(pk__in=wanted)}
        for rid in record_ids:
            obj = found.get(rid)
            if obj is None:
                out[record_type, rid] = RecordTitle(kind, "（已删除）")
                continue
            url = obj.get_absolute_url() if linked and hasattr(obj, "get_absolute_url") else ""
            out[record_type, rid] = RecordTitle(kind, str(obj), url)
    return out


def unit_names(events) -> dict[str, str]:
    """Unit code → the unit's name, for the units events were written under."""
    codes = {ev.unit_code for ev in events if ev.unit_code}
    return dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "name"))


def label(events, user=None) -> list:
    """Give each event of a page ``record`` (a RecordTitle) and ``unit_name``."""
    events = list(events)
    found = titles(events, user)
    names = unit_names(events)
    for ev in events:
        ev.record = found[ev.record_type, ev.record_id]
        ev.unit_name = names.get(ev.unit_code, "")
    return events
