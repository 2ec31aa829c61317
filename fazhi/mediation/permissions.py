"""Who may see and do what in 人民调解 (the access actions of ``core.access``).

人民调解法 第五条: the 司法行政部门 of the county guides the 人民调解 of its area, so the
司法局's coordinators read every unit's bodies and disputes and keep the register of bodies
(第十条: it keeps the statistics of the committees); a unit's clerks record and mediate
their own unit's disputes (and those of the villages and communities under a township);
leaders read everything and change nothing.
"""

from __future__ import annotations

from fazhi.core.access import register_action
from fazhi.core.models import Role

# Read a body or a dispute (lists, record pages, exports).
VIEW = "mediation_view"
# Register a body, its members and terms.
BODIES = "mediation_bodies"
# Record a dispute and carry it through mediation (accept, sessions, conclude, 司法确认,
# 回访, 导入法定途径), import a ledger.
DISPUTES = "mediation_disputes"

register_action(
    VIEW,
    {Role.COORDINATOR, Role.LEADER, Role.ADMIN},
    {Role.CLERK, Role.REVIEWER, Role.LEGAL_REVIEWER},
)
register_action(BODIES, {Role.COORDINATOR, Role.ADMIN}, {Role.CLERK})
register_action(DISPUTES, set(), {Role.CLERK})
