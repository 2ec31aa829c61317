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

"Their own unit and the units under it" stops at the government unit: the district
government is the root of the whole tree, so a clerk of the government's office without a
global role acts for that unit only, never for every department and township below it.

A module adds an action with ``register_action`` and can widen the rule for one model
with a ``scope_extra(user, action) -> Q`` classmethod (e.g. a legal review assigned to a
legal reviewer of another unit); ``unit_scope_for`` builds the unit part of such a rule. A
model names its unit field in ``scope_field`` (default ``unit``).

Attachments are read by whoever may read the record they are attached to, for the record
types a module declares with ``attachments_follow_record`` (core's attachment page then
serves them to, e.g., the lead unit reviewing another unit's progress report).

History and clocks follow their record too: an event or a deadline naming a record of a
module's model (one ``restrict`` can scope: a unit foreign key or a ``scope_field``; see
``record_models``) is shown only to those who may view that record (``restrict_events``;
``Deadline.scope_narrow``), so the 法制机构's clerk who cannot open another unit's
legality review cannot read it through its clock, the record list or the API either.
Events of other types (core's own records) keep the rule of the unit they were written
under. A model narrows any rule with a ``scope_narrow(user, action) -> Q`` classmethod.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
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
    return in_unit_scope(user, unit)


def own_unit_only(user) -> bool:
    """True when the user's unit scope is their unit alone, not the units below it: the
    government unit is the ancestor of every unit, so its staff (without a global role)
    would otherwise act for the whole district."""
    return user.unit.kind == OrgUnit.Kind.GOVERNMENT


def in_unit_scope(user, unit: OrgUnit) -> bool:
    """Is ``unit`` the user's own unit or (except for the government unit) below it?"""
    if own_unit_only(user):
        return unit.pk == user.unit_id
    return unit.path.startswith(user.unit.path)


def unit_scope_q(user, field: str = "unit") -> Q:
    """Q for "the user's own unit and the units below it" on a unit foreign key (on
    OrgUnit itself when ``field`` is empty); the government unit's staff get their unit only."""
    if own_unit_only(user):
        return Q(pk=user.unit_id) if field == "" else Q(**{field: user.unit_id})
    if field == "":
        return Q(path__startswith=user.unit.path)
    return Q(**{f"{field}__path__startswith": user.unit.path})


def unit_scope_for(user, action: str, field: str, roles: set[str] | None = None) -> Q:
    """The unit part of a ``scope_extra`` rule: records whose ``field`` unit is in the
    user's unit scope, when the user holds one of ``roles`` (default: the action's unit
    roles); nothing otherwise."""
    roles = _rule(action).unit_roles if roles is None else roles
    if (
        not getattr(user, "is_authenticated", False)
        or user.unit_id is None
        or not user.role_codes & set(roles)
    ):
        return Q(pk__in=[])
    return unit_scope_q(user, field)


def scope_units(user) -> QuerySet:
    """The org units in the user's unit scope (every unit for a global viewer)."""
    if is_global(user, "view"):
        return OrgUnit.objects.all()
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(unit_scope_q(user, ""))


def can_read_record(user, record_type: str, record_id: str) -> bool:
    """May ``user`` read the record a deadline, event or attachment names by
    (``app.model``, pk)? A type that names no model (a test clock's record) is not ours
    to refuse."""
    from django.apps import apps
    from django.core.exceptions import FieldError, ValidationError

    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError):
        return True
    try:
        return restrict(model._default_manager.filter(pk=record_id), user, "view").exists()
    except FieldError:  # a model without a unit to scope by: not ours to refuse either
        return True
    except (ValueError, ValidationError):  # an id that names no row of that model
        return False


# --- attachments follow their record ---------------------------------------------------

ATTACHMENT_OWNERS: dict[str, type[Model]] = {}


def attachments_follow_record(model: type[Model]) -> type[Model]:
    """Declare that an attachment of a ``model`` record may be read by whoever may read
    the record (``restrict(model, user, "view")``). Usable as a class decorator."""
    ATTACHMENT_OWNERS[model._meta.label_lower] = model
    return model


def attachment_owner_q(user, action: str) -> Q:
    """Attachments whose owning record the user may read (``Attachment.scope_extra``)."""
    q = Q(pk__in=[])
    if action != "view":
        return q
    for label, model in ATTACHMENT_OWNERS.items():
        readable = (
            restrict(model._default_manager.all(), user, "view")
            .order_by()
            .annotate(_ref=Cast("pk", CharField()))
            .values("_ref")
        )
        q |= Q(record_type=label, record_id__in=readable)
    return q


