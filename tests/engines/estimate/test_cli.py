"""The ``keten estimate`` command: thin, JSON or text, exit code 2 with a reason on bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from keten.cli.main import cli

from .conftest import DATA


@pytest.fixture
def run():
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(cli, ["estimate", *args])

    return _run


@pytest.fixture
def korea():
    path = DATA / "Korea.csv"
    if not path.exists():
        pytest.skip(f"reference data not found at {DATA}")
    return str(path)


def test_json_has_the_contract_fields(run, korea):
    result = run("mse", korea, "--ci", "none", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= {"observed", "lists", "method", "model", "hidden", "total", "ci", "checks", "warnings"}
    assert out["observed"] == 123 and out["lists"] == ["b", "c", "d"]
    assert out["method"] == "stepwise" and out["model"] == ["b:c"]
    assert out["total"] == pytest.approx(out["observed"] + out["hidden"])
    assert out["ci"] is None
    assert out["checks"] == {"exists": True, "identifiable": True}


def test_bootstrap_interval_in_json(run, korea):
    out = json.loads(run("mse", korea, "--replicates", "200", "--seed", "11", "--json").stdout)
    assert out["ci"]["method"] == "bca" and out["ci"]["level"] == 0.95
    assert out["ci"]["low"] <= out["total"] <= out["ci"]["high"]
    assert out["details"]["bootstrap"]["replicates"] == 200


def test_text_output_is_readable(run, korea):
    result = run("mse", korea, "--ci", "model")
    assert result.exit_code == 0
    assert "Model: main effects + b:c" in result.output
    assert "Estimated total:" in result.output and "interval for the total" in result.output


def test_check_reports_a_model_without_finite_estimate(run, tmp_path):
    path = tmp_path / "artificial.csv"
    path.write_text("A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n")
    result = run("check", str(path), "--model", "A:B", "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["checks"] == {"exists": False, "identifiable": True}
    assert out["warnings"]
    text = run("check", str(path), "--model", "A:B,A:C,B:C")
    assert "finite estimate: yes; identifiable: no" in text.output


def test_strata_in_json(run, tmp_path):
    path = tmp_path / "strata.csv"
    path.write_text("year,A,B,count\n2022,1,0,30\n2022,0,1,25\n2022,1,1,10\n2023,1,0,14\n2023,0,1,11\n2023,1,1,5\n")
    out = json.loads(run("mse", str(path), "--method", "chapman", "--strata", "year", "--json").stdout)
    assert out["strata"] == ["year"]
    assert [r["stratum"] for r in out["results"]] == [{"year": 2022}, {"year": 2023}]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("A,B,count\n1,0,3\n1,1,-2\n", "negative"),
        ("A,B,count\n1,0,3\n1,1,1.5\n", "whole number"),
        ("A,B,count\n1,0,3\n1,2,1\n", "only 0 and 1"),
        ("A,B,count\n1,0,3\n1,0,1\n0,1,2\n", "more than once"),
        ("A,count\n1,3\n", "at least 2 lists"),
        ("A,B,C,count\n1,0,0,3\n0,1,0,4\n0,0,1,2\n", "more than one list"),
    ],
)
def test_bad_input_exits_2_with_the_reason_and_no_traceback(run, tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    result = run("mse", str(path), "--json")
    assert result.exit_code == 2
    assert reason in result.output
    assert "Traceback" not in result.output


def test_unknown_term_in_check_exits_2(run, korea):
    result = run("check", korea, "--model", "b:z")
    assert result.exit_code == 2 and "unknown list 'z'" in result.output
