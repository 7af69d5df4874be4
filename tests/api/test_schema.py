"""The OpenAPI document is valid OpenAPI 3 and the committed copy is current."""

from pathlib import Path

import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_schema_is_valid_openapi_and_matches_the_committed_copy(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--lang", "en", "--file", str(out), "--fail-on-warn")
    generated = yaml.safe_load(out.read_text())
    validate(generated)
    assert generated == yaml.safe_load(COMMITTED.read_text()), "docs/api/openapi.yaml is out of date: make schema"
    assert generated["openapi"].startswith("3.")
