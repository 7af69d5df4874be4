"""The plan of action for the demo: the 2018 letter's plan, its computed indicators, the one
indicator value the letter itself gives, and two bottlenecks the letter names."""

from __future__ import annotations

from keten.apps.accounts.actor import Actor

EDIT = frozenset({"plan.view", "plan.edit"})

LETTER_BOTTLENECKS = (
    ("b", "police", "Door de reorganisatie bij de politie waren tijdelijk minder mensenhandelexperts beschikbaar; "
                    "andere thema's, zoals de vluchtelingenstroom en terrorisme, vergden extra inzet."),
    ("b", "om", "Het aantal bij het OM ingestroomde zaken en de gemiddeld opgelegde straffen daalden, onder andere "
                "door de druk op de capaciteit van de betrokken partners."),
)


def load() -> int:
    """Load the plan once; returns the number of measures added (0 when it was there)."""
    from keten.apps.plan import services
    from keten.apps.plan.computations import compute_all
    from keten.apps.plan.letter import load_letter

    if services.current_plan() is not None:
        return 0
    actor = Actor.system("demo-data", EDIT)
    plan = load_letter(actor=actor)
    tables = plan.indicators.get(code="regional-tables")
    services.indicator_value_record(actor=actor, indicator_id=tables.pk, period_end="2018-06-01", value=3,
                                    source="Kamerbrief voorjaar 2018: Rotterdam, Noord-Holland en Oost-Brabant")
    for theme, raised_by, text in LETTER_BOTTLENECKS:
        services.bottleneck_add(actor=actor, theme_code=theme, raised_by=raised_by, description=text)
    compute_all(plan)
    return plan.measures.count()