# --- history and clocks follow their record --------------------------------------------

_RECORD_MODELS: dict[str, type[Model]] | None = None


def record_models() -> dict[str, type[Model]]:
    """The modules' record types ``restrict`` can scope, by ``app.model`` label: their
    events and deadlines are shown to whoever may view the record, and to no one else.
    Core's own models (units, accounts, calendar) keep the rule of the event's unit."""
    global _RECORD_MODELS
    if _RECORD_MODELS is None:
        from django.apps import apps

        found = {}
        for model in apps.get_models():
            if model._meta.app_label == "core":
                continue
            unit = next((f for f in model._meta.get_fields() if f.name == "unit"), None)
            unit_fk = unit is not None and getattr(unit, "related_model", None) is OrgUnit
            if hasattr(model, "scope_field") or unit_fk:
                found[model._meta.label_lower] = model
        _RECORD_MODELS = found
    return _RECORD_MODELS


# The record types present in a table (events, deadlines), per process: a subquery is built
# only for those. A type first written by another process shows up within the refresh time;
# until then its rows are hidden from non-global users, never shown to the wrong one.
_PRESENT: dict[str, tuple[float, set[str]]] = {}
PRESENT_REFRESH_SECONDS = 300


def present_record_types(model: type[Model]) -> set[str]:
    label = model._meta.label_lower
    now = time.monotonic()
    hit = _PRESENT.get(label)
    if hit is None or now - hit[0] > PRESENT_REFRESH_SECONDS:
        found = set(
            model._default_manager.order_by().values_list("record_type", flat=True).distinct()
        )
        hit = (now, found | (hit[1] if hit else set()))
        _PRESENT[label] = hit
    return hit[1]


def note_record_type(model: type[Model], record_type: str) -> None:
    """A row of ``record_type`` was written to ``model``'s table (events.append,
    services.start_deadline): this process sees it at once."""
    hit = _PRESENT.get(model._meta.label_lower)
    if hit is not None:
        hit[1].add(record_type)


def readable_records_q(user, table: type[Model]) -> Q:
    """Rows of ``table`` (events, deadlines: ``record_type``/``record_id``) naming a module
    record the user may view: one subquery per record type present in the table, never
    one query per row."""
    q = Q(pk__in=[])
    present = present_record_types(table)
    for label, model in record_models().items():
        if label not in present:
            continue
        readable = (
            restrict(model._default_manager.all(), user, "view")
            .order_by()
            .annotate(_ref=Cast("pk", CharField()))
            .values("_ref")
        )
        q |= Q(record_type=label, record_id__in=readable)
    return q


def follows_record_q(user, table: type[Model]) -> Q:
    """Rows of ``table`` the user may see as far as their record is concerned: those of a
    module record only when the user may view that record; the rest are left to the
    caller's own rule (``Deadline.scope_narrow``)."""
    return ~Q(record_type__in=list(record_models())) | readable_records_q(user, table)


def restrict_events(queryset: QuerySet, user, record_type: str | None = None) -> QuerySet:
    """Events the user may read. A module record's events: whoever may view the record
    (the history on its page, the record list, ``/api/events`` all agree). Other events:
    coordinators, leaders and admins all; others those written under a unit of their scope.
    ``record_type``: the queryset holds events of that type only (a record's history), so
    only its rule is built."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if is_global(user, "view"):
        return queryset
    models = record_models()
    if record_type in models:
        readable = (
            restrict(models[record_type]._default_manager.all(), user, "view")
            .order_by()
            .annotate(_ref=Cast("pk", CharField()))
            .values("_ref")
        )
        return queryset.filter(record_type=record_type, record_id__in=readable)
    own = Q(pk__in=[])
    if user.unit_id is not None and user.role_codes & _rule("view").unit_roles:
        own = Q(unit_code__in=scope_units(user).values("code"))
    if record_type is not None:
        return queryset.filter(own)
    return queryset.filter(
        (own & ~Q(record_type__in=list(models))) | readable_records_q(user, queryset.model)
    )


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
    narrow = getattr(model, "scope_narrow", None)
    if narrow is not None:
        q &= narrow(user, action)
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
