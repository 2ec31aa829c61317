"""Client address behind a proxy, the Chinese CSRF failure page."""

from django.test import Client, RequestFactory, override_settings

from fazhi.core.throttle import client_ip


def test_client_ip_ignores_forwarded_header_unless_behind_proxy():
    req = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    with override_settings(FAZHI_BEHIND_PROXY=False):
        assert client_ip(req) == "10.0.0.1"


def test_client_ip_behind_proxy_takes_the_address_the_proxy_appended():
    req = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    with override_settings(FAZHI_BEHIND_PROXY=True):
        assert client_ip(req) == "203.0.113.7"
    bare = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    with override_settings(FAZHI_BEHIND_PROXY=True):
        assert client_ip(bare) == "10.0.0.1"


def test_csrf_failure_page_is_chinese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/office/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "CSRF" not in page and "Forbidden" not in page
