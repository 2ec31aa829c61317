"""Every write leaves its event in the full-process record, in the same transaction
(issue 18 point 2; 行政处罚法 第47条 全过程记录; fazhi/core/events.py).

On the demo district (tests/conftest.py), as each persona that may write somewhere, the
walk visits the pages the persona reaches and POSTs every form it finds — with garbage
("abc" and empty in every field), then with the values the page offers (placeholders
replaced by values that pass the checks, a small PDF where a file is asked for) — and
POSTs to every writing URL pattern (a view that reads POST data) that no form reached.
Around each POST it takes a fingerprint of every table (row count and a hash of the rows,
tables listed in ``NOT_RECORDS`` excepted) and checks:

* nothing changed, or the full-process record grew;
* every ``events.append`` ran inside a transaction the application opened (the test's
  own transaction does not count: in production there is none, and append refuses);
* the change and its event commit together: the plausible POST is first made with
  ``events.append`` raising right after it appended, and then nothing may have persisted
  (a change written outside the service's transaction would survive the exception);
* after the walk, ``check-records`` finds no record changed or deleted after its last
  event that it did not find before (``events.verify_states``).
"""

from __future__ import annotations

import hashlib
import inspect
import time
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver

from .test_no_500 import NOT_WALKED, Walk, _Forms, _seeds, _url_name

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.strict_db]

# Tables outside the fingerprint, with the reason. Everything else is a record (or part of
# one) that only a service may change.
NOT_RECORDS = {
    "django_session": "login sessions (and the messages they carry) are not records",
    "core_loginattempt": "the login throttle's bookkeeping",
    "core_logincounter": "the throttles' counters (login, and the 行政复议 portal's "
    "applications and status look-ups per address)",
    "core_event": "the full-process record itself: its growth is what is checked",
    "core_chainhead": "the record's chain head, which moves with every event",
    "sqlite_sequence": "SQLite's autoincrement counters",
    "django_admin_log": "Django admin's own log (the admin is not walked)",
    "core_notification": "a person's inbox (core/notify.py): messages and read marks, "
    "not a record of the work",
    "core_notificationpreference": "a person's choice between immediate mail and a digest",
    "core_jobrun": "the scheduled jobs' run log",
}
# Prefixes of derived tables: the documents' full-text index, rebuilt from the documents by
# `fazhi documents reindex`, so a cache of records rather than a record.
NOT_RECORDS_PREFIXES = ("documents_bigrams",)

# Writing patterns the walk does not POST to, with the reason.
NOT_POSTED = {
    "core:logout": "would end the session the walk uses",
    "core:login": "authentication: writes only the session and the login throttle",
    "core:switch_unit": "chooses the unit acted for: writes only the session",
}

# Who writes: every role of the demo, a township's clerk, and the public (comments on
# consultations, online applications).
PERSONAS = [
    "coordinator",
    "admin",
    "sfj_clerk",
    "sfj_legal",
    "scjg_clerk",
    "scjg_reviewer",
    "scjg_legal",
    "zjj_clerk",
    "leader",
    None,
    # A township's clerk, last (its writes change nothing the others walk): the disputes of
    # 人民调解 are the township's own records.
    "chengguan_clerk",
]


def _valid_uscc() -> str:
    from fazhi.core.identifiers import uscc_check_char

    first17 = "91330100MA2C0WALK"
    return first17 + uscc_check_char(first17)


def _plausible_values() -> dict[str, str]:
    """Values that pass the forms' checks, by field name (without the form's prefix), for
    the fields a page leaves empty. The dates a period is checked against are the server's
    today, so they are counted from it."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()  # the module's fixed today
    return {
        "year": str(today.year),
        "start_year": str(today.year + 1),
        "end_year": str(today.year + 5),
        "phone": "13800138000",
        "uscc": _valid_uscc(),
        "counterparty_uscc": _valid_uscc(),
        "code": "W99",
        "username": "walk_user",
        "password": "Walk#pass-2025x",
        "body": "建议延长办理时限，方便群众办事。",
        "points": "1",
        "attendees": "7",
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=40)).isoformat(),
        "start": (today - dt.timedelta(days=30)).isoformat(),
        "end": (today + dt.timedelta(days=30)).isoformat(),
        "contract_start": (today - dt.timedelta(days=30)).isoformat(),
        "contract_end": (today + dt.timedelta(days=300)).isoformat(),
        "report_due": (today + dt.timedelta(days=30)).isoformat(),
        "due": (today + dt.timedelta(days=30)).isoformat(),
    }


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PLACEHOLDERS = {"", "测试", "测试内容", "1", "2025-06-30"}


def plausible(form: dict, button: dict) -> dict:
    """What the page filled in, with the placeholder values of empty fields replaced by
    values that pass the forms' checks."""
    values = _plausible_values()
    data = {**form["hidden"], **form["fields"], **button}
    for key, value in form["fields"].items():
        bare = key.rsplit("-", 1)[-1]
        if value in PLACEHOLDERS and bare in values:
            data[key] = values[bare]
    data.update(form.get("checked", {}))
    for key in form.get("files", []):
        if key:  # a small real PDF: evidence, materials and attachments take one
            data[key] = SimpleUploadedFile("材料.pdf", PDF, content_type="application/pdf")
    return data


