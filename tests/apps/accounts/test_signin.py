"""Signing in: one message for any wrong credential, throttling, the second factor, sessions."""

from datetime import timedelta

import pyotp
import time_machine
import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from keten.apps.audit.models import AuditEvent

from ...conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"


@pytest.fixture
def client(client, settings):
    """Most assertions below read English texts; Dutch is tested on its own."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_wrong_password_and_unknown_account_get_the_same_answer(client, org_admin):
    wrong_password = _login(client, org_admin.user.email, "not-the-password")
    unknown_user = _login(client, "nobody@example.org", "not-the-password")
    assert wrong_password.status_code == unknown_user.status_code == 400
    message = "Check your e-mail address and password"
    assert message in wrong_password.content.decode() and message in unknown_user.content.decode()
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() == 2
    assert failed.filter(actor_id=org_admin.user.pk).count() == 1
    assert "nobody@example.org" not in str(list(failed.values()))


def test_repeated_failures_lock_the_account_for_that_address(client, org_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, org_admin.user.email, "wrong")
    locked = _login(client, org_admin.user.email, PASSWORD)  # even the right password now
    assert locked.status_code == 429
    assert "temporarily locked" in locked.content.decode()


def test_second_factor_is_required_before_any_page(client, org_admin):
    response = _login(client, org_admin.user.email, PASSWORD)
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("accounts:second_factor"))
    api = client.get("/api/v1/me/")
    assert api.status_code in (401, 403)


def test_setting_up_and_using_the_authenticator_app(client, org_admin):
    _login(client, org_admin.user.email, PASSWORD)
    setup = client.get(reverse("accounts:second_factor"))
    assert setup.status_code == 200 and b"<svg" in setup.content
    device = TOTPDevice.objects.get(user=org_admin.user, confirmed=False)
    totp = pyotp.TOTP(setup.context["secret"])
    assert client.post(reverse("accounts:second_factor"), {"token": "000000"}).status_code == 400
    throttled = client.post(reverse("accounts:second_factor"), {"token": totp.now()})
    assert throttled.status_code == 429 and "Wait" in throttled.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        done = client.post(reverse("accounts:second_factor"), {"token": totp.now()})
        assert done.status_code == 200 and len(done.context["codes"]) == 8  # backup codes shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    actions = set(AuditEvent.objects.filter(actor_id=org_admin.user.pk).values_list("action", flat=True))
    assert {"login", "second_factor_device_added", "second_factor_verified", "second_factor_failed"} <= actions

    # Next sign-in: the confirmed device asks for a code; a backup code works once.
    backup = done.context["codes"][0]
    client.post(reverse("accounts:logout"))
    _login(client, org_admin.user.email, PASSWORD)
    verify_page = client.get(reverse("accounts:second_factor"))
    assert verify_page.context["setup"] is False
    assert client.post(reverse("accounts:second_factor"), {"token": backup}).status_code == 302
    client.post(reverse("accounts:logout"))
    _login(client, org_admin.user.email, PASSWORD)
    assert client.post(reverse("accounts:second_factor"), {"token": backup}).status_code == 400


def test_demo_mode_skips_the_second_factor(client, org_admin, settings):
    settings.KETEN_DEMO_MODE = True
    _login(client, org_admin.user.email, PASSWORD)
    assert client.get("/").status_code == 200


def test_a_user_with_several_organisations_chooses_one(client, settings, police, municipality):
    settings.KETEN_DEMO_MODE = True
    first = make_member(police, "frontline", email="twee@test.keten.nl")
    second = make_member(municipality, "care_coordinator", email="twee@test.keten.nl")
    _login(client, "twee@test.keten.nl", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/account/organisation/")
    assert client.post("/account/organisation/", {"membership": "not-a-uuid"}).status_code == 200
    client.post("/account/organisation/", {"membership": str(second.pk)})
    me = client.get("/api/v1/me/").json()
    assert me["organisation"]["name"] == "Gemeente Rotterdam"
    assert me["role"] == "Care coordinator"
    assert first.organisation.name in {m["organisation"]["name"] for m in me["memberships"]}


def test_sessions_expire_and_cookies_are_protected(settings, client, org_admin):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_HTTPONLY
    response = client.get(LOGIN)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_are_dutch_unless_english_is_chosen(client, settings):
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Inloggen bij Keten" in client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert "Sign in to Keten" in client.get(LOGIN).content.decode()


def test_an_unsafe_next_is_ignored(client, org_admin, settings):
    settings.KETEN_DEMO_MODE = True
    response = client.post(LOGIN, {"username": org_admin.user.email, "password": PASSWORD,
                                   "next": "https://evil.example/"})
    assert response["Location"] == "/"
