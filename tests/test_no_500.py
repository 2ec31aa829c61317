"""Bad input never makes the server answer 500.

The whole demo district is built once (tests/conftest.py); then, as the demo coordinator, as a clerk and as
the public, the test walks every page it can reach (every URL pattern without arguments,
and every pattern whose arguments are filled from links on the pages it visits); the first
page of each view it GETs with garbage query parameters, and POSTs every form it finds
there (and the page itself) with garbage in every field. The JSON API is driven from its own OpenAPI schema with
garbage query, path and body parameters. Any 500 (or exception escaping a view) fails
the test, listed with the request and the last line of its traceback.
"""

from __future__ import annotations

import json
import traceback
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.strict_db]

GARBAGE = [
    "abc",
    "NaN",
    "9999-12-31",
    "-1",
    "1e999",
    "x" * 10_000,
    "",
    "99999999999999999999",
    "²",
]

# Garbage tried in one field at a time (the other fields plausible); the whole list is tried
# in all fields at once.
ONE_FIELD_GARBAGE = ["abc", "NaN", "9999-12-31", "99999999999999999999", "x" * 10_000, "²"]
# Fields of one form varied one at a time (a report's edit page has dozens of paragraphs).
MAX_FIELDS_VARIED = 12

# Field names posted to every page (besides the fields of its own forms), so that views
# reading request.POST directly see garbage too.
GENERIC_FIELDS = [
    "action",
    "year",
    "date",
    "start",
    "end",
    "on",
    "due",
    "pk",
    "id",
    "score",
    "points",
    "progress",
    "revoke",
    "reason",
    "name",
    "unit",
    "next",
    "value",
]

# Query parameters tried on every page.
GENERIC_QUERY = ["year", "page", "q", "tab", "period", "kind", "unit", "state", "date"]

# Pages the walk must not touch: logging out would end the session it walks with.
NOT_WALKED = {"core:logout"}

# URL names of the modules legal, consultation, decisions and documents (owned by another
# engineer) where this test finds a 500: skipped here, with the failing request, until that
# engineer fixes them. Empty: the last 500s found there (decisions:list, decisions:catalogs,
# documents:list, documents_public:list on ?year=² and ?year=99999999999999999999) are fixed.
KNOWN_500_IN_OTHER_APPS: dict[str, str] = {}

OTHER_APPS = ("legal", "consultation", "decisions", "documents")

# Pages visited per URL pattern (different arguments); only the first is hammered.
SAMPLES_PER_NAME = 2


# --- discovery --------------------------------------------------------------------------


