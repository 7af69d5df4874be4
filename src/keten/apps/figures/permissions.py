from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("figures.view", "See disclosure-controlled figures on possible victims and signals across organisations."),
)
