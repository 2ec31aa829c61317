"""learning routes of the JSON API (/api/learning/…): one sub-router per screen family, each in
its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["学法用法与普法"])

# 学法用法 (issue 17): /api/learning/officials, …/sessions, …/trainings, …/court, …/exams,
# …/hours.
from . import api_study  # noqa: E402

router.add_router("officials", api_study.officials_router)
router.add_router("sessions", api_study.sessions_router)
router.add_router("trainings", api_study.trainings_router)
router.add_router("court", api_study.court_router)
router.add_router("exams", api_study.exams_router)
router.add_router("hours", api_study.hours_router)

# 述法, 普法 and the leaders' meetings on 法治 (issue 17, h4).
from . import api_education  # noqa: E402

router.add_router("duty-reports", api_education.reports_router)
router.add_router("education/duties", api_education.duties_router)
router.add_router("education/activities", api_education.activities_router)
router.add_router("meetings", api_education.meetings_router)
