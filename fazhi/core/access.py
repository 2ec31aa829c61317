"""The one access rule: what a person may see and change.

Every list, detail page and API route passes its queryset through ``restrict`` (as NetBox
does), so a list and an object obey the same rule and a clerk of one unit never reaches
another unit's record by any path.

Rule (per action):
- view:   coordinators, leaders and admins everything; everyone else their own unit and
          the units under it (a township sees its villages/communities).
- change: coordinators and admins everything; clerks, reviewers and legal reviewers their
          own unit (and below); leaders read only.
- review: coordinators and admins everything; reviewers their own unit (and below).

A module adds an action with ``register_action`` and can widen the rule for one model
with a ``scope_extra(user, action) -> Q`` classmethod (e.g. a legal review assigned to a
legal reviewer of another unit). A model names its unit field in ``scope_field``
(default ``unit``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import OrgUnit, Role


@dataclass(frozen=True)
class ActionRule:
    global_roles: frozenset[str]
    unit_roles: frozenset[str]


ACTIONS: dict[str, ActionRule] = {}


def register_action(name: str, global_roles: set[str], unit_roles: set[str]) -> None:
    ACTIONS[name] = ActionRule(frozenset(global_roles), frozenset(unit_roles))


register_action(
    "view",
    {Role.COORDINATOR, Role.LEADER, Role.ADMIN},
    {Role.CLERK, Role.REVIEWER, Role.LEGAL_REVIEWER},
)
register_action(
    "change",
    {Role.COORDINATOR, Role.ADMIN},
    {Role.CLERK, Role.REVIEWER, Role.LEGAL_REVIEWER},
)
register_action("review", {Role.COORDINATOR, Role.ADMIN}, {Role.REVIEWER})
register_action("manage_users", {Role.ADMIN}, set())
register_action("manage_calendar", {Role.COORDINATOR, Role.ADMIN}, set())
register_action("manage_units", {Role.COORDINATOR, Role.ADMIN}, set())


def _rule(action: str) -> ActionRule:
    try:
        return ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None


def is_global(user, action: str) -> bool:
    """True when the user's roles grant the action on every unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.role_codes & _rule(action).global_roles)


def can(user, action: str, unit: OrgUnit | None = None) -> bool:
    """May ``user`` perform ``action`` on records of ``unit`` (None: on anything at all)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = _rule(action)
    if user.role_codes & rule.global_roles:
        return True
    if not (user.role_codes & rule.unit_roles) or user.unit_id is None:
        return False
    if unit is None:
        return True
    return unit.path.startswith(user.unit.path)


def unit_scope_q(user, field: str = "unit") -> Q:
    """Q for "the user's own unit and the units below it" on a unit foreign key."""
    if field == "":
        return Q(path__startswith=user.unit.path)
    return Q(**{f"{field}__path__startswith": user.unit.path})


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The queryset cut down to what ``user`` may ``action``. The only access rule."""
    model = queryset.model
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    rule = _rule(action)
    if user.role_codes & rule.global_roles:
        return queryset
    q = Q(pk__in=[])
    if user.role_codes & rule.unit_roles and user.unit_id is not None:
        field = "" if model is OrgUnit else getattr(model, "scope_field", "unit")
        q = unit_scope_q(user, field)
        if "__" in field:
            # A to-many path (a task's responsible units): a subquery keeps rows unique.
            q = Q(pk__in=model._default_manager.filter(q).values("pk"))
    extra = getattr(model, "scope_extra", None)
    if extra is not None:
        q |= extra(user, action)
    return queryset.filter(q)


def get_for(user, queryset: QuerySet, action: str = "view", **lookup) -> Model:
    """One object through ``restrict``; 404 when it does not exist *or* is out of scope,
    so the answer never tells an outsider that the record exists."""
    obj = restrict(queryset, user, action).filter(**lookup).first()
    if obj is None:
        raise Http404("记录不存在或无权访问")
    return obj


def allowed_unit_choices(user, action: str = "change") -> QuerySet:
    """Units the user may create or change records for (forms' unit pickers)."""
    return restrict(OrgUnit.objects.filter(active=True), user, action)
