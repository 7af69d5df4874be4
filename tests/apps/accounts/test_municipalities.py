"""The municipality code list (data/municipalities.csv): all 342 Dutch municipalities of 1 January 2025,
each with its CBS code and the police unit it belongs to, and the same list in the database after migrate."""

import re
from collections import Counter

import pytest

from keten.apps.accounts import codelists

POLICE_UNITS = {"noord-nederland", "oost-nederland", "midden-nederland", "noord-holland", "amsterdam", "den-haag",
                "rotterdam", "zeeland-west-brabant", "oost-brabant", "limburg"}


@pytest.fixture(scope="module")
def rows():
    return codelists.municipality_rows()


def by_name(rows):
    return {row["name"]: row for row in rows}


def test_the_list_holds_the_342_municipalities_of_2025_once_each(rows):
    assert len(rows) == 342
    codes = [row["code"] for row in rows]
    names = [row["name"] for row in rows]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert [name for name, n in Counter(names).items() if n > 1] == []
    assert [code for code in codes if not re.fullmatch(r"GM\d{4}", code)] == []
    assert all(row["name"].strip() == row["name"] and row["name"] for row in rows)


def test_every_municipality_lies_in_one_of_the_ten_regional_police_units(rows):
    units = {code.code for code in codelists.regions()} - {"national"}
    assert units == POLICE_UNITS  # the ten regional units of regions.yaml
    assert {row["region"] for row in rows} == POLICE_UNITS  # each unit has municipalities, no other value is used


def test_the_amsterdam_unit_is_amsterdam_amstelland_and_nothing_else(rows):
    amsterdam = {row["name"] for row in rows if row["region"] == "amsterdam"}
    assert amsterdam == {"Aalsmeer", "Amstelveen", "Amsterdam", "Diemen", "Ouder-Amstel", "Uithoorn"}


def test_spot_checks_of_codes_and_police_units(rows):
    names = by_name(rows)
    expected = {
        "Amsterdam": ("GM0363", "amsterdam"),
        "Almere": ("GM0034", "midden-nederland"),
        "Lelystad": ("GM0995", "midden-nederland"),
        "Hilversum": ("GM0402", "midden-nederland"),
        "Voorne aan Zee": ("GM1992", "rotterdam"),
        "'s-Gravenhage": ("GM0518", "den-haag"),
        "'s-Hertogenbosch": ("GM0796", "oost-brabant"),
        "Middelburg (Z.)": ("GM0687", "zeeland-west-brabant"),
        "Maastricht": ("GM0935", "limburg"),
        "Groningen": ("GM0014", "noord-nederland"),
        "Zaanstad": ("GM0479", "noord-holland"),
        "Nijmegen": ("GM0268", "oost-nederland"),
    }
    assert {name: (names[name]["code"], names[name]["region"]) for name in expected} == expected
    # A name with a comma survives the CSV quoting.
    assert names["Nuenen, Gerwen en Nederwetten"] == {"code": "GM0820", "name": "Nuenen, Gerwen en Nederwetten",
                                                      "region": "oost-brabant"}


def test_municipalities_merged_away_before_2025_are_gone(rows):
    names, codes = {row["name"] for row in rows}, {row["code"] for row in rows}
    assert not {"Weesp", "Brielle", "Hellevoetsluis", "Westvoorne"} & names
    assert not {"GM0457", "GM0501", "GM0530", "GM0614"} & codes


def test_the_file_is_sorted_by_name(rows):
    import unicodedata

    def plain(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()

    names = [row["name"] for row in rows]
    assert names == sorted(names, key=plain)


@pytest.mark.django_db
def test_after_migrate_the_database_holds_the_whole_list():
    from keten.apps.accounts.catalogue import sync_municipalities
    from keten.apps.accounts.models import Municipality

    in_file = {(row["code"], row["name"], row["region"]) for row in codelists.municipality_rows()}
    assert set(Municipality.objects.values_list("code", "name", "region")) == in_file
    assert Municipality.objects.count() == 342
    assert sync_municipalities() == 0  # already equal: nothing to change
    Municipality.objects.filter(code="GM1992").update(name="Voorne", region="den-haag")
    assert sync_municipalities() == 1
    assert Municipality.objects.get(code="GM1992").region == "rotterdam"
