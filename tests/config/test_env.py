import os
import subprocess
import sys

import pytest

from keten.config import env


def test_settings_parse_and_report_bad_values(monkeypatch):
    monkeypatch.setenv("KETEN_SESSION_MINUTES", "45")
    assert env.get("KETEN_SESSION_MINUTES") == 45
    monkeypatch.setenv("KETEN_DEMO_MODE", "maybe")
    with pytest.raises(env.ConfigurationError, match="KETEN_DEMO_MODE"):
        env.get("KETEN_DEMO_MODE")
    monkeypatch.setenv("KETEN_ALLOWED_HOSTS", "a.example, b.example,")
    assert env.get("KETEN_ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_every_setting_is_documented():
    for setting in env.SETTINGS:
        assert len(setting.help) > 20, setting.name
    documented = open(env.PROJECT_ROOT / "docs" / "configuration.md", encoding="utf-8").read()
    for setting in env.SETTINGS:
        assert f"`{setting.name}`" in documented, f"{setting.name} is missing from docs/configuration.md"


def _start_prod(extra: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KETEN_") and k != "DJANGO_SETTINGS_MODULE"}
    clean.update({"DJANGO_SETTINGS_MODULE": "keten.config.settings.prod", **extra})
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=clean,
                          capture_output=True, text=True)


@pytest.mark.parametrize("missing", ["KETEN_SECRET_KEY", "KETEN_FIELD_KEYS", "KETEN_PSEUDONYM_KEY"])
def test_production_refuses_to_start_without_its_secrets(missing):
    secrets = {"KETEN_SECRET_KEY": "s" * 60, "KETEN_FIELD_KEYS": "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTAxMjM=",
               "KETEN_PSEUDONYM_KEY": "p" * 40}
    del secrets[missing]
    result = _start_prod(secrets)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_starts_with_its_secrets_and_refuses_demo_mode():
    secrets = {"KETEN_SECRET_KEY": "s" * 60, "KETEN_FIELD_KEYS": "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTAxMjM=",
               "KETEN_PSEUDONYM_KEY": "p" * 40}
    assert _start_prod(secrets).returncode == 0
    refused = _start_prod({**secrets, "KETEN_DEMO_MODE": "true"})
    assert refused.returncode != 0 and "KETEN_DEMO_MODE must be off" in refused.stderr
