"""Benchmark: 50 concurrent users on the production server with the demo district.

Builds the demo district (`fazhi demo --no-serve`, skipped when already built) in the
database DATABASE_URL names (PostgreSQL), starts `fazhi serve` (gunicorn, default workers
and threads for this machine) on a free loopback port, logs in one session per office user
(the demo's role accounts and unit clerks, in turn), then runs the users — office users and
anonymous portal visitors — for a fixed time, each requesting the main pages one after
another with no pause: the board, each module's list, the portal pages, the published
annual report. Prints p50/p95 per page, total requests and errors (any status other than
200, or no answer); exit status 1 when there were errors. Target (issue 11): 0 errors.
Loopback only; the server is stopped at the end. Run:

    DATABASE_URL=postgres://user@/fazhi?host=/run/postgresql .venv/bin/python bench/load.py \
        [--users 50] [--anonymous 15] [--seconds 60] [--workers N] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OFFICE_PAGES = {
    "工作台": "/office/",
    "计划": "/office/plans/",
    "指标填报": "/office/indicators/rounds/",
    "合法性审查": "/office/legal/",
    "征求意见": "/office/consultations/",
    "重大行政决策": "/office/decisions/",
    "规范性文件": "/office/documents/",
    "年度报告": "/office/reports/",
}
PORTAL_PAGES = {
    "门户首页": "/",
    "门户·文件库": "/documents/",
    "门户·文件检索": "/documents/?q=管理",
    "门户·重大决策": "/decisions/",
    "门户·征求意见": "/consultations/",
    "门户·年度报告列表": "/reports/",
    "门户·机构": "/units/",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fazhi(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, **kw)


def demo_accounts() -> tuple[str, list[str]]:
    """The demo password, and the accounts to log in: one per role first, then the clerks
    of every unit."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from fazhi.core.demo import ACCOUNTS, DEMO_PASSWORD
    from fazhi.core.models import User

    named = [a[0] for a in ACCOUNTS]
    clerks = User.objects.filter(is_active=True, username__endswith="_clerk")
    others = sorted(set(clerks.values_list("username", flat=True)) - set(named))
    return DEMO_PASSWORD, named + others


def login(base: str, username: str, password: str) -> requests.Session | None:
    web = requests.Session()
    page = web.get(f"{base}/office/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not token:
        return None
    answer = web.post(
        f"{base}/office/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token[1]},
        timeout=60,
    )
    return web if answer.status_code == 200 and answer.url.endswith("/office/") else None


def p95(values: list[float]) -> float:
    values = sorted(values)
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def run_user(base, web, pages, deadline, results, errors, seed):
    rng = random.Random(seed)
    names = list(pages)
    while time.monotonic() < deadline:
        name = rng.choice(names)
        started = time.perf_counter()
        try:
            answer = web.get(base + pages[name], timeout=60, allow_redirects=False)
            status = answer.status_code
        except requests.RequestException as exc:
            status = type(exc).__name__
        elapsed = (time.perf_counter() - started) * 1000
        results[name].append(elapsed)
        if status != 200:
            errors[name].append(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50, help="同时在线的用户数（含匿名访客）")
    ap.add_argument("--anonymous", type=int, default=15, help="其中匿名访问门户的人数")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--workers", type=int)
    ap.add_argument("--threads", type=int)
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "请用 DATABASE_URL 指定 PostgreSQL 数据库（如 postgres://用户@/库?host=/run/postgresql）"
        )
    if not 0 <= args.anonymous <= args.users or not 1 <= args.seconds <= 600:
        sys.exit("参数不合理：0 ≤ --anonymous ≤ --users，1 ≤ --seconds ≤ 600")
    os.environ.setdefault("FAZHI_VAR", str(ROOT / "var" / "bench-load"))

    print("== 示范区数据（已生成则跳过）", flush=True)
    started = time.monotonic()
    done = fazhi("demo", "--no-serve", capture_output=True, text=True)
    if done.returncode:
        print(done.stdout, done.stderr)
        return 1
    print(f"   {time.monotonic() - started:.0f} s", flush=True)
    password, all_accounts = demo_accounts()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = ["serve", f"127.0.0.1:{port}"]
    serve += ["--workers", str(args.workers)] if args.workers else []
    serve += ["--threads", str(args.threads)] if args.threads else []
    log = tempfile.NamedTemporaryFile("w+", prefix="fazhi-load-", suffix=".log", delete=False)
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", *serve],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                print(Path(log.name).read_text())
                return 1
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        print(f"== 服务：{Path(log.name).read_text().splitlines()[1]}", flush=True)

        report = re.search(r'href="(/reports/\d+/)"', requests.get(f"{base}/reports/").text)
        portal = dict(PORTAL_PAGES)
        if report:
            portal["门户·年度报告"] = report[1]
        pages_by_name = {**OFFICE_PAGES, **portal}

        office_users = args.users - args.anonymous
        accounts = all_accounts[:office_users]
        print(f"== 登录 {len(accounts)} 个账号", flush=True)
        sessions = []
        for username in accounts:
            web = login(base, username, password)
            if web is None:
                print(f"   账号 {username} 无法登录")
                return 1
            sessions.append((web, OFFICE_PAGES))
        sessions += [(requests.Session(), portal) for _ in range(args.anonymous)]

        results: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, list] = defaultdict(list)
        print(f"== {len(sessions)} 个用户并发浏览 {args.seconds} 秒", flush=True)
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=run_user, args=(base, web, pages, stop, results, errors, i), daemon=True
            )
            for i, (web, pages) in enumerate(sessions)
        ]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    total = sum(len(v) for v in results.values())
    failed = sum(len(v) for v in errors.values())
    # Time inside the server, from its JSON access log (by path: the log omits the query).
    server_ms: dict[str, list[float]] = defaultdict(list)
    for line in Path(log.name).read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            server_ms[record["path"]].append(record["duration_ms"])
    print("\n客户端计时含排队等待；服务端计时取自访问日志（同一路径的页面合并计算）")
    print(
        f"{'页面':<14}{'请求':>7}{'p50 ms':>9}{'p95 ms':>9}{'最长 ms':>9}{'错误':>6}"
        f"{'服务端p50':>10}{'服务端p95':>10}"
    )
    for name in list(OFFICE_PAGES) + list(portal):
        times = sorted(results.get(name, []))
        if not times:
            continue
        inside = server_ms.get(pages_by_name[name].split("?")[0], [0.0])
        print(
            f"{name:<14}{len(times):>7}{statistics.median(times):>9.0f}{p95(times):>9.0f}"
            f"{times[-1]:>9.0f}{len(errors.get(name, [])):>6}"
            f"{statistics.median(inside):>10.0f}{p95(inside):>10.0f}"
        )
    print(f"\n共 {total} 个请求，{wall:.0f} 秒，{total / wall:.1f} 次/秒，错误 {failed} 个")
    for name, statuses in errors.items():
        print(f"  {name}: {sorted(set(map(str, statuses)))}")
    print(f"服务日志（每行一个 JSON）：{log.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
