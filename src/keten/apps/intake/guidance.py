"""Next steps after a screening, for the organisation type of the person looking (from the
screening engine's guidance data)."""

from __future__ import annotations

from keten.engines import screening

# Keten's organisation types that the guidance data knows under another name.
_GUIDANCE_TYPE = {"police_national": "police", "nidos": "youth_care", "care_provider": "ngo",
                  "registration_desk": "care_coordination", "fiu": "bank"}


def guidance_type(org_type: str) -> str:
    known = {t.code for t in screening.org_types()}
    candidate = _GUIDANCE_TYPE.get(org_type, org_type)
    return candidate if candidate in known else "other"


def steps_for(org_type: str, screenings, signal) -> list:
    """Steps for the most telling current screening (a positive one first); none before screening."""
    minor = any(p.is_minor for p in signal.persons.all() if p.role == "victim") or None
    ordered = sorted(screenings, key=lambda s: (not s.victim, -len(s.positive_dimensions)))
    for row in ordered:
        try:
            outcome = screening.screen(row.framework, present=row.present, absent=row.absent, unknown=row.unknown)
        except screening.ScreeningError:
            continue  # the framework changed since; the stored outcome still stands on the page
        return screening.next_steps(guidance_type(org_type), outcome, minor=minor)
    return []
