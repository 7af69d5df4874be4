"""The areas of Keten a user can reach from the landing page. An area appears for a role that
holds its permission; its text says what the area is for, so an empty area still explains itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    url_name: str
    permission: str
    title: str
    description: str


AREAS: tuple[Area, ...] = (
    Area("intake:list", "intake.view_signals", _("Signals"),
         _("Record what you saw or heard that may point to human trafficking, weigh it against the standard "
           "indicators, and see what to do next. Signals forwarded to your organisation appear here too.")),
    Area("care:list", "care.view_cases", _("Possible victims"),
         _("Cases of possible victims, registered once nationally: referrals to care, shelter and the residence "
           "procedure, with every deadline on the task list.")),
    Area("care:tasks", "care.manage_tasks", _("Tasks"),
         _("Deadlines and tasks of your organisation: reflection periods, permit steps, answers to referrals.")),
    Area("care:capacity", "care.view_capacity", _("Shelter capacity"),
         _("Places, occupancy and the waiting list of shelters across the country.")),
    Area("care:facilities", "care.manage_shelter", _("Your facilities"),
         _("Keep the capacity of your organisation's shelter facilities up to date.")),
    Area("care:coverage", "care.manage_coordination", _("Care coordination"),
         _("Which municipalities have a care coordinator for victims, and which do not yet.")),
    Area("care:legal_hold", "care.legal_hold", _("Legal hold"),
         _("Keep a case past its retention term while an investigation or a court case needs it, with the reason. "
           "You find the case by its reference and do not see the person.")),
    Area("linkage:overview", "linkage.run", _("Linkage"),
         _("Which records of different organisations belong to the same person — found on encoded copies, "
           "so no organisation sees another's records.")),
    Area("figures:overview", "figures.view", _("Figures"),
         _("Possible victims and signals counted across all organisations, per year: forms of exploitation, "
           "gender, age, nationality, who reported them and the migration context. Small counts are held back.")),
    Area("linkage:statistics", "linkage.view_statistics", _("Unique persons"),
         _("Possible victims counted once across all organisations, and an estimate of how many were seen by "
           "no one (the hidden number).")),
    Area("plan:overview", "plan.view", _("Plan of action"),
         _("The plan of action against human trafficking: its themes, measures and who carries them, the money, "
           "and how goals and indicators are doing. Partners report progress on the measures they lead.")),
    Area("intake:import", "intake.import_signals", _("Import"),
         _("Bring your organisation's earlier registrations into Keten from a CSV or Excel file, checked row by "
           "row before anything is written.")),
    Area("intake:training", "intake.use_training", _("Practise"),
         _("Fictional cases to practise recognising sexual, labour and criminal exploitation, with an expert's "
           "answers to compare with.")),
    Area("accounts:directory", "accounts.view_directory", _("Partner directory"),
         _("Which organisations work in the chain against human trafficking, what kind they are and where. "
           "Knowing each other's expertise is where cooperation starts.")),
    Area("accounts:members", "accounts.view_members", _("Members of your organisation"),
         _("Who in your organisation uses Keten, and in which role. Roles decide what each person may see and do.")),
    Area("accounts:roles", "accounts.manage_roles", _("Roles and permissions"),
         _("Compose the roles of your organisation from the permission catalogue. Nobody sees more than their role allows.")),
    Area("accounts:organisations", "accounts.manage_organisations", _("Organisations"),
         _("Register partner organisations in Keten, with their type, police unit and municipality.")),
    Area("audit:search", "audit.view_log", _("Audit log"),
         _("Who read or changed which personal data, when and for what purpose, in your organisation. "
           "Every entry is chained to the one before it, so tampering shows.")),
    Area("accounts:tokens", "accounts.use_api", _("API access"),
         _("Personal tokens for scripts that use the Keten API on your behalf, within your role.")),
)


def areas_for(actor) -> list[Area]:
    if actor is None or actor.membership is None:
        return []
    return [area for area in AREAS if actor.has(area.permission)]
