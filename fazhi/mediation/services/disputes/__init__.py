"""矛盾纠纷 from 排查 to 调解终结 and after (人民调解法), one file per procedure:
recording.py (排查登记, corrections), mediating.py (受理、调解、延长、终结), after.py
(司法确认、回访、导入法定途径); checks.py holds what a page and a ledger import share."""

from .after import apply_confirmation, escalate, follow_up, record_confirmation
from .mediating import accept, add_session, conclude, extend_mediation
from .recording import record_dispute, update_dispute

__all__ = [
    "accept",
    "add_session",
    "apply_confirmation",
    "conclude",
    "escalate",
    "extend_mediation",
    "follow_up",
    "record_confirmation",
    "record_dispute",
    "update_dispute",
]
