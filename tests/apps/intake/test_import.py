"""Bulk import: all rows checked first, all or nothing, the same file twice adds nothing."""

import io

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from keten.apps.audit.models import AuditEvent
from keten.apps.intake.importing import ImportRefused, import_signals
from keten.apps.intake.models import Person, Signal
from keten.apps.jobs.models import Job
from keten.cli.main import cli

from ...conftest import actor_for, make_member

pytestmark = pytest.mark.django_db

GOOD = (
    "Ons kenmerk;Datum;Gemeente;Vorm;Sector;Nationaliteit;Leeftijd;Verslag\n"
    "A-1;2024-02-01;GM0363;sexual_domestic;prostitution_unlicensed;NL;16;Meisje in hotel\n"
    "A-2;2024-03-11;GM0599;labour;agriculture;RO;31;Werkt zonder loon\n"
    "A-3;2024-04-20;;criminal;cannabis_cultivation;VN;17;Jongen in hennepkwekerij\n"
)
MAPPING = {"Ons kenmerk": "external_reference", "Datum": "observed_on", "Gemeente": "municipality", "Vorm": "forms",
           "Sector": "sector", "Nationaliteit": "victim_nationality", "Leeftijd": "victim_age", "Verslag": "account"}


@pytest.fixture
def importer(police):
    return actor_for(make_member(police, "org_admin"))


def test_a_good_file_is_imported_with_victims_and_once_only(importer):
    result = import_signals(actor=importer, content=GOOD.encode(), filename="oud.csv", mapping=MAPPING)
    assert result.created == 3 and result.already_imported == 0
    minors = Person.objects.filter(signal__source="import", is_minor=True).count()
    assert minors == 2
    assert Signal.objects.get(external_reference="A-2").forms.get().form == "labour"
    again = import_signals(actor=importer, content=GOOD.encode(), filename="oud.csv", mapping=MAPPING)
    assert again.created == 0 and again.already_imported == 3
    assert Signal.objects.count() == 3
    assert AuditEvent.objects.filter(action="signals_imported").count() == 2


def test_one_bad_row_writes_nothing_and_every_problem_is_named(importer):
    bad = GOOD + "A-4;gisteren;GM9999;labour;;XX;abc;\nA-1;2024-01-01;;labour;;;;\n"
    with pytest.raises(ImportRefused) as exc:
        import_signals(actor=importer, content=bad.encode(), filename="oud.csv", mapping=MAPPING)
    found = {(p.row, p.column) for p in exc.value.problems}
    assert {(5, "Datum"), (5, "Gemeente"), (5, "Nationaliteit"), (5, "Leeftijd"), (6, "Ons kenmerk")} <= found
    assert Signal.objects.count() == 0


def test_mapping_problems_are_reported_before_any_row(importer):
    with pytest.raises(ImportRefused) as exc:
        import_signals(actor=importer, content=GOOD.encode(), filename="oud.csv",
                       mapping={"Datum": "observed_on", "Gemeente": "observed_on", "Nope": "forms"})
    messages = " ".join(p.message for p in exc.value.problems)
    assert "Two columns" in messages and "no column 'Nope'" in messages and "external_reference" in messages


def test_excel_files_are_read_too(importer):
    book = Workbook()
    sheet = book.active
    sheet.append(["external_reference", "forms", "observed_on", "victim_gender"])
    sheet.append(["X-1", "labour", "2024-05-05", "male"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_signals(actor=importer, content=buffer.getvalue(), filename="oud.xlsx")
    assert result.created == 1 and Person.objects.get().gender == "male"


def test_unreadable_files_are_refused_with_a_reason(importer):
    with pytest.raises(ImportRefused, match="CSV UTF-8"):
        import_signals(actor=importer, content="ü".encode("latin-1") * 5, filename="oud.csv")
    with pytest.raises(ImportRefused, match=".pdf"):
        import_signals(actor=importer, content=b"%PDF", filename="oud.pdf")


def test_the_command_line_imports_with_a_progress_bar_and_fails_loudly(police, tmp_path):
    path = tmp_path / "oud.csv"
    path.write_text(GOOD)
    args = ["import", "signals", str(path), "--org", police.name] + [f"--map={k}={v}" for k, v in MAPPING.items()]
    ok = CliRunner().invoke(cli, args)
    assert ok.exit_code == 0, ok.output
    assert "Imported 3 signals" in ok.output
    path.write_text(GOOD + "A-9;;;;;;;\n")
    bad = CliRunner().invoke(cli, args)
    assert bad.exit_code == 1 and "row 5" in bad.output
    unknown = CliRunner().invoke(cli, ["import", "signals", str(path), "--org", "Nobody"])
    assert unknown.exit_code == 2 and "no organisation" in unknown.output


def test_the_import_page_runs_a_job_and_shows_its_problems(signed_in, police, django_capture_on_commit_callbacks):
    client = signed_in(make_member(police, "org_admin"))
    client.cookies["keten_language"] = "en"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("oud.csv", (GOOD + "A-9;;;;;;;\n").encode(), content_type="text/csv")
    response = client.post("/signals/import/", {"file": upload})
    assert response.status_code == 302
    mapping_page = client.get("/signals/import/columns/")
    assert "Ons kenmerk" in mapping_page.content.decode()
    form = {f"map_{i}": MAPPING[h] for i, h in enumerate(MAPPING)}
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/signals/import/columns/", form)
    _run_queued_tasks()
    job = Job.objects.get()
    assert started["Location"] == f"/jobs/{job.pk}/"
    progress = client.get(f"/jobs/{job.pk}/progress/")
    assert job.status == "failed" and Signal.objects.count() == 0
    assert "Problems to fix" in progress.content.decode() and "hx-get" not in progress.content.decode()


def _run_queued_tasks():
    from django.conf import settings

    if settings.REDIS_URL:
        import django_rq
        from django_tasks_rq.backend import Job as RQJob
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=RQJob)
        SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)
