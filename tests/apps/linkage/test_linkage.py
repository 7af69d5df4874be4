"""Linkage across organisations on encoded records: the same person's records end in one cluster,
and only organisation names and counts cross organisation lines."""

from collections import defaultdict

import pytest

from keten.apps.accounts.actor import Actor
from keten.apps.audit.models import AuditEvent
from keten.apps.intake.models import Person
from keten.apps.linkage import selectors
from keten.apps.linkage.models import ClusterMember
from keten.apps.linkage.services import LinkageTooSmall, linkage_run
from keten.demo import organisations, signals

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def linked(db):
    organisations.load(seed=3, extra_members=0)
    signals.load(seed=3, total=400)
    return linkage_run(actor=Actor.system("test"))


def test_identical_records_of_one_person_land_in_one_cluster(linked):
    cluster_of = dict(ClusterMember.objects.filter(run=linked).values_list("record_id", "cluster"))
    groups = defaultdict(set)
    for person in Person.objects.filter(role="victim"):
        groups[(person.given_name, person.family_name, person.date_of_birth)].add(cluster_of[person.pk])
    assert all(len(clusters) == 1 for clusters in groups.values())
    assert linked.records == Person.objects.filter(role="victim").count()
    assert linked.persons <= linked.records and linked.persons_in_several_organisations > 0
    assert AuditEvent.objects.filter(action="linkage_run").exists()
    stored = {f.name for f in ClusterMember._meta.concrete_fields}
    assert stored == {"id", "run", "source", "record_id", "organisation", "cluster"}  # no names are kept


def test_capture_histories_count_every_person_once(linked):
    table, labels = selectors.capture_histories(actor=Actor.system("t", frozenset({"linkage.view_statistics"})))
    assert int(table["count"].sum()) == linked.persons
    assert len(labels) == len(table.columns) - 1
    lists = [c for c in table.columns if c != "count"]
    assert (table[lists].sum(axis=1) >= 1).all()


def test_the_statistics_page_shows_persons_and_an_estimate(linked, signed_in):
    from keten.apps.accounts.models import Membership

    policy = Membership.objects.get(user__email="beleid@demo.keten.nl")
    client = signed_in(policy)
    client.cookies["keten_language"] = "en"
    page = client.get("/statistics/persons/")
    assert page.status_code == 200 and page.context["persons"] == linked.persons
    shown = [row["count"] for row in page.context["rows"]]
    assert all(count is None or count >= 10 for count in shown)  # seen across organisations: no small counts
    assert None in shown and "not shown" in page.content.decode()
    held = [row["lists"] for row in page.context["rows"] if row["count"] is None]
    assert shown[-len(held):] == [None] * len(held) and held == sorted(held)  # last, and not ranked by size
    result = page.context["result"]
    assert result is not None and (result.total is None or result.total >= linked.persons)
    from django.core.cache import cache

    # Worked out once per run: the next visit reads it instead of bootstrapping again.
    assert cache.get(f"linkage:estimate:{page.context['run'].pk}")[0].total == result.total


def test_too_few_records_is_a_clear_refusal(db):
    with pytest.raises(LinkageTooSmall, match="at least"):
        linkage_run(actor=Actor.system("test"))
