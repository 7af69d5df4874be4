"""Scheduled integrity check of the audit log (run nightly by the scheduler of the deployment)."""

from keten.config.jobs import task


@task()
def verify_audit_chain() -> dict:
    from keten.apps.accounts.actor import Actor

    from .selectors import audit_chain_verify

    result = audit_chain_verify(actor=Actor.system("nightly-audit-verify"))
    return {"ok": result.ok, "checked": result.checked, "first_bad_id": result.first_bad_id}
