"""The only place that reads the environment.

Every setting Keten takes from the environment is declared here with a help text and a safe
default, so ``keten settings`` (and docs/configuration.md) can list them all. Secrets have no
default outside development: production settings refuse to start without them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a yes/no value, got {raw!r}")


def _list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


@dataclass(frozen=True)
class Setting:
    name: str
    help: str
    default: str | None = None
    parse: Callable[[str], Any] = str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("DJANGO_SETTINGS_MODULE", "Settings module: keten.config.settings.dev (demo), .test or .prod.",
            "keten.config.settings.dev"),
    Setting("KETEN_SECRET_KEY", "Django's secret key (sessions, signing). Required in production.",
            secret=True),
    Setting("KETEN_FIELD_KEYS", "Comma-separated Fernet keys for special personal data at rest; the first "
            "encrypts, all decrypt (rotation: put the new key first, run `keten keys rotate`). "
            "Required in production.", secret=True, parse=_list),
    Setting("KETEN_PSEUDONYM_KEY", "Key for keyed pseudonyms (HMAC-SHA256) used in analytics and duplicate "
            "checks. Required in production; changing it changes every pseudonym.", secret=True),
    Setting("DATABASE_URL", "Database to use; SQLite under var/ by default, postgres://… in production.",
            None),
    Setting("REDIS_URL", "Redis for the RQ task backend and the cache; empty means the database task "
            "backend and a local-memory cache.", ""),
    Setting("KETEN_VAR_DIR", "Folder for the SQLite database, uploads and job files.", None),
    Setting("KETEN_DEMO_MODE", "Demo mode: demo accounts may sign in without a second factor. Never on in "
            "production.", "false", _bool),
    Setting("KETEN_ALLOWED_HOSTS", "Comma-separated host names the web server answers to.",
            "127.0.0.1,localhost", _list),
    Setting("KETEN_SESSION_MINUTES", "Minutes of inactivity after which a session expires.", "30", int),
    Setting("KETEN_LOGIN_ATTEMPTS", "Failed sign-ins (per account and address) before a temporary lock.",
            "5", int),
    Setting("KETEN_LOCKOUT_MINUTES", "Minutes an account and address stay locked after too many failures.",
            "15", int),
    Setting("KETEN_EMAIL_FROM", "Sender address of notification e-mails.", "keten@localhost"),
    Setting("KETEN_SMTP_URL", "SMTP server as smtp://user:pass@host:port; empty writes e-mails to the "
            "console.", "", secret=True),
    Setting("KETEN_LOG_LEVEL", "Log level of the application loggers.", "INFO"),
    Setting("KETEN_CHROMIUM", "Path of the Chromium used by browser tests.", "/usr/bin/chromium"),
    Setting("PORT", "Port of the demo web server.", "8000", int),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


class ConfigurationError(RuntimeError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def get(name: str, default: Any = None) -> Any:
    """The parsed value of a declared setting, or ``default`` (then the declared default) if unset."""
    setting = _BY_NAME[name]
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is not None:
            return default
        if setting.default is None:
            return None
        raw = setting.default
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name}: {exc}. {setting.help}") from exc


def require(name: str) -> Any:
    """The value of a setting that must be present (production secrets)."""
    value = get(name)
    if value in (None, "", []):
        raise ConfigurationError(
            f"{name} is not set. {_BY_NAME[name].help} Set it in the environment before starting Keten."
        )
    return value
