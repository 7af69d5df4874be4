"""A person's path through the pages, in a real Chromium, with axe-core on every page."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from keten.demo import organisations

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, base: str, email: str, password: str = organisations.DEMO_PASSWORD) -> None:
    page.goto(f"{base}/account/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def test_first_sign_in_sets_up_the_second_factor_and_language_can_be_switched(page, live_server, settings):
    settings.KETEN_DEMO_MODE = False
    organisations.load(seed=1, extra_members=0)
    sign_in(page, live_server.url, "beheerder@demo.keten.nl")
    assert "/account/second-factor/" in page.url
    assert page.locator("h1").inner_text() == "Stel uw authenticator-app in"
    assert not axe_violations(page)
    secret = page.locator(".keten-code").inner_text().strip()
    page.fill("#id_token", pyotp.TOTP(secret).now())
    page.click("main form button[type=submit].utrecht-button--primary-action")
    codes = page.locator(".keten-code").all_inner_texts()
    assert len(codes) == 8
    page.click("text=Verder naar Keten")
    assert page.locator("h1").inner_text().startswith("Welkom")
    page.click("header button[value=en]")
    assert page.locator("h1").inner_text().startswith("Welcome")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("header button[value=nl]")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert not page.csp_violations


def test_wrong_password_shows_one_message_and_keeps_the_email(page, live_server):
    organisations.load(seed=1, extra_members=0)
    sign_in(page, live_server.url, "beheerder@demo.keten.nl", "wrong-password")
    assert "Controleer uw e-mailadres en wachtwoord" in page.content()
    assert page.input_value("#id_username") == "beheerder@demo.keten.nl"
    assert not axe_violations(page)


@pytest.mark.parametrize("account", organisations.ACCOUNTS, ids=lambda a: a.role)
def test_every_page_of_each_role_is_accessible(page, live_server, settings, account):
    settings.KETEN_DEMO_MODE = True
    organisations.load(seed=1, extra_members=1)
    sign_in(page, live_server.url, account.email)
    assert page.locator("h1").inner_text().startswith("Welkom")
    links = page.locator("nav.keten-nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    pages = list(dict.fromkeys(links + ["/account/organisation/"]))
    problems = {}
    for path in pages:
        for language in ("nl", "en"):
            page.context.add_cookies([{"name": "keten_language", "value": language, "url": live_server.url}])
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{path} answered {response.status}"
            found = axe_violations(page)
            if found:
                problems[f"{path} ({language})"] = found
    assert not problems, problems
    assert not page.csp_violations, page.csp_violations


def test_the_api_documentation_page_works_under_the_content_security_policy(page, live_server):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert re.search("Keten API", page.locator(".swagger-ui .info .title").inner_text())
    assert not page.csp_violations, page.csp_violations


def test_a_frontline_professional_records_and_screens_a_signal(page, live_server, settings):
    settings.KETEN_DEMO_MODE = True
    organisations.load(seed=1, extra_members=0)
    sign_in(page, live_server.url, "frontline@demo.keten.nl")
    page.context.add_cookies([{"name": "keten_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/signals/new/")
    assert not axe_violations(page)
    page.check("input[name=forms][value=labour]")
    page.select_option("#id_sector", "agriculture")
    page.fill("#id_persons-0-given_name", "Ion")
    page.fill("#id_persons-0-family_name", "Popa")
    page.fill("#id_persons-0-age", "34")
    page.fill("#id_account", "Works fourteen hours a day; his passport was taken.")
    page.click("button[name=submit]")
    assert "/screen/" in page.url
    assert not axe_violations(page)
    outcome = page.locator("#outcomes")
    assert "Not enough indicators" in outcome.inner_text()
    for indicator in ["DR01", "DR02", "EX01", "EX02", "CD01", "CD02"]:
        page.check(f"input[name=ilo_adult_labour__{indicator}][value=present]")
    expect(outcome).to_contain_text("point to possible trafficking")  # htmx swapped in the new outcome
    page.click("button:has-text('Save screening')")
    assert page.locator("h1").inner_text().startswith("Signal S-")
    assert "not a legal finding" in page.content()
    assert not axe_violations(page)
    assert not page.csp_violations, page.csp_violations


def test_the_public_form_is_accessible_without_signing_in(page, live_server):
    response = page.goto(f"{live_server.url}/melden/")
    assert response.status == 200
    assert not axe_violations(page)


def _sign_out(page):
    page.click("header form button[type=submit]:has-text('Sign out')")


def test_from_signal_to_a_referred_placed_case_with_a_reflection_deadline(page, live_server, settings):
    """The referral mechanism as a new user would try it (demo accounts, English pages)."""
    settings.KETEN_DEMO_MODE = True
    organisations.load(seed=1, extra_members=0)
    from keten.apps.accounts.actor import Actor
    from keten.apps.accounts.models import Organisation
    from keten.apps.care import services as care

    shelter = Organisation.objects.get(type="shelter")
    care.facility_create(actor=Actor.system("t", frozenset({"care.manage_shelter"}), organisation=shelter),
                         name="COSM Midden", categories=["cosm"], region="midden-nederland", places=3, spoken=["ro"])
    base = live_server.url
    page.context.add_cookies([{"name": "keten_language", "value": "en", "url": base}])

    # A police officer records a signal and forwards it to the registration desk.
    sign_in(page, base, "frontline@demo.keten.nl")
    page.goto(f"{base}/signals/new/")
    page.check("input[name=forms][value=labour]")
    page.fill("#id_persons-0-given_name", "Ioana")
    page.fill("#id_persons-0-family_name", "Radu")
    page.fill("#id_persons-0-date_of_birth", "1998-04-03")
    page.select_option("#id_persons-0-nationality", "RO")
    page.click("button[name=submit]")
    page.click("text=Back to the signal")
    reference = page.locator("h1").inner_text().split()[-1]
    page.select_option("#fw-org", label="CoMensha")
    page.click("button:has-text('Forward')")
    _sign_out(page)

    # The desk registers the person, refers to the care coordinator and records the reflection period.
    sign_in(page, base, "registratie@demo.keten.nl")
    page.goto(f"{base}/cases/register/")
    page.check(f"label:has-text('{reference}')")
    page.click("main button[type=submit]:has-text('Register')")
    assert page.locator("h1").inner_text().startswith("Case C-")
    assert not axe_violations(page)
    case_url = page.url
    page.click("summary:has-text('Refer this case')")
    page.select_option("#id_referral-to_organisation", label="Gemeente Rotterdam")
    page.select_option("#id_referral-kind", "care_coordination")
    page.fill("#id_referral-purpose", "Care coordination for a possible victim of labour exploitation.")
    page.click("button:has-text('Send referral')")
    page.click("summary:has-text('Record a step or a note')")
    page.select_option("#id_event-step", "reflection_started")
    page.click("button:has-text('Add to the timeline')")
    page.click("summary:has-text('Request shelter')")
    page.select_option("#id_placement-category", "cosm")
    page.click("main form button:has-text('Request')")
    page.click("text=Find a place")
    page.wait_for_url(re.compile(r"/placements/[0-9a-f-]+/$"))
    assert not axe_violations(page)
    page.click("button:has-text('Place in COSM Midden')")
    assert "COSM Midden" in page.content()
    page.click("button:has-text('End the placement')")
    assert "The placement has ended" in page.content()
    # A refused action comes back on the case page with what was wrong, the form open.
    page.click("summary:has-text('Add a task')")
    page.fill("#id_task-title", "Call the shelter")
    page.fill("#id_task-due_on", "2099-01-01")
    page.click("button:has-text('Add task')")
    expect(page.locator("main [role=alert]")).to_contain_text("Give a date within")
    expect(page.locator("#id_task-title")).to_have_value("Call the shelter")
    assert not axe_violations(page)
    page.goto(f"{base}/tasks/")
    assert "End of the reflection period" in page.content()
    assert not axe_violations(page)
    _sign_out(page)

    # The care coordinator accepts and then works on the case.
    sign_in(page, base, "zorgcoordinator@demo.keten.nl")
    page.goto(f"{base}/cases/")
    page.click("main ul a")  # the referral waiting for an answer
    assert not axe_violations(page)
    page.click("button:has-text('Accept')")
    assert page.url == case_url and "Radu" in page.content()
    _sign_out(page)

    # An organisation without an accepted referral cannot see the case at all.
    sign_in(page, base, "rechercheur@demo.keten.nl")
    response = page.goto(case_url)
    assert response.status == 404
    assert not page.csp_violations, page.csp_violations


def test_a_policy_user_keeps_the_plan_of_action(page, live_server, settings):
    """The plan's 'done when', as a new policy user would try it after `make demo`."""
    from keten.demo import plan

    settings.KETEN_DEMO_MODE = True
    organisations.load(seed=1, extra_members=0)
    plan.load()
    base = live_server.url
    page.context.add_cookies([{"name": "keten_language", "value": "en", "url": base}])
    sign_in(page, base, "beleid@demo.keten.nl")
    page.click("text=Plan of action")
    assert page.locator("h1").inner_text() == "Plan of action against human trafficking"
    themes = page.locator("table:has(caption:has-text('Measures per theme and status')) tbody tr")
    assert themes.count() == 12  # the letter's twelve themes
    assert not axe_violations(page)

    page.click("text=b) Strengthening investigation")
    page.click("text=20 extra certified trafficking detectives trained each year")
    assert "€ 2,000,000" in page.locator("dl.keten-facts").inner_text().replace("\xa0", " ")
    assert not axe_violations(page)
    page.click("text=Change this measure")
    page.select_option("#id_status", "completed")
    page.click("main button[type=submit]")
    assert "The measure has been changed" in page.locator(".keten-messages").inner_text()
    assert "Completed" in page.locator(".utrecht-paragraph--lead").inner_text()

    page.click("summary:has-text('Add an evaluation')")
    page.fill("#id_finding", "Twenty detectives certified in 2018")
    page.select_option("#id_judgement", "achieved")
    page.fill("#id_evaluated_on", "2019-03-01")
    page.fill("#id_evaluator", "Police, annual report")
    page.click("button:has-text('Record evaluation')")
    assert "Twenty detectives certified in 2018" in page.content()

    page.click("text=Extra certified trafficking detectives per year")
    page.fill("#id_period_end", "2018-12-31")
    page.fill("#id_value", "-2")
    page.fill("#id_source", "Police annual report 2018")
    page.click("main form button[type=submit]")
    assert "outside the range" in page.content()
    page.fill("#id_value", "21")
    page.click("main form button[type=submit]")
    assert "The value is recorded" in page.locator(".keten-messages").inner_text()
    assert not axe_violations(page)

    page.click("nav[aria-label='The plan of action'] >> text=Versions")
    page.get_by_role("link", name="with the plan now").click()
    page.wait_for_url("**/plan/versions/compare/**")
    assert "1 difference." in page.content()
    assert page.locator("main h2").all_inner_texts() == ["Measures"]
    assert "completed" in page.locator("ins").first.inner_text()
    assert not axe_violations(page)

    page.goto(f"{base}/plan/")
    with page.expect_download() as download:
        page.click("text=Dutch (PDF)")
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.goto(f"{base}/plan/progress-letter/?lang=nl")
    assert "Versterking opsporing" in page.content()
    assert not page.csp_violations, page.csp_violations