class Injected(Exception):
    """Raised by events.append right after appending, in the rollback run."""


def _is_record_table(name: str) -> bool:
    return name not in NOT_RECORDS and not name.startswith(NOT_RECORDS_PREFIXES)


def fingerprint(tables=None) -> dict[str, tuple[int, str]]:
    """table -> (row count, hash of its rows), for every record table or only ``tables``."""
    out = {}
    with connection.cursor() as cur:
        names = connection.introspection.table_names(cur) if tables is None else tables
        for table in names:
            if not _is_record_table(table):
                continue
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows = cur.fetchall()
            out[table] = (len(rows), hashlib.md5(repr(rows).encode()).hexdigest())
    return out


def event_count() -> int:
    from fazhi.core.models import Event

    return Event.objects.count()


def _changes() -> int | dict[str, int] | None:
    """A cheap way to know what was written since the last look, so that the fingerprint of
    the unchanged tables need not be taken again. SQLite: the count of rows changed on this
    connection (any change means every table is fingerprinted again). PostgreSQL: per table,
    the rows inserted, updated and deleted so far in the current transaction (the walk runs
    inside the test's transaction; rolled-back savepoints still count, so a table whose
    counter has not moved cannot have changed), and only the tables whose counter moved are
    fingerprinted again. None elsewhere: fingerprint everything each time."""
    raw = connection.connection
    total = getattr(raw, "total_changes", None)
    if total is not None or connection.vendor != "postgresql":
        return total
    with connection.cursor() as cur:
        cur.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {name: n for name, n in cur.fetchall() if n}


def writing_patterns(patterns=None, prefix="", ns="") -> dict[str, str]:
    """URL name -> route of every office or portal pattern whose view reads POST data."""
    out: dict[str, str] = {}
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            out |= writing_patterns(p.url_patterns, prefix + str(p.pattern), sub)
            continue
        name = f"{ns}:{p.name}" if ns else str(p.name)
        if name.startswith(("admin:", "api:")):
            continue
        try:
            src = inspect.getsource(inspect.unwrap(p.callback))
        except (OSError, TypeError):
            src = ""
        if "POST" in src:
            out[name] = prefix + str(p.pattern)
    return out


