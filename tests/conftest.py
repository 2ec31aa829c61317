"""The whole demo district, built once for the tests of this folder (the 500 walk, the
write walk and the report check share it: building it takes about a minute).

Package scope: it is committed to the test database when the first test of this folder
needs it and flushed when the folder's tests are done, so no other module's tests see it.
Each test that uses it runs in its own transaction (``db``) and leaves it as it was.
"""

import pytest


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.core.management import call_command

        from fazhi.demo.builder import build

        ctx = build()
        _attach_evidence()
        _notify_coordinator()
        yield ctx
        call_command("flush", interactive=False, verbosity=0)


def _notify_coordinator():
    """Whatever the demo's date brings, the coordinator has an unread notification, so
    the walks reach its mark-read form."""
    from fazhi.core import notify
    from fazhi.core.models import User

    notify.notify(
        User.objects.get(username="coordinator"),
        key="test:walk",
        kind="test",
        title="测试通知",
        link="/office/",
    )


def _attach_evidence():
    """The demo's evidence hangs on progress reports, submissions and rectifications; one
    on a 司法局 deadline gives that record's download page too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import services
    from fazhi.core.models import Deadline, User

    clerk = User.objects.get(username="sfj_clerk")
    deadline = Deadline.objects.filter(unit=clerk.unit).order_by("pk").first()
    pdf = SimpleUploadedFile("批准文件.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    services.attach(deadline, pdf, actor=clerk, unit=deadline.unit, description="批准文件")
