"""Who acts on a 信访事项 (信访工作条例 第二十二、二十三条): the unit that registered it (its
信访部门 or the agency that received it) registers and routes it, tracks its 复查 and 复核;
the unit it was transferred or assigned to (``handling_unit``) gives the acceptance notice,
handles it and concludes it, and may object that it is not the right agency. Both read it;
coordinators read and act on all, leaders read all; any other unit never sees it."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Role

# The handling unit's steps (告知、延期、办结、异议).
HANDLE = "petition_handle"

access.register_action(HANDLE, {Role.COORDINATOR, Role.ADMIN}, {Role.CLERK, Role.REVIEWER})


def scope_extra(user, action: str) -> Q:
    """The handling unit reads the petitions routed to it and acts on its steps."""
    if action in ("view", HANDLE):
        return access.unit_scope_for(user, action, "handling_unit")
    return Q(pk__in=[])


def scope_narrow(user, action: str) -> Q:
    """The handling steps are the handling unit's only (not the registering unit's, unless
    it handles the petition itself)."""
    if action == HANDLE:
        return access.unit_scope_for(user, action, "handling_unit")
    return Q()