def _patterns(patterns=None, prefix="", ns=""):
    """(url name, route, converters) for every pattern of the project."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), sub)
        elif isinstance(p, URLPattern):
            name = f"{ns}:{p.name}" if ns else str(p.name)
            yield name, prefix + str(p.pattern), p.pattern.converters


class _Forms(HTMLParser):
    """Links and forms of a page: each form's method, action, fields with a plausible
    value (what the page filled in, else something of the field's type), hidden values and
    named submit buttons."""

    PLAUSIBLE = {"date": "2025-06-30", "number": "1", "email": "a@example.com"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            return
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
                "hidden": {},
                "buttons": [],
            }
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "option" and self._select:
            fields = form["fields"]
            if fields.get(self._select) in (None, "") or "selected" in a:
                fields[self._select] = a.get("value", "")
            return
        if not name or name == "csrfmiddlewaretoken":
            return
        kind = a.get("type", "").lower()
        if tag == "button" or kind == "submit":
            form["buttons"].append((name, a.get("value", "")))
        elif kind == "hidden":
            form["hidden"][name] = a.get("value", "")
        elif kind == "file":
            return
        elif tag == "select":
            self._select = name
            form["fields"].setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            form["fields"][name] = ""
        elif kind in ("checkbox", "radio"):
            if "checked" in a or name not in form["fields"]:
                form["fields"][name] = a.get("value", "on")
        else:
            form["fields"][name] = a.get("value") or self.PLAUSIBLE.get(kind, "测试")

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if (
                self._form is not None
                and self._textarea
                and not self._form["fields"][self._textarea].strip()
            ):
                self._form["fields"][self._textarea] = "测试内容"
            self._textarea = None


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _owner(name: str) -> str:
    return name.split(":")[0].removesuffix("_public")


class Walk:
    def __init__(self, client: Client):
        self.client = client
        self.failures: list[str] = []
        self.seen: dict[str, list[str]] = defaultdict(list)
        self.requests = 0
        self.forms_done: set[tuple] = set()

    def request(self, method: str, path: str, data=None, *, label: str = "", **extra):
        name = _url_name(urlsplit(path).path) or path
        self.requests += 1
        try:
            if method == "get":
                resp = self.client.get(path, **extra)
            else:
                resp = self.client.post(path, data or {}, **extra)
        except Exception as exc:  # every exception escaping a view is a 500
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            self._fail(
                name,
                f"{method.upper()} {path[:200]} {label}: {type(exc).__name__}: "
                f"{str(exc)[:200]} ({tb.filename.split('site-packages/')[-1]}:{tb.lineno})",
            )
            return None
        if resp.streaming:
            # Read through the test client's wrapper (closing the response directly would
            # send request_finished and close the test's database connection).
            b"".join(resp.streaming_content)
        if resp.status_code >= 500:
            self._fail(name, f"{method.upper()} {path[:200]} {label}: status {resp.status_code}")
        return resp

    def _fail(self, name: str, text: str):
        if name in KNOWN_500_IN_OTHER_APPS:
            return
        self.failures.append(f"[{name}] {text}")

    def page(self, path: str) -> _Forms | None:
        resp = self.request("get", path)
        parsed = _Forms()
        if resp is None:
            return None
        if resp.status_code == 200 and "html" in resp.get("Content-Type", ""):
            parsed.feed(resp.content.decode("utf-8", "replace"))
        return parsed

    def crawl(self, seeds: list[str]) -> list[tuple[str, _Forms]]:
        queue = list(seeds)
        visited: list[tuple[str, _Forms]] = []
        done: set[str] = set()
        while queue:
            path = queue.pop(0)
            if path in done:
                continue
            done.add(path)
            name = _url_name(urlsplit(path).path)
            if name is None or name in NOT_WALKED or name.startswith("admin:"):
                continue
            if len(self.seen[name]) >= SAMPLES_PER_NAME:
                continue
            self.seen[name].append(path)
            parsed = self.page(path)
            if parsed is None:
                continue
            visited.append((path, parsed))
            for href in parsed.links:
                target = urlsplit(urljoin(path, href))
                if target.netloc or not target.path.startswith("/"):
                    continue
                if target.path.startswith(("/static/", "/api/", "/admin/")):
                    continue
                queue.append(target.path)
        return visited

    def _variants(self, form: dict):
        """Garbage in every field at once, then in one field at a time (the others keep
        a plausible value), with the form's real hidden values; finally garbage in the
        hidden fields too."""
        fields = form["fields"]
        for g in GARBAGE:
            yield f"all={g[:12]!r}", {**form["hidden"], **dict.fromkeys(fields, g)}
        for name in list(fields)[:MAX_FIELDS_VARIED]:
            for g in ONE_FIELD_GARBAGE:
                yield f"{name}={g[:12]!r}", {**form["hidden"], **fields, name: g}
        for name in form["hidden"]:
            for g in ("abc", "99999999999999999999", "-1", ""):
                yield f"{name}={g!r}", {**form["hidden"], **fields, name: g}

    def _distinct(self, path: str, forms: list[dict]) -> list[dict]:
        """One form of each shape and target: a list repeats a form on every row, and the
        layout repeats the unit switcher on every page."""
        out = []
        for form in forms:
            target = urlsplit(urljoin(path, form["action"])).path or path
            key = (
                form["method"],
                target if form["action"] else _url_name(target),
                tuple(sorted(form["fields"])),
                tuple(sorted(form["hidden"])),
                tuple(form["buttons"]),
            )
            if key not in self.forms_done:
                self.forms_done.add(key)
                out.append(form)
        return out

    def hammer(self, path: str, parsed: _Forms, first_of_name: bool):
        """Garbage query strings on the page, garbage in every form field and in the
        generic field names. A second page of the same view (other arguments) is only
        visited (the crawl, and again after the garbage): the garbage went to the first one,
        through the same code."""
        if not first_of_name:
            return
        forms = self._distinct(path, parsed.forms)
        for g in GARBAGE:
            self.request("get", f"{path}?{urlencode(dict.fromkeys(GENERIC_QUERY, g))}")
        for form in forms:
            if form["method"] != "get":
                continue
            target = urlsplit(urljoin(path, form["action"])).path or path
            for label, data in self._variants(form):
                self.request("get", f"{target}?{urlencode(data)}", label=label)
        for g in GARBAGE:
            self.request(
                "post", path, dict.fromkeys(GENERIC_FIELDS, g), label=f"generic={g[:20]!r}"
            )
        for form in forms:
            if form["method"] != "post":
                continue
            target = urlsplit(urljoin(path, form["action"])).path or path
            if _url_name(target) in NOT_WALKED:
                continue
            for bname, bvalue in form["buttons"] or [(None, None)]:
                for label, data in self._variants(form):
                    if bname:
                        data[bname] = bvalue
                    self.request("post", target, data, label=f"{label} {bname}={bvalue}")


def _seeds() -> list[str]:
    """Every pattern without arguments, and those of our modules whose arguments the
    links a persona sees may not lead to, filled from the demo's records."""
    from django.urls import reverse

    from fazhi.core.models import Attachment, Notification, User
    from fazhi.disclosure.models import DisclosureAnnualReport
    from fazhi.mediation.models import Dispute
    from fazhi.plans.models import Period
    from fazhi.reports.models import AnnualReport

    out = []
    for name, route, converters in _patterns():
        if converters or name.startswith(("admin:", "api:")) or name in NOT_WALKED:
            continue
        out.append("/" + route)
    filled = {
        "core:attachment": Attachment.objects.order_by("pk").first(),
        "core:user_edit": User.objects.order_by("pk").first(),
        "reports:edit": AnnualReport.objects.order_by("-year", "pk").first(),
        # Linked only while a report awaits approval (the demo's report is published).
        "reports:publish": AnnualReport.objects.order_by("-year", "pk").first(),
        # POST only (a button on the notification list): seeded so the walk counts it.
        "core:notification_read": Notification.objects.filter(
            recipient__username="coordinator"
        ).first(),
        # POST only (the 催报 button of the cockpit, shown only while a unit is overdue).
        "plans:urge": Period.objects.order_by("pk").first(),
        # Linked from a report's page only for its own unit while it is a draft; which
        # report pages a walk samples depends on what the walk created before.
        "disclosure:annual_report_edit": DisclosureAnnualReport.objects.filter(state="draft")
        .order_by("pk")
        .first(),
        # A township's record, linked only for that township's clerk.
        "mediation:dispute_edit": Dispute.objects.order_by("pk").first(),
    }
    out += [reverse(name, kwargs={"pk": obj.pk}) for name, obj in filled.items() if obj]
    return out


# --- the pages --------------------------------------------------------------------------


def test_the_skip_list_names_only_the_other_engineers_apps():
    assert all(_owner(name) in OTHER_APPS for name in KNOWN_500_IN_OTHER_APPS)


PERSONAS = ["coordinator", "sfj_clerk", None]


# The coordinator's walk, the longest (it reaches every page), runs on SQLite and the
# others on PostgreSQL, so that the two runs of scripts/test.sh take about as long.
@pytest.mark.parametrize(
    "persona",
    [pytest.param(PERSONAS[0], marks=pytest.mark.db_agnostic), *PERSONAS[1:]],
    ids=["coordinator", "clerk", "public"],
)
def test_no_page_answers_500_to_garbage(demo, db, persona):
    from fazhi.core.models import User

    client = Client()
    if persona:
        client.force_login(User.objects.get(username=persona))
    walk = Walk(client)
    visited = walk.crawl(_seeds())
    names_done: set[str] = set()
    for path, parsed in visited:
        name = _url_name(urlsplit(path).path)
        walk.hammer(path, parsed, first_of_name=name not in names_done)
        names_done.add(name)
        if persona:  # a garbage POST must not have logged the persona out
            client.force_login(User.objects.get(username=persona))
    # What the garbage POSTs stored must not break a page either.
    for path, _ in visited:
        walk.request("get", path, label="(after the garbage)")
    print(f"{persona}: {walk.requests} requests")
    assert not walk.failures, f"{len(walk.failures)} × 500:\n" + "\n".join(walk.failures)
    if persona == "coordinator":
        # The walk reached every page of the modules this test guards.
        ours = {
            name
            for name, _, _ in _patterns()
            if _owner(name) in ("core", "plans", "indicators", "reports", "portal")
            and name not in NOT_WALKED
        }
        missing = ours - set(walk.seen)
        assert not missing, f"pages never reached: {sorted(missing)}"


# --- the API ----------------------------------------------------------------------------


def _api_operations(client: Client):
    schema = client.get("/api/openapi.json").json()
    for route, methods in schema["paths"].items():
        for method, op in methods.items():
            params = op.get("parameters", [])
            body_props: list[str] = []
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                ref = body["schema"].get("$ref", "")
                comp = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
                body_props = list(comp.get("properties", {}))
            yield route, method, params, body_props


API_PATH_VALUES = ["1", "2025", "abc", "-1", "99999999999999999999", "x" * 300]
API_QUERY = [
    {"limit": "-1"},
    {"limit": "99999999999999999999"},
    {"limit": "abc"},
    {"offset": "abc"},
    {"offset": "-1"},
    {"offset": "99999999999999999999"},
    {"limit": "0", "offset": "0"},
    {"limit": "1e999"},
]


@pytest.mark.parametrize("persona", PERSONAS, ids=["coordinator", "clerk", "public"])
def test_no_api_route_answers_500_to_garbage(demo, db, persona):
    from fazhi.core.models import User

    client = Client()
    if persona:
        client.force_login(User.objects.get(username=persona))
    walk = Walk(client)
    for route, method, params, body_props in _api_operations(client):
        path_params = [p["name"] for p in params if p["in"] == "path"]
        query_params = [p["name"] for p in params if p["in"] == "query"]
        for value in API_PATH_VALUES if path_params else [None]:
            path = route
            for p in path_params:
                path = path.replace("{" + p + "}", value)
            queries = list(API_QUERY)
            for g in GARBAGE:
                queries.append(dict.fromkeys(query_params, g))
            if method == "get":
                for q in queries:
                    walk.request("get", f"{path}?{urlencode(q)}", label=f"query={q}")
                continue
            bodies = ["abc", "", "[]", "null", json.dumps({})]
            bodies += [json.dumps(dict.fromkeys(body_props, g)) for g in GARBAGE]
            for body in bodies:
                walk.request(
                    method,
                    f"{path}?{urlencode(dict.fromkeys(query_params, 'abc'))}",
                    body,
                    content_type="application/json",
                    label=f"body={body[:40]!r}",
                )
    for path in ("/api/no-such-route", "/api/units/x/y/z", "/api/"):
        walk.request("get", path)
        walk.request("post", path, {"a": "b"})
    assert walk.requests > 200
    assert not walk.failures, f"{len(walk.failures)} × 500:\n" + "\n".join(walk.failures)
