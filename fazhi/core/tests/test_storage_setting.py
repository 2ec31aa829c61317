"""Attachment storage from the environment (FAZHI_STORAGE_BACKEND + FAZHI_STORAGE_OPTIONS),
so several app servers can share object storage; a malformed value stops start-up with one
Chinese line."""

import json

from fazhi.core.tests.test_https_settings import fazhi

SHOW = (
    "import json; from django.core.files.storage import storages; d = storages['default'];"
    " print(json.dumps([type(d).__module__ + '.' + type(d).__name__, str(d.location), d.base_url]))"
)


def test_default_is_files_under_var(tmp_path):
    done = fazhi(tmp_path, {}, "shell", "-c", SHOW)
    assert done.returncode == 0, done.stderr
    backend, location, _ = json.loads(done.stdout.strip().splitlines()[-1])
    assert backend == "django.core.files.storage.filesystem.FileSystemStorage"
    assert location == str(tmp_path / "var" / "media")


def test_backend_and_options_from_the_environment(tmp_path):
    options = {"location": str(tmp_path / "shared"), "base_url": "/files/"}
    done = fazhi(
        tmp_path,
        {
            "FAZHI_STORAGE_BACKEND": "django.core.files.storage.FileSystemStorage",
            "FAZHI_STORAGE_OPTIONS": json.dumps(options),
        },
        "shell",
        "-c",
        SHOW,
    )
    assert done.returncode == 0, done.stderr
    _, location, base_url = json.loads(done.stdout.strip().splitlines()[-1])
    assert (location, base_url) == (options["location"], "/files/")


def test_malformed_options_stop_with_one_line(tmp_path):
    for raw, message in (
        ("{bucket: fazhi}", "配置有误：FAZHI_STORAGE_OPTIONS 不是有效的 JSON"),
        ('["fazhi"]', "配置有误：FAZHI_STORAGE_OPTIONS 应为 JSON 对象"),
    ):
        env = {"FAZHI_STORAGE_BACKEND": "x.Storage", "FAZHI_STORAGE_OPTIONS": raw}
        done = fazhi(tmp_path, env, "check-records")
        output = (done.stdout + done.stderr).strip()
        assert done.returncode == 1 and "Traceback" not in output
        assert len(output.splitlines()) == 1 and output.startswith(message), output
