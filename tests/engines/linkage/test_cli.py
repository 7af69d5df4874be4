"""The keten link commands through click's runner: results, and every bad input with exit code 2."""

import pandas as pd
import pytest
from click.testing import CliRunner

from keten.cli.link import command


@pytest.fixture(scope="module")
def files(tmp_path_factory, people):
    folder = tmp_path_factory.mktemp("link")
    small = people.drop(columns=["person_id"]).head(600)
    small.to_csv(folder / "people.csv", index=False)
    small.to_parquet(folder / "people.parquet")
    small.head(300).to_csv(folder / "a.csv", index=False)
    small.tail(300).to_csv(folder / "b.csv", index=False)
    bad = small.head(10).copy()
    bad.loc[bad.index[0], "date_of_birth"] = "31-02-1990"
    bad.to_csv(folder / "bad_dates.csv", index=False)
    (folder / "empty.csv").write_text("")
    return folder


def run(*args):
    return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)


def test_dedupe_writes_one_row_per_record(files):
    out = files / "clusters.csv"
    result = run("dedupe", files / "people.parquet", "--id-column", "record_id", "--ignore", "source",
                 "--threshold", "0.6", "--out", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert list(table.columns) == ["id", "cluster_id", "match_probability"] and len(table) == 600


def test_pair_writes_pairs(files):
    out = files / "pairs.csv"
    result = run("pair", files / "a.csv", files / "b.csv", "--id-column", "record_id", "--ignore", "source",
                 "--out", out)
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(out).columns) == ["id_a", "id_b", "match_probability"]


def test_keygen_encode_pprl(files):
    key = files / "shared.key"
    assert run("keygen", "--out", key).exit_code == 0
    for part in ("a", "b"):
        result = run("encode", files / f"{part}.csv", "--id-column", "record_id", "--ignore", "source",
                     "--key-file", key, "--out", files / f"{part}.jsonl")
        assert result.exit_code == 0, result.output
    out = files / "pprl.csv"
    result = run("pprl", files / "a.jsonl", files / "b.jsonl", "--out", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert list(table.columns) == ["source", "id", "cluster_id", "match_probability"] and len(table) == 600


@pytest.mark.parametrize(
    "args, message",
    [
        (["dedupe", "{f}/people.csv", "--id-column", "nope", "--out", "{f}/x.csv"], "no id column 'nope'"),
        (["dedupe", "{f}/people.csv", "--id-column", "record_id", "--out", "{f}/x.csv"], "not person fields: source"),
        (["dedupe", "{f}/people.csv", "--id-column", "record_id", "--map", "x=given_name", "--out", "{f}/x.csv"],
         "no column 'x'"),
        (["dedupe", "{f}/people.csv", "--id-column", "record_id", "--map", "source=shoe", "--out", "{f}/x.csv"],
         "'shoe' is not a field"),
        (["dedupe", "{f}/bad_dates.csv", "--id-column", "record_id", "--ignore", "source", "--out", "{f}/x.csv"],
         "cannot be read"),
        (["dedupe", "{f}/empty.csv", "--id-column", "record_id", "--out", "{f}/x.csv"], "empty"),
        (["dedupe", "{f}/missing.csv", "--id-column", "record_id", "--out", "{f}/x.csv"], "no such file"),
        (["pair", "{f}/a.csv", "{f}/empty.csv", "--id-column", "record_id", "--out", "{f}/x.csv"], "empty"),
        (["encode", "{f}/a.csv", "--id-column", "record_id", "--ignore", "source", "--key-file", "{f}/nokey",
          "--out", "{f}/x.jsonl"], "no such key file"),
        (["pprl", "{f}/a.csv", "--out", "{f}/x.csv"], "not an encodings file"),
    ],
)
def test_bad_input_exits_2_with_a_message(files, args, message):
    result = CliRunner().invoke(command, [a.format(f=files) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_threshold_must_be_a_probability(files):
    result = CliRunner().invoke(command, ["dedupe", str(files / "people.csv"), "--id-column", "record_id",
                                          "--threshold", "2", "--out", str(files / "x.csv")])
    assert result.exit_code == 2 and "between 0 and 1" in result.output
