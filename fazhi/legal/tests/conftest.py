"""Legal's fixtures on top of the shared personas: a legal reviewer of 市场监管局 (another
unit's 法制审核人员), an adviser, uploads into a temporary folder, and a URLconf that does
not depend on sibling modules still being written."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(autouse=True)
def _legal_env(settings, tmp_path):
    settings.ROOT_URLCONF = "fazhi.legal.tests.urls"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(people, district):
    """The shared personas plus scjg_legal (法制审核人员 of 市场监管局)."""
    from fazhi.core import services
    from fazhi.core.models import User

    user = User(username="scjg_legal", full_name="scjg_legal", unit=district["scjg"])
    people = dict(people)
    people["scjg_legal"] = services.save_user(user, ["legal_reviewer"], None)
    return people


@pytest.fixture
def adviser(district):
    from fazhi.legal import services
    from fazhi.legal.models import LegalAdviser

    return services.save_adviser(
        LegalAdviser(
            name="周律师",
            kind=LegalAdviser.Kind.COUNSEL,
            unit=district["gov"],
            employer="测试律师事务所",
            phone="138-0000-0001",
            contract_start=dt.date(2024, 1, 1),
            contract_end=dt.date(2026, 12, 31),
        ),
        None,
    )


def upload(name="送审稿.txt", text="关于加强停车管理的实施意见（送审稿）"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
