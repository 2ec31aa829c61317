import time
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from tests import test_no_500 as m

pytestmark = pytest.mark.today(2026, 4, 15)
T = defaultdict(lambda: [0, 0.0])


def test_timed(monkeypatch, demo, db):
    real = m.Walk.request

    def timed(self, method, path, data=None, **kw):
        t = time.perf_counter()
        try:
            return real(self, method, path, data, **kw)
        finally:
            name = m._url_name(urlsplit(path).path) or path
            T[(name, method)][0] += 1
            T[(name, method)][1] += time.perf_counter() - t

    monkeypatch.setattr(m.Walk, "request", timed)
    try:
        m.test_no_page_answers_500_to_garbage(demo, None, "coordinator")
    finally:
        rows = sorted(T.items(), key=lambda kv: -kv[1][1])[:30]
        with open("/tmp/walk_timing.txt", "w") as f:
            for (name, meth), (n, s) in rows:
                f.write(f"{s:8.1f}s {n:5d} {s / n * 1000:7.0f}ms {meth} {name}\n")
