"""`keten persons link|histories` against the system's own records."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from keten.apps.audit.models import AuditEvent
from keten.apps.linkage.jobs import linkage_job_start
from keten.apps.linkage.models import ClusterMember, LinkageRun
from keten.cli.main import cli

from ...conftest import actor_for, make_member, make_organisation

pytestmark = pytest.mark.django_db

# Of the chain's 61 persons: 24 only the police signalled, 24 only the NGO, 13 both (12 and Popescu).
HISTORIES = "ngo,police,count\n0,1,24\n1,0,24\n1,1,13\n"


def _keten(*args: str):
    return CliRunner().invoke(cli, ["persons", *args])


@pytest.mark.slow
def test_link_stores_one_cluster_per_person_and_histories_writes_them_for_the_estimate(chain, tmp_path):
    linked = _keten("link")
    assert linked.exit_code == 0, linked.output
    run = LinkageRun.objects.get()
    assert (run.records, run.persons, run.persons_in_several_organisations) == (chain.records, 61, 13)
    assert linked.output.splitlines()[-1] == ("75 records belong to 61 persons; "
                                              "13 are known to more than one organisation.")
    popescu = [chain.case.pk, chain.ngo_signal.persons.get().pk,
               *chain.case.signal_links.values_list("signal__persons__pk", flat=True)]
    assert ClusterMember.objects.filter(run=run, record_id__in=popescu).values("cluster").distinct().count() == 1
    assert AuditEvent.objects.get(action="linkage_run").actor_label == "system:persons-link"

    to_stdout = _keten("histories")
    assert to_stdout.exit_code == 0 and to_stdout.output == HISTORIES
    out = tmp_path / "histories.csv"
    to_file = _keten("histories", "--out", str(out))
    assert to_file.exit_code == 0
    assert to_file.output == f"Wrote 3 capture patterns of 61 persons to {out}\n"
    assert out.read_text(encoding="utf-8") == HISTORIES


def test_link_with_too_few_records_says_so_and_stores_nothing():
    result = _keten("link")
    assert result.exit_code == 1 and "linkage needs at least 50" in result.output
    assert not LinkageRun.objects.exists()


def test_link_gives_way_to_a_linkage_started_from_the_page():
    desk = actor_for(make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk"))
    linkage_job_start(actor=desk)
    result = _keten("link")
    assert result.exit_code == 1 and "Linkage is already waiting or running" in result.output
    assert not LinkageRun.objects.exists()


def test_histories_before_any_linkage_says_what_to_run(tmp_path):
    out = tmp_path / "histories.csv"
    result = _keten("histories", "--out", str(out))
    assert result.exit_code == 1 and "run `keten persons link` first" in result.output
    assert not out.exists()
