"""Garbage input for the pages of one module: the house rule is that no input a person can
type or forge makes the server answer 500, and that a refused form comes back with what was
typed and a Chinese message.

``Hammer(client)`` GETs a page, finds its POST forms (fields, hidden values, named submit
buttons) and posts each with garbage in every field, with every field missing, and with
garbage in the hidden fields (wrong ids); ``query`` tries garbage query strings. Failures
(a 500 or an escaping exception, English framework messages, a refused form that lost what
was typed) are collected in ``failures`` with the request that caused them.

Used by the garbage tests of legal, consultation, decisions and documents, which build
records in every state with their own fixtures (the demo-wide walk in test_no_500.py
only sees the states the demo happens to hold).
"""

from __future__ import annotations

import re
import traceback
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

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
    "0001-01-01",
]
WRONG_IDS = ["abc", "-1", "99999999999999999999", "999999", "1.5", "²"]

# Framework messages in English that must never reach a user (Django's translations are on:
# these would mean a message bypassed them).
ENGLISH = re.compile(
    r"This field is required|Enter a valid|Select a valid choice|Ensure this value|"
    r"No file was submitted|Server Error|Traceback|Not Found</h1>|Forbidden"
)
GENERIC_QUERY = ["year", "page", "q", "tab", "state", "status", "kind", "unit", "issuer", "item"]


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._field: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": [],
                "hidden": {},
                "buttons": [],
                "files": [],
                "texts": [],
            }
            self.forms.append(self._form)
            return
        if self._form is None or tag not in ("input", "select", "textarea", "button"):
            return
        name = a.get("name")
        if not name or name == "csrfmiddlewaretoken":
            return
        kind = (a.get("type") or "").lower()
        if tag == "button" or kind == "submit":
            self._form["buttons"].append((name, a.get("value") or ""))
        elif kind == "hidden":
            self._form["hidden"][name] = a.get("value") or ""
        elif kind == "file":
            self._form["files"].append(name)
        elif name not in self._form["fields"]:
            self._form["fields"].append(name)
            if tag == "textarea" or (tag == "input" and kind in ("", "text", "search", "tel")):
                self._form["texts"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


class Hammer:
    def __init__(self, client, *, check_kept: bool = True):
        self.client = client
        self.failures: list[str] = []
        self.requests = 0
        self.check_kept = check_kept

    def _do(self, method, path, data=None, label=""):
        self.requests += 1
        try:
            resp = self.client.get(path) if method == "get" else self.client.post(path, data or {})
        except Exception as exc:  # every escaping exception is a 500
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            where = tb.filename.split("/work/main/")[-1]
            self.failures.append(
                f"{method.upper()} {path[:120]} {label}: {type(exc).__name__}: "
                f"{str(exc)[:160]} ({where}:{tb.lineno})"
            )
            return None
        if resp.status_code >= 500:
            self.failures.append(f"{method.upper()} {path[:120]} {label}: {resp.status_code}")
            return resp
        if "html" in resp.get("Content-Type", "") and not getattr(resp, "streaming", False):
            text = resp.content.decode("utf-8", "replace")
            m = ENGLISH.search(text)
            if m:
                self.failures.append(f"{method.upper()} {path[:120]} {label}: English {m[0]!r}")
        return resp

    def forms(self, path: str) -> list[dict]:
        resp = self._do("get", path)
        if resp is None or resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            return []
        parser = Forms()
        parser.feed(resp.content.decode("utf-8", "replace"))
        return parser.forms

    def query(self, path: str, names=()) -> None:
        names = [*GENERIC_QUERY, *names]
        for g in GARBAGE:
            self._do("get", f"{path}?{urlencode(dict.fromkeys(names, g))}", label=f"q={g[:12]!r}")

    def page(self, path: str, *, extra_fields=()) -> int:
        """Hammer every POST form of ``path``; returns how many forms were found."""
        forms = [
            f
            for f in self.forms(path)
            if f["method"] == "post" and "logout" not in (f["action"] or "")
        ]
        for form in forms:
            target = urlsplit(urljoin(path, form["action"])).path or path
            if "logout" in target:  # the navigation's logout form would end the session
                continue
            for bname, bvalue in form["buttons"] or [(None, None)]:
                press = {bname: bvalue} if bname else {}
                fields = [*form["fields"], *extra_fields]
                label = f"[{bname}={bvalue}]"
                for g in GARBAGE:
                    data = {
                        **dict.fromkeys(extra_fields, g),
                        **form["hidden"],
                        **dict.fromkeys(form["fields"], g),
                        **press,
                    }
                    resp = self._do("post", target, data, label=f"{label} fields={g[:12]!r}")
                    self._kept(resp, target, label, g, form)
                # every field missing
                self._do("post", target, {**form["hidden"], **press}, label=f"{label} empty")
                # wrong ids in the hidden fields
                for g in WRONG_IDS:
                    data = {**dict.fromkeys([*fields, *form["hidden"]], g), **press}
                    self._do("post", target, data, label=f"{label} hidden={g!r}")
        return len(forms)

    def _kept(self, resp, target, label, g, form):
        """A refused form comes back (400) with what was typed in its text fields (when the
        form is still on the page: a record that moved on, e.g. a comment already moderated,
        no longer offers it)."""
        if not self.check_kept or resp is None or resp.status_code != 400 or g != "abc":
            return
        if "html" not in resp.get("Content-Type", ""):
            return
        text = resp.content.decode("utf-8", "replace")
        marks = [f'name="{k}" value="{v}"' for k, v in form["hidden"].items()]
        marks += [f'name="{k}" value="{v}"' for k, v in form["buttons"]]
        still = all(m in text for m in marks)
        if form["texts"] and still and "abc" not in text:
            self.failures.append(f"POST {target} {label} fields='abc': typed text not kept")
        if not re.search(r"[\u4e00-\u9fff]", text):
            self.failures.append(f"POST {target} {label}: no Chinese message")

    def report(self) -> str:
        return f"{len(self.failures)} failures:\n" + "\n".join(self.failures[:80])


# --- navigation -------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get" and a.get("action"):
            self.links.append(a["action"])


def reachable(client, prefixes, start="/office/", limit=400) -> set[str]:
    """URL names reached by following links (and GET forms) from ``start`` — the back
    office's board — staying inside ``prefixes`` once out of the board. A page that can
    only be opened by typing its address is not in the result (house rule 6)."""
    from django.urls import Resolver404, resolve

    seen: set[str] = set()
    names: set[str] = set()
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            names.add(resolve(path).view_name)
        except Resolver404:
            continue
        resp = client.get(path)
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(resp.content.decode("utf-8", "replace"))
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc or not target.path.startswith(tuple(prefixes)):
                continue
            if target.path.endswith((".docx", ".zip", ".xlsx")) or "/materials/" in target.path:
                try:  # downloads: counted as reached, not fetched
                    names.add(resolve(target.path).view_name)
                except Resolver404:
                    pass
                continue
            queue.append(target.path)
    return names
