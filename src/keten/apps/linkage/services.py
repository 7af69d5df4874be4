"""Linking the person records of all organisations, as each would do it on its own machine: every
organisation's records are encoded into keyed Bloom filters (names and dates never leave the
encoding step), the encodings are linked, and only cluster ids are kept."""

from __future__ import annotations

import hashlib
import hmac
from typing import Callable

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.care.models import Case
from keten.apps.intake.models import Person
from keten.engines import linkage

from .models import ClusterMember, LinkageRun

Progress = Callable[[int, int, str], None]
SEX = {"female": "F", "male": "M"}
MIN_RECORDS = 50  # below this the model cannot learn what a match looks like


def linkage_key() -> bytes:
    """The encoding key every organisation uses, derived from the deployment's pseudonym key (in a
    deployment across machines, the partners agree on it out of band)."""
    return hmac.new(settings.KETEN_PSEUDONYM_KEY.encode(), b"keten-pprl-key", hashlib.sha256).digest()


def person_frames() -> dict[str, pd.DataFrame]:
    """Per organisation: its possible victims in signals and its cases, with the fields linkage uses.
    Decrypted only here, in memory, to be encoded at once."""
    rows: dict[str, list[dict]] = {}
    victims = (Person.objects.filter(role=Person.Role.VICTIM).exclude(signal__status="draft")
               .select_related("signal").only("id", "given_name", "family_name", "date_of_birth", "gender",
                                              "nationality", "phone", "signal__organisation_id"))
    for p in victims.iterator(chunk_size=2000):
        if p.given_name or p.family_name:
            rows.setdefault(str(p.signal.organisation_id), []).append(_row(f"signal:{p.pk}", p))
    cases = Case.objects.filter(merged_into__isnull=True, anonymised_at__isnull=True).only(
        "id", "owner_id", "given_name", "family_name", "date_of_birth", "gender", "nationality")
    for c in cases.iterator(chunk_size=2000):
        rows.setdefault(str(c.owner_id), []).append(_row(f"case:{c.pk}", c))
    return {org: pd.DataFrame(r) for org, r in rows.items()}


def _row(record_id: str, obj) -> dict:
    return {"id": record_id, "given_name": obj.given_name or None, "family_name": obj.family_name or None,
            "date_of_birth": obj.date_of_birth or None, "sex": SEX.get(obj.gender),
            "nationality": obj.nationality or None, "phone": getattr(obj, "phone", "") or None}


def linkage_run(*, actor: Actor, job_id=None, progress: Progress | None = None) -> LinkageRun:
    """Encode, link and store clusters; the previous run's clusters are replaced."""
    say = progress or (lambda done, total, phase: None)
    frames = person_frames()
    total = sum(len(f) for f in frames.values())
    if total < MIN_RECORDS:
        raise LinkageTooSmall(total)
    key = linkage_key()
    encodings = []
    for number, (organisation, frame) in enumerate(sorted(frames.items())):
        say(number, len(frames), _("encoding each organisation's records"))
        encodings.append(linkage.encode(frame, key=key, id_column="id", source=organisation))
    say(0, 1, _("linking the encodings"))
    clusters = linkage.link_encodings(
        encodings, progress=lambda step, fraction: say(int(fraction * 100), 100, _("linking: %(step)s") % {"step": step}))
    members = [ClusterMember(source=row.id.split(":", 1)[0], record_id=row.id.split(":", 1)[1],
                             organisation_id=row.source, cluster=str(row.cluster_id))
               for row in clusters.itertuples(index=False)]
    per_cluster = clusters.groupby("cluster_id")["source"].nunique()
    with transaction.atomic():
        ClusterMember.objects.all().delete()
        run = LinkageRun.objects.create(job_id=job_id, records=len(members), persons=int(per_cluster.size),
                                        persons_in_several_organisations=int((per_cluster > 1).sum()),
                                        finished_at=timezone.now())
        for member in members:
            member.run = run
        ClusterMember.objects.bulk_create(members, batch_size=2000)
        LinkageRun.objects.exclude(pk=run.pk).delete()
        record(actor=actor, action=Event.LINKAGE_RUN, obj=run, details={
            "records": run.records, "persons": run.persons, "organisations": len(frames)})
    say(1, 1, _("done"))
    return run


class LinkageTooSmall(Exception):
    def __init__(self, records: int):
        self.records = records
        super().__init__(_("Only %(n)s person records: linkage needs at least %(min)s to learn what a match "
                           "looks like.") % {"n": records, "min": MIN_RECORDS})