class _FormsChecked(_Forms):
    """The forms of a page, remembering every checked box of a group (a user's roles):
    posting only one of them back would take the others away."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "input" and self._form is not None and a.get("type", "").lower() == "file":
            self._form.setdefault("files", []).append(a.get("name") or "")
        if (
            tag == "input"
            and self._form is not None
            and a.get("type", "").lower() == "checkbox"
            and "checked" in a
            and a.get("name")
        ):
            self._form.setdefault("checked", {}).setdefault(a["name"], []).append(
                a.get("value") or "on"
            )


class WriteWalk(Walk):
    def __init__(self, client: Client, persona: str | None):
        super().__init__(client)
        self.persona = persona
        self.violations: list[str] = []
        self.posted: dict[str, set[str]] = {}  # url name -> {"garbage", "plausible"}
        self.wrote: set[str] = set()
        self.print = fingerprint()
        self.mark = _changes()
        self.base_depth = 0
        self.outside: list[str] = []
        self.inject = False

    # --- the check around one POST -------------------------------------------------------

    def _refresh(self):
        now = _changes()
        if isinstance(now, dict):
            moved = [t for t in now.keys() | self.mark.keys() if now.get(t) != self.mark.get(t)]
            if moved:
                self.print = {**self.print, **fingerprint(moved)}
            self.mark = now
        elif now is None or now != self.mark:
            self.print = fingerprint()
            self.mark = _changes()

    def checked_post(self, path: str, data: dict, label: str, kind: str, inject=False):
        name = _url_name(urlsplit(path).path) or path
        self._refresh()
        before_print, before_events = self.print, event_count()
        self.outside = []
        self.inject = inject
        self.base_depth = len(connection.atomic_blocks)
        try:
            resp = self.request("post", path, data, label=label)
        finally:
            self.inject = False
        self._refresh()
        changed = sorted(t for t, v in self.print.items() if before_print.get(t) != v)
        grown = event_count() - before_events
        where = f"[{name}] {self.persona or '公众'} {kind}{' (rollback run)' if inject else ''}"
        if self.outside:
            self.violations.append(f"{where}: events.append outside a transaction {label}")
        if inject and changed:
            self.violations.append(
                f"{where}: {', '.join(changed)} changed although the event was rolled back "
                f"(written outside the service's transaction) {label}"
            )
        elif changed and grown <= 0:
            self.violations.append(f"{where}: {', '.join(changed)} changed without an event")
        if changed and not inject:
            self.wrote.add(name)
        self.posted.setdefault(name, set()).add(kind)
        return resp

    def page(self, path: str) -> _Forms | None:
        resp = self.request("get", path)
        if resp is None:
            return None
        parsed = _FormsChecked()
        if resp.status_code == 200 and "html" in resp.get("Content-Type", ""):
            parsed.feed(resp.content.decode("utf-8", "replace"))
        return parsed

    # --- forms ---------------------------------------------------------------------------

    def post_forms(self, path: str, parsed, done: set):
        for form in parsed.forms:
            if form["method"] != "post":
                continue
            target = urlsplit(urljoin(path, form["action"])).path or path
            name = _url_name(target)
            if name is None or name in NOT_POSTED or name in NOT_WALKED:
                continue
            for bname, bvalue in form["buttons"] or [(None, None)]:
                key = (
                    name,
                    bname,
                    bvalue,
                    tuple(sorted(form["fields"])),
                    tuple(sorted(form["hidden"])),
                )
                if key in done:
                    continue
                done.add(key)
                button = {bname: bvalue} if bname else {}
                action = form["hidden"].get("action")
                label = f"{bname}={bvalue}" if bname else (f"action={action}" if action else "")
                for garbage in ("abc", ""):
                    data = {**form["hidden"], **dict.fromkeys(form["fields"], garbage), **button}
                    self.checked_post(target, data, label, "garbage")
                self.checked_post(target, plausible(form, button), label, "plausible", inject=True)
                self.checked_post(target, plausible(form, button), label, "plausible")
                self._stay_logged_in()

    def _stay_logged_in(self):
        from fazhi.core.models import User

        if not self.persona:
            return
        user = User.objects.get(username=self.persona)
        if self.client.session.get("_auth_user_hash") != user.get_session_auth_hash():
            self.client.force_login(user)


def _state_problems() -> set[str]:
    """Records that ``check-records`` finds changed or deleted after their last event.

    Rows it calls "unrecorded" are left out: child rows (an expert review, a deadline) are
    recorded by events on the record they belong to, and become "unrecorded" as soon as any
    event names their type (an attachment on one of them)."""
    from fazhi.core import events

    return {p.message for p in events.verify_states() if p.kind in ("changed", "deleted")}


@pytest.fixture
def watched_append(monkeypatch):
    """events.append, reporting each call outside an application transaction to the walk
    in progress, and raising after appending when the walk asks for the rollback run."""
    from fazhi.core import events

    real = events.append
    state = {"walk": None}

    def append(**kwargs):
        walk = state["walk"]
        if walk is not None and len(connection.atomic_blocks) <= walk.base_depth:
            walk.outside.append(kwargs.get("action", ""))
        event = real(**kwargs)
        if walk is not None and walk.inject:
            raise Injected(kwargs.get("action", ""))
        return event

    monkeypatch.setattr(events, "append", append)
    return state


def test_every_write_appends_its_event_in_the_same_transaction(demo, db, watched_append):
    from fazhi.core.models import User

    started = time.monotonic()
    # Records that check-records already finds out of step with their last event (none
    # expected): the walk must not add any.
    before_states = _state_problems()
    writing = writing_patterns()
    posted: dict[str, set[str]] = {}
    wrote: set[str] = set()
    violations: list[str] = []
    requests = 0
    done: set = set()
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        if persona:
            client.force_login(User.objects.get(username=persona))
        walk = WriteWalk(client, persona)
        watched_append["walk"] = walk
        visited = walk.crawl(_seeds())
        for path, parsed in visited:
            walk.post_forms(path, parsed, done)
        # Writing patterns no form led to: POST to a page of each this persona could open.
        for name, paths in walk.seen.items():
            if name in writing and name not in NOT_POSTED and not walk.posted.get(name):
                if name in posted:
                    continue
                walk.checked_post(paths[0], {"action": "abc"}, "(no form)", "garbage")
        watched_append["walk"] = None
        requests += walk.requests
        violations += walk.violations
        wrote |= walk.wrote
        for name, kinds in walk.posted.items():
            posted.setdefault(name, set()).update(kinds)
    new_states = sorted(_state_problems() - before_states)
    elapsed = time.monotonic() - started
    never = sorted(set(writing) - set(posted) - set(NOT_POSTED))
    print(
        f"write walk: {requests} requests, {len(posted)} writing patterns POSTed to, "
        f"{len(wrote)} of them wrote something ({sorted(wrote)}); refused or no change "
        f"with the page's own data: {sorted(set(posted) - wrote)}; {elapsed:.0f} s"
    )
    assert not violations, f"{len(violations)} writes without their event:\n" + "\n".join(
        violations
    )
    assert not never, f"writing patterns never POSTed to: {never}"
    # Every record row the walk changed still matches the state its last event recorded.
    assert not new_states, "\n".join(new_states)
    # The walk is not vacuous: plausible data really wrote through most writing views.
    assert len(wrote) >= 25, sorted(wrote)
