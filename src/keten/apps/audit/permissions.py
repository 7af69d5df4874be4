from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("audit.view_log", "Search the audit log of the own organisation: who read or changed what, when and why."),
    Perm("audit.verify_chain", "Verify that the audit log's hash chain is intact."),
)
