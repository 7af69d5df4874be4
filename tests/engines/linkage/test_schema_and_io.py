import pandas as pd
import pytest

from keten.engines.linkage import LinkageInputError, parse_mapping, validate
from keten.engines.linkage.io import read_table


def frame(**columns):
    return pd.DataFrame({"id": ["a", "b"], **columns})


def test_aliases_and_mapping_reach_the_schema():
    records = validate(frame(voornaam=["Jan", "Piet"], achternaam=["Jansen", "Bakker"], geboren=["1-2-1990", None]),
                       id_column="id", mapping={"geboren": "date_of_birth"})
    assert list(records["name_key"]) == ["jan jansen", "bakker piet"]
    assert records["dob"].iloc[0] == "1990-02-01"


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: validate(frame(given_name=["x", "y"]), id_column="nope"), "no id column 'nope'"),
        (lambda: validate(frame(given_name=["x", "y"], notes=["", ""]), id_column="id"), "not person fields: notes"),
        (lambda: validate(frame(given_name=["x", "y"]), id_column="id", mapping={"zz": "given_name"}), "no column 'zz'"),
        (lambda: validate(frame(given_name=["x", "y"]), id_column="id", mapping={"given_name": "shoe_size"}),
         "'shoe_size' is not a field"),
        (lambda: validate(frame(date_of_birth=["31-02-1990", "1990"]), id_column="id"), "cannot be read"),
        (lambda: validate(pd.DataFrame({"id": [], "given_name": []}), id_column="id"), "no records"),
        (lambda: validate(pd.DataFrame({"id": ["a", "a"], "given_name": ["x", "y"]}), id_column="id"), "repeats ids"),
        (lambda: parse_mapping(["given_name"]), "SOURCE_COLUMN=FIELD"),
    ],
)
def test_bad_input_is_named(build, message):
    with pytest.raises(LinkageInputError, match=message):
        build()


def test_lenient_dates_treat_unreadable_as_missing():
    records = validate(frame(date_of_birth=["31-02-1990", "1990"]), id_column="id", lenient_dates=True)
    assert records["dob_year"].isna().tolist() == [True, False]


def test_ignored_columns_are_left_out():
    records = validate(frame(given_name=["x", "y"], notes=["", ""]), id_column="id", ignore=["notes"])
    assert "notes" not in records.columns


def test_read_table_csv_semicolons_and_errors(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id;voornaam\n1;Émile\n2;\n", encoding="utf-8")
    table = read_table(path)
    assert list(table.columns) == ["id", "voornaam"] and table["voornaam"].isna().tolist() == [False, True]
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(LinkageInputError, match="empty"):
        read_table(tmp_path / "empty.csv")
    (tmp_path / "header.csv").write_text("id,given_name\n")
    with pytest.raises(LinkageInputError, match="no records"):
        read_table(tmp_path / "header.csv")
    with pytest.raises(LinkageInputError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    (tmp_path / "x.xlsx").write_text("x")
    with pytest.raises(LinkageInputError, match=".csv or .parquet"):
        read_table(tmp_path / "x.xlsx")
