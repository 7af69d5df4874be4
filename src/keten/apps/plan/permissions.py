from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("plan.view", "Read the plan of action: themes, measures, money, goals, indicators and evaluations."),
    Perm("plan.edit", "Change the plan of action, freeze versions and write evaluations."),
    Perm("plan.update_progress", "Report progress on the measures the own organisation leads."),
)
