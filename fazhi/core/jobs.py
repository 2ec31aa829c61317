"""The jobs registry: each module declares its periodic duties here, like its clocks
(core/deadlines.py) and indicators; ``fazhi jobs run`` executes them all.

A job is ``fn(today) -> list[Reminder] | dict | None``: it does its work (e.g. marking
expired documents 失效 through the module's own service) and returns the reminders to send;
the runner hands them to ``core.notify``, whose per-recipient key makes a second run send
nothing twice. A dict is returned by jobs that only count things. Every job's run is logged
as a ``JobRun``; one failing job is logged and does not stop the others.

Schedule: every 10 minutes by a systemd timer or cron (docs/jobs.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from . import notify
from .models import JobRun

log = logging.getLogger("fazhi.jobs")


@dataclass(frozen=True)
class Reminder:
    """One message to some people; ``key`` identifies it (with the recipient) for ever."""

    recipients: tuple = field(hash=False)
    key: str
    kind: str
    title: str
    body: str = ""
    link: str = ""
    record_type: str = ""
    record_id: str = ""


@dataclass(frozen=True)
class Job:
    code: str
    name: str
    fn: Callable = field(repr=False, compare=False)
    module: str = ""
    order: int = 100


JOBS: dict[str, Job] = {}


def register_job(code: str, name: str, module: str = "", order: int = 100):
    """Decorator: ``fn(today)`` is the duty ``code`` (Chinese ``name``) of ``module``."""

    def wrap(fn: Callable) -> Callable:
        JOBS[code] = Job(code=code, name=name, fn=fn, module=module, order=order)
        return fn

    return wrap


def ordered() -> list[Job]:
    return sorted(JOBS.values(), key=lambda j: (j.order, j.code))


def _send(reminders: list[Reminder], counts: dict[str, int]) -> None:
    for r in reminders:
        counts["reminders"] += 1
        for person in r.recipients:
            _, created = notify.notify(
                person,
                key=r.key,
                kind=r.kind,
                title=r.title,
                body=r.body,
                link=r.link,
                record_type=r.record_type,
                record_id=r.record_id,
            )
            counts["sent" if created else "already"] += 1


def run_one(job: Job, today: dt.date) -> JobRun:
    row = JobRun.objects.create(job=job.code, today=today)
    counts = {"reminders": 0, "sent": 0, "already": 0}
    error = ""
    status = JobRun.Status.OK
    with notify.collect_failures() as failures:
        try:
            result = job.fn(today)
            if isinstance(result, dict):
                counts.update(result)
            else:
                _send(list(result or []), counts)
        except Exception:
            log.exception("job %s failed", job.code)
            error = traceback.format_exc(limit=8)
            status = JobRun.Status.FAILED
    if failures:
        counts["delivery_failures"] = len(failures)
        if status == JobRun.Status.OK:
            status = JobRun.Status.WARNING
        error = "\n".join([*failures[:50], error]).strip()
    row.finished_at = timezone.now()
    row.status = status
    row.counts = counts
    row.error = error
    row.save(update_fields=["finished_at", "status", "counts", "error"])
    return row


def run(today: dt.date | None = None, only: list[str] | None = None) -> list[JobRun]:
    """Run every registered job (or those named) for ``today``; safe to repeat."""
    today = today or timezone.localdate()
    jobs = ordered()
    if only:
        unknown = set(only) - set(JOBS)
        if unknown:
            raise KeyError("未登记的定时任务：" + "、".join(sorted(unknown)))
        jobs = [j for j in jobs if j.code in only]
    return [run_one(job, today) for job in jobs]


def last_runs() -> dict[str, JobRun]:
    """The latest run of each job."""
    out: dict[str, JobRun] = {}
    for code in JOBS:
        row = JobRun.objects.filter(job=code).order_by("-started_at", "-id").first()
        if row:
            out[code] = row
    return out


def last_run() -> dict | None:
    """For /healthz: when the scheduled jobs last finished and how the latest run of each
    went (None if they have never run)."""
    last = JobRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
    if last is None:
        return None
    latest = last_runs()
    return {
        "finished_at": last.finished_at.isoformat(),
        "today": last.today.isoformat(),
        "failed": sorted(c for c, r in latest.items() if r.status == JobRun.Status.FAILED),
        "warning": sorted(c for c, r in latest.items() if r.status == JobRun.Status.WARNING),
    }
