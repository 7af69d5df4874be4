"""Permissions the accounts app declares. Roles are composed from these in the database."""

from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("accounts.view_directory", "See the directory of partner organisations (no personal data)."),
    Perm("accounts.view_members", "See the members of the own organisation and their roles."),
    Perm("accounts.manage_members", "Add and remove members of the own organisation and change their role."),
    Perm("accounts.manage_roles", "Change which permissions the roles of the own organisation carry."),
    Perm("accounts.manage_organisations", "Register partner organisations and change their details."),
    Perm("accounts.use_api", "Create personal API tokens to use the API from scripts."),
)
