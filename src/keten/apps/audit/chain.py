"""Hashing and verification of the audit chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timezone

from django.utils.translation import gettext as _

GENESIS = "0" * 64


def canonical(event) -> bytes:
    """The exact bytes a row's hash covers: every field but the id and the hash itself."""
    occurred = event.occurred_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "occurred_at": occurred,
        "action": event.action,
        "actor_id": str(event.actor_id or ""),
        "actor_label": event.actor_label,
        "organisation_id": str(event.organisation_id or ""),
        "organisation_label": event.organisation_label,
        "role": event.role,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "purpose": event.purpose,
        "request_id": event.request_id,
        "ip_address": event.ip_address or "",
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(event) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    head_hash: str
    first_bad_id: int | None = None
    reason: str = ""


def verify(events) -> Verification:
    """Walk events in id order; the first row whose hash or link does not hold is named."""
    previous = GENESIS
    checked = 0
    for event in events:
        if event.prev_hash != previous:
            return Verification(False, checked, previous, event.id,
                                _("its link to the previous entry is broken (an entry before it was removed or changed)"))
        if compute_hash(event) != event.hash:
            return Verification(False, checked, previous, event.id, _("its content does not match its hash (it was changed)"))
        previous = event.hash
        checked += 1
    return Verification(True, checked, previous)
