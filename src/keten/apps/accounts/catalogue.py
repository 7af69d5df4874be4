"""The permission catalogue (collected from every app), the role templates, and the code lists
that are synchronised into the database after every migrate."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.apps import apps

from keten.apps.common.permissions import Perm

ROLES_FILE = Path(__file__).parent / "data" / "roles.yaml"


@lru_cache
def catalogue() -> dict[str, Perm]:
    """Every permission declared by an installed Keten app, by code."""
    found: dict[str, Perm] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("keten."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
            continue
        for perm in getattr(module, "PERMISSIONS", ()):
            if perm.code in found:
                raise ValueError(f"permission {perm.code} is declared twice")
            found[perm.code] = perm
    return found


@dataclass(frozen=True)
class RoleTemplate:
    code: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    org_types: tuple[str, ...] | None
    permissions: tuple[str, ...]

    def admits(self, org_type: str) -> bool:
        return self.org_types is None or org_type in self.org_types


@lru_cache
def role_templates() -> dict[str, RoleTemplate]:
    raw = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))["roles"]
    known = catalogue()
    templates = {}
    for code, spec in raw.items():
        unknown = sorted(set(spec["permissions"]) - set(known))
        if unknown:
            raise ValueError(f"role template {code} names unknown permissions: {', '.join(unknown)}")
        templates[code] = RoleTemplate(
            code=code,
            name_nl=spec["nl"],
            name_en=spec["en"],
            description_nl=spec["description_nl"],
            description_en=spec["description_en"],
            org_types=tuple(spec["org_types"]) if "org_types" in spec else None,
            permissions=tuple(spec["permissions"]),
        )
    return templates


def sync_permissions() -> set[str]:
    """Make the Permission table equal the catalogue; return the codes that were new."""
    from .models import Permission, Role

    declared = catalogue()
    existing = set(Permission.objects.values_list("code", flat=True))
    new = set(declared) - existing
    Permission.objects.bulk_create(
        [Permission(code=c, app_label=c.split(".")[0], description=declared[c].description) for c in sorted(new)]
    )
    for code in existing & set(declared):
        Permission.objects.filter(code=code).exclude(description=declared[code].description).update(
            description=declared[code].description
        )
    Permission.objects.exclude(code__in=declared).delete()
    # New permissions reach the roles made from templates that list them; earlier choices of
    # organisation admins (removals) are left alone.
    from django.db.models import F

    for template in role_templates().values():
        added = new & set(template.permissions)
        if added:
            roles = Role.objects.filter(template=template.code)
            for role in roles:
                role.permissions.add(*added)
            roles.update(version=F("version") + 1)  # remembered permission sets (actor.py) go stale
    return new


def sync_municipalities() -> int:
    """Upsert the municipality code list from its data file; returns how many rows changed."""
    from .codelists import municipality_rows
    from .models import Municipality

    existing = {m.code: (m.name, m.region) for m in Municipality.objects.all()}
    changed = [
        Municipality(code=row["code"], name=row["name"], region=row["region"])
        for row in municipality_rows()
        if existing.get(row["code"]) != (row["name"], row["region"])
    ]
    Municipality.objects.bulk_create(changed, update_conflicts=True, unique_fields=["code"],
                                     update_fields=["name", "region"])
    return len(changed)


def sync_after_migrate(sender, **kwargs) -> None:
    # Code lists that live in the code's data files, kept equal to them after every migrate.
    sync_permissions()
    sync_municipalities()
