"""Back-office pages: the catalogue (propose, settle, approve, publish, adjust, re-publish),
the decision list, and one page per procedure of a decision (one file each). Every object
is fetched through core.access; every change goes through services; a refused step comes
back as the same page with the form kept and the Chinese reason, never a 500."""

from .archive import archive, archive_zip
from .base import STEPS, step_status
from .catalog import catalog_detail, catalog_list, catalog_new
from .draft import decision_detail, decision_start
from .evaluation import evaluation
from .execution import execution
from .legality import legality
from .listing import decision_list
from .meeting import meeting
from .participation import participation
from .party import party
from .publish import publish
from .study import expert, risk

__all__ = [
    "STEPS",
    "archive",
    "archive_zip",
    "catalog_detail",
    "catalog_list",
    "catalog_new",
    "decision_detail",
    "decision_list",
    "decision_start",
    "evaluation",
    "execution",
    "expert",
    "legality",
    "meeting",
    "participation",
    "party",
    "publish",
    "risk",
    "step_status",
]