def test_a_policy_user_reads_the_figures_of_a_year_and_takes_them_away(page, live_server, settings):
    from datetime import date, datetime, timezone

    from keten.apps.accounts.models import Organisation

    from ..apps.figures.records import case, signal

    settings.KETEN_DEMO_MODE = True
    organisations.load(seed=1, extra_members=0)
    desk = Organisation.objects.filter(type="registration_desk").first()
    police = Organisation.objects.filter(type="police").first()
    registered = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    for i in range(25):
        case(desk, registered, gender="female" if i < 15 else "male", birth_year=1995,
             nationality="RO" if i < 12 else "NL", signal=signal(police, date(2024, 5, 1), origin="RO"))
    for _ in range(4):
        case(desk, registered, gender="male", minor=True, nationality="NL")
    base = live_server.url
    page.context.add_cookies([{"name": "keten_language", "value": "en", "url": base}])
    sign_in(page, base, "beleid@demo.keten.nl")
    page.click("nav.keten-nav >> text=Figures")
    assert page.locator("h1").inner_text() == "Figures on possible victims and signals"
    assert page.input_value("#f-year") == "2024"
    gender = page.locator("[aria-labelledby=victims_gender] tbody")
    assert "Female 15" in " ".join(gender.inner_text().split())
    minors = page.locator("[aria-labelledby=minors_gender] tbody").inner_text()
    assert "not shown" in minors and "4" not in minors  # the four boys
    assert not axe_violations(page)
    with page.expect_download() as download:
        page.click("text=Download as CSV")
    with open(download.value.path(), encoding="utf-8") as exported:
        text = exported.read()
    assert "victims_gender" in text and "Romania" in text
    assert not page.csp_violations, page.csp_violations
