"""The signal pages as a professional uses them: record, keep input on errors, drafts, screen with
a live outcome, see next steps; the public form; training."""

import uuid

import pytest

from keten.apps.intake.models import Screening, Signal

from ...conftest import make_member

pytestmark = pytest.mark.django_db


def _management(total: int = 2) -> dict:
    return {"persons-TOTAL_FORMS": str(total), "persons-INITIAL_FORMS": "0", "persons-MIN_NUM_FORMS": "0",
            "persons-MAX_NUM_FORMS": "50", "persons-0-role": "victim", "persons-1-role": "perpetrator"}


@pytest.fixture
def client_en(signed_in, police):
    client = signed_in(make_member(police, "frontline"))
    client.cookies["keten_language"] = "en"
    return client


def test_recording_a_signal_leads_to_the_indicators_of_its_form_and_age(client_en):
    response = client_en.post("/signals/new/", {
        **_management(), "forms": ["criminal"], "sector": "cannabis_cultivation", "persons-0-given_name": "Tran",
        "persons-0-family_name": "Minh", "persons-0-age": "16", "account": "Slaapt in de kwekerij.", "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    signal = Signal.objects.get()
    assert response["Location"] == f"/signals/{signal.pk}/screen/"
    page = client_en.get(response["Location"])
    frameworks = [s["framework"].id for s in page.context["sections"]]
    assert frameworks == ["nl_criminal_exploitation"]
    assert signal.persons.get().is_minor is True


def test_a_half_filled_form_keeps_what_was_typed_and_marks_what_is_wrong(client_en):
    response = client_en.post("/signals/new/", {
        **_management(), "forms": [], "persons-0-given_name": "Ana", "persons-0-age": "300",
        "account": "Wat ik zag", "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Ana"' in html and "Wat ik zag" in html
    assert "Choose at least one form" in html
    assert Signal.objects.count() == 0


def test_a_draft_is_saved_incomplete_and_finished_later(client_en):
    response = client_en.post("/signals/new/", {**_management(), "account": "Later verder", "save_draft": "1"})
    signal = Signal.objects.get()
    assert signal.status == "draft" and response["Location"] == f"/signals/{signal.pk}/edit/"
    edit = client_en.get(response["Location"])
    assert "Later verder" in edit.content.decode()
    done = client_en.post(response["Location"], {**_management(), "forms": ["labour"], "account": "Nu compleet",
                                                "version": str(signal.version), "submit": "1"})
    assert done.status_code == 302
    signal.refresh_from_db()
    assert signal.status == "new"


def test_adding_a_person_block_keeps_everything(client_en):
    response = client_en.post("/signals/new/", {**_management(), "forms": ["labour"], "account": "x",
                                                "add_person": "1"})
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 3
    assert Signal.objects.count() == 0


def test_the_screening_preview_follows_the_answers_without_saving(client_en):
    client_en.post("/signals/new/", {**_management(), "forms": ["labour"], "persons-0-age": "30", "submit": "1"})
    signal = Signal.objects.get()
    answers = {f"ilo_adult_labour__{i}": "present" for i in ["DR01", "DR02", "EX01", "EX02", "CD01", "CD02"]}
    preview = client_en.post(f"/signals/{signal.pk}/screen/preview/", answers)
    assert preview.status_code == 200
    assert "point to possible trafficking" in preview.content.decode()
    assert Screening.objects.count() == 0
    saved = client_en.post(f"/signals/{signal.pk}/screen/", answers)
    assert saved.status_code == 302 and Screening.objects.filter(framework="ilo_adult_labour").exists()
    detail = client_en.get(f"/signals/{signal.pk}/")
    html = detail.content.decode()
    assert "not a legal finding" in html and "Next steps for your organisation" in html
    assert detail.context["next_steps"], "a police unit gets next steps after a screening"


def test_the_detail_page_warns_of_the_same_victim_in_an_earlier_signal(client_en):
    for _ in range(2):
        client_en.post("/signals/new/", {**_management(), "forms": ["labour"], "persons-0-given_name": "Ion",
                                         "persons-0-family_name": "Popa", "persons-0-date_of_birth": "1990-01-02",
                                         "submit": "1"})
    first, second = Signal.objects.order_by("created_at")
    page = client_en.get(f"/signals/{second.pk}/")
    assert [d.reference for d in page.context["duplicates"]] == [first.reference]


def test_closing_without_a_reason_explains_why_nothing_changed(client_en):
    client_en.post("/signals/new/", {**_management(), "forms": ["labour"], "submit": "1"})
    signal = Signal.objects.get()
    response = client_en.post(f"/signals/{signal.pk}/status/", {"to": "closed", "version": "1"}, follow=True)
    assert "Choose why the signal is closed" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == "new"


def _new_address() -> str:
    """A caller address of its own, so that no other test (in any worker, sharing Redis) counts
    towards this test's rate limit; clearing the cache would clear theirs too."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def test_the_public_form_needs_no_login_and_gives_a_reference(client, police):
    response = client.post("/melden/", {"municipality": "GM0363", "account": "Veel jonge vrouwen in een woning.",
                                        "forms": ["sexual_domestic"]}, REMOTE_ADDR=_new_address())
    assert response.status_code == 200
    signal = Signal.objects.get(source="public")
    assert signal.reference in response.content.decode() and signal.organisation == police


def test_the_public_form_ignores_robots_and_limits_floods(client, police):
    from tests.conftest import make_organisation

    make_organisation("registration_desk", "national", "CoMensha")  # receives reports without a place
    address = _new_address()
    robot = client.post("/melden/", {"account": "spam", "website": "http://spam.example"}, REMOTE_ADDR=address)
    assert robot.status_code == 200 and Signal.objects.count() == 0
    statuses = [client.post("/melden/", {"account": f"melding {i}"}, REMOTE_ADDR=address).status_code
                for i in range(7)]
    assert statuses[:4] == [200] * 4 and statuses[-1] == 429
    assert Signal.objects.count() == 4


def test_training_compares_a_trainee_with_the_expert(client_en):
    from keten.engines.screening import vignettes

    vignette = vignettes()[0]
    page = client_en.get(f"/training/{vignette.id}/")
    assert page.status_code == 200
    answers = {i: "present" for i in vignette.expert_present}
    result = client_en.post(f"/training/{vignette.id}/", answers)
    assert result.context["comparison"].outcome_differs is False
    assert client_en.get("/training/unknown-case/").status_code == 404
