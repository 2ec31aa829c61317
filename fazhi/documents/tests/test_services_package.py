"""The services package keeps every name of the single module it was split from."""

from __future__ import annotations

from fazhi.documents import services


def test_every_name_of_the_former_module_is_still_there():
    for name in (
        "create_draft",
        "publish",
        "file",
        "repeal",
        "import_existing",
        "publish_cleanup",
        "_lock",
        "_event",
        "_end",
        "KIND",
        "S",
        "office_url",
    ):
        assert hasattr(services, name), name
