"""The plan-of-action data taken from the 2018 letter to parliament (letter_2018.yaml).

Plain PyYAML, no Django and no database:
    .venv/bin/python -m pytest tests/apps/plan/test_letter_data.py -p no:django -q
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src" / "keten" / "apps" / "plan" / "data" / "letter_2018.yaml"
LETTER = ROOT / "docs" / "sources" / "kamerbrief-2018-plan-van-aanpak-mensenhandel.txt"

THEME_CODES = list("abcdefghijkl")
STATUSES = {"started", "decided"}
TOP_KEYS = {"schema", "source", "document", "version_label", "themes", "partners", "measures"}
MEASURE_KEYS = {"id", "theme", "themes", "status", "title", "description", "lead", "partners", "funding",
                "dates", "passage"}
FUNDING_KEYS = {"amount_eur", "from_year", "to_year", "structural", "note"}
# Field lengths of the plan app's models (Partner.code, Measure.slug, titles, labels, notes).
MAX_PARTNER_CODE, MAX_NAME, MAX_SLUG, MAX_TITLE, MAX_LABEL, MAX_NOTE = 40, 200, 80, 300, 200, 300
MAX_PASSAGE = 420  # "at most ~400 characters"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def doc() -> dict:
    with DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def measures(doc) -> dict[str, dict]:
    return {m["id"]: m for m in doc["measures"]}


@pytest.fixture(scope="module")
def letter() -> str:
    return collapse(LETTER.read_text(encoding="utf-8"))


def is_bilingual(value, max_len: int | None = None) -> bool:
    return (isinstance(value, dict) and set(value) == {"nl", "en"}
            and all(isinstance(value[k], str) and value[k].strip() for k in ("nl", "en"))
            and (max_len is None or all(len(value[k]) <= max_len for k in ("nl", "en"))))


# ---------------------------------------------------------------------------------------- shape


def test_top_level_shape(doc):
    assert set(doc) == TOP_KEYS
    assert doc["schema"] == "keten.plan/1"
    assert doc["source"] == "Kamerbrief 'Ontwikkeling plan van aanpak mensenhandel' (2018)"
    assert doc["document"] == "docs/sources/kamerbrief-2018-plan-van-aanpak-mensenhandel.txt"
    assert (ROOT / doc["document"]).resolve() == LETTER.resolve()
    assert doc["version_label"] == {"nl": "Kamerbrief 2018", "en": "Letter to parliament 2018"}
    assert all(isinstance(doc[k], list) and doc[k] for k in ("themes", "partners", "measures"))


def test_twelve_themes_a_to_l_in_order(doc):
    assert [t["code"] for t in doc["themes"]] == THEME_CODES
    for theme in doc["themes"]:
        assert set(theme) == {"code", "nl", "en"}
        assert is_bilingual({"nl": theme["nl"], "en": theme["en"]}, MAX_NAME), theme


def test_theme_names_are_the_letters_headings(doc, letter):
    for theme in doc["themes"]:
        assert f"{theme['code']}) {theme['nl']} " in letter, theme["code"]


def test_partners(doc):
    codes = [p["code"] for p in doc["partners"]]
    assert len(codes) == len(set(codes)), "partner codes must be unique"
    for partner in doc["partners"]:
        assert set(partner) == {"code", "nl", "en"}, partner
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", partner["code"]), partner["code"]
        assert len(partner["code"]) <= MAX_PARTNER_CODE
        assert is_bilingual({"nl": partner["nl"], "en": partner["en"]}, MAX_NAME), partner


def test_every_partner_takes_part_in_a_measure(doc):
    used = {code for m in doc["measures"] for code in m["lead"] + m["partners"]}
    assert {p["code"] for p in doc["partners"]} - used == set()


def test_measure_ids_unique(doc):
    ids = [m["id"] for m in doc["measures"]]
    assert len(ids) == len(set(ids))


def test_measure_shape_and_codes(doc):
    themes = {t["code"] for t in doc["themes"]}
    partners = {p["code"] for p in doc["partners"]}
    for m in doc["measures"]:
        where = m.get("id")
        assert set(m) == MEASURE_KEYS, where
        assert isinstance(m["id"], str) and len(m["id"]) <= MAX_SLUG, where
        assert re.fullmatch(r"[a-l](-[a-z0-9]+)+", m["id"]), where
        assert m["id"][0] == m["theme"], f"{where}: the id starts with its primary theme"
        assert m["theme"] in themes, where
        assert isinstance(m["themes"], list) and m["theme"] in m["themes"], where
        assert len(m["themes"]) == len(set(m["themes"])) and set(m["themes"]) <= themes, where
        assert m["status"] in STATUSES, where
        assert is_bilingual(m["title"], MAX_TITLE), where
        assert "\n" not in m["title"]["nl"] + m["title"]["en"], f"{where}: a title is one line"
        assert is_bilingual(m["description"]), where
        for role in ("lead", "partners"):
            assert isinstance(m[role], list), where
            assert len(m[role]) == len(set(m[role])), f"{where}.{role} has duplicates"
            assert set(m[role]) <= partners, f"{where}.{role}: unknown {set(m[role]) - partners}"
        assert not set(m["lead"]) & set(m["partners"]), f"{where}: a partner is either lead or partner"
        assert isinstance(m["passage"], str) and m["passage"].strip(), where
        assert isinstance(m["funding"], list) and isinstance(m["dates"], list), where


def test_funding_entries(doc):
    for m in doc["measures"]:
        for f in m["funding"]:
            where = m["id"]
            assert set(f) == FUNDING_KEYS, where
            assert isinstance(f["amount_eur"], int) and not isinstance(f["amount_eur"], bool), where
            assert f["amount_eur"] > 0, where
            assert isinstance(f["from_year"], int) and 2000 <= f["from_year"] <= 2030, where
            assert f["to_year"] is None or (isinstance(f["to_year"], int) and f["to_year"] >= f["from_year"]), where
            assert isinstance(f["structural"], bool), where
            assert not (f["structural"] and f["to_year"] is not None), f"{where}: structural money has no end year"
            assert isinstance(f["note"], str) and len(f["note"]) <= MAX_NOTE, where


def test_date_entries(doc):
    for m in doc["measures"]:
        for d in m["dates"]:
            assert set(d) == {"label", "date"}, m["id"]
            assert is_bilingual(d["label"], MAX_LABEL), m["id"]
            assert isinstance(d["date"], str), f"{m['id']}: dates are ISO strings"
            assert datetime.date.fromisoformat(d["date"]).isoformat() == d["date"], m["id"]


# ---------------------------------------------------------------------------------------- fidelity


def test_every_passage_is_verbatim_in_the_letter(doc, letter):
    missing = [m["id"] for m in doc["measures"] if collapse(m["passage"]) not in letter]
    assert missing == []


def test_passages_are_short_excerpts(doc):
    too_long = {m["id"]: len(collapse(m["passage"])) for m in doc["measures"]
                if len(collapse(m["passage"])) > MAX_PASSAGE}
    assert too_long == {}


def test_passages_are_distinct(doc):
    passages = [collapse(m["passage"]) for m in doc["measures"]]
    assert len(passages) == len(set(passages))


def test_measures_per_theme(doc):
    primary = {code: 0 for code in THEME_CODES}
    served = {code: 0 for code in THEME_CODES}
    for m in doc["measures"]:
        primary[m["theme"]] += 1
        for code in m["themes"]:
            served[code] += 1
    # Section h (Minderjarigen) names no measures of its own except announcing minor-specific measures
    # per form of exploitation and referring to the VWS response to the Inspectorate's report; the
    # measures for minors are listed under c, f, i, j and k and carry h in `themes`. So h has 2
    # measures as primary theme; every other theme has at least 3.
    minimum = {code: 3 for code in THEME_CODES} | {"h": 2}
    assert {c: n for c, n in primary.items() if n < minimum[c]} == {}
    assert {c: n for c, n in served.items() if n < 3} == {}
    assert 40 <= len(doc["measures"]) <= 90


def test_only_the_letters_amounts_are_funding(doc, letter):
    funded = {m["id"] for m in doc["measures"] if m["funding"]}
    assert funded == {"b-certified-detectives", "b-labour-inspectorate-funding"}
    for phrase in ("€1 miljoen vanaf 2017", "structureel €2 miljoen vanaf 2018", "€50 miljoen extra",
                   "50 miljoen euro per jaar"):
        assert phrase in letter
    # The €50 million is named twice in the letter (b and j) but is one amount: counted once.
    fifty = [m["id"] for m in doc["measures"] for f in m["funding"] if f["amount_eur"] == 50_000_000]
    assert fifty == ["b-labour-inspectorate-funding"]


# ---------------------------------------------------------------------------------------- spot checks


def test_detective_training_funding(measures):
    m = measures["b-certified-detectives"]
    assert m["theme"] == "b" and m["status"] == "started" and "police" in m["lead"]
    assert "20 extra rechercheurs" in m["passage"]
    by_year = {f["from_year"]: f for f in m["funding"]}
    assert by_year[2017]["amount_eur"] == 1_000_000 and by_year[2017]["to_year"] == 2017
    assert by_year[2017]["structural"] is False
    assert by_year[2018]["amount_eur"] == 2_000_000 and by_year[2018]["to_year"] is None
    assert by_year[2018]["structural"] is True and "per jaar" in by_year[2018]["note"]


def test_labour_inspectorate_fifty_million(measures):
    m = measures["b-labour-inspectorate-funding"]
    assert m["status"] == "decided" and m["lead"] == ["inspectie_szw"] and "j" in m["themes"]
    [f] = m["funding"]
    assert f["amount_eur"] == 50_000_000 and "per jaar" in f["note"]
    fair_work = measures["j-fair-work-expansion"]
    assert fair_work["status"] == "decided" and "50 miljoen euro per jaar" in fair_work["passage"]
    assert [d["date"] for d in fair_work["dates"]] == ["2022-01-01"]  # "Voor eerlijk werk ... tot 2022"


def test_plausibility_pilot_started_1_january_2018(measures):
    m = measures["c-plausibility-pilot"]
    assert m["theme"] == "c" and m["status"] == "started"
    assert [d["date"] for d in m["dates"]] == ["2018-01-01"]
    assert "tijdelijke regeling aannemelijkheid slachtofferschap" in m["passage"]


def test_kmar_police_agreements_1_december_2017(measures):
    m = measures["b-kmar-police-agreements"]
    assert m["status"] == "started" and set(m["lead"]) == {"kmar", "police"}
    dates = sorted(d["date"] for d in m["dates"])
    assert dates == ["2017-12-01", "2018-12-01"]  # took effect; evaluation "aan het eind van dit jaar"


def test_first_line_police_training(measures):
    m = measures["b-first-line-police-training"]
    assert m["status"] == "started" and "2018-01-01" in [d["date"] for d in m["dates"]]
    assert "zo’n 3 jaar" in m["passage"]
    assert measures["k-police-training-criminal-exploitation"]["status"] == "started"


def test_emm_analysts_and_om_capacity(measures):
    assert "2,5 extra fte" in measures["b-emm-analysts"]["passage"]
    assert measures["b-emm-analysts"]["lead"] == ["emm"]
    assert measures["b-om-case-coordinator"]["status"] == "started"
    assert measures["b-om-extra-prosecutor"]["status"] == "decided"  # "Dit jaar wordt ... aangesteld"


def test_themaverwerking_for_labour_inspectorate(measures):
    m = measures["b-themaverwerking-labour-inspectorate"]
    assert "inspectie_szw" in m["partners"] and "artikel 10, eerste lid, onder b" in m["passage"]


def test_cosm_contracts(measures):
    m = measures["c-cosm-contracts"]
    assert m["status"] == "started" and "maximaal 4 jaar gegund aan drie opvanginstellingen" in m["passage"]


def test_municipal_policy_within_four_years(measures):
    m = measures["d-ibp-municipal-policy"]
    assert m["status"] == "started" and "over vier jaar duidelijk beleid" in m["passage"]
    lenferink = measures["d-lenferink-care-coordination"]
    assert {"vng", "comensha"} <= set(lenferink["partners"])


def test_doctors_and_veilig_thuis(measures):
    assert "knmg" in measures["e-doctors-step-plan"]["lead"]
    assert measures["e-veilig-thuis-signals"]["partners"] == ["veilig_thuis"]
    assert measures["e-veilig-thuis-signals"]["status"] == "decided"


def test_empact_and_liaisons(measures):
    empact = measures["f-empact-thb"]
    assert empact["lead"] == ["police"] and "co-driver" in empact["passage"]
    assert "2017-12-01" in [d["date"] for d in empact["dates"]]
    assert measures["f-police-liaisons-source-countries"]["status"] == "decided"
    assert [d["date"] for d in measures["f-benelux-seminar-minors"]["dates"]] == ["2017-11-01"]


def test_migration_measures(measures):
    coa = measures["g-coa-staff-training"]
    assert coa["lead"] == ["coa"] and "minimaal één" in coa["passage"]
    assert [d["date"] for d in measures["g-ind-easo-training"]["dates"]] == ["2017-01-01"]
    assert measures["g-residence-regulation-revision"]["status"] == "decided"


def test_sexual_exploitation_measures(measures):
    assert measures["i-pimping-ban"]["status"] == "started"
    assert "vergunningplichtig" in measures["i-licence-all-sexual-services"]["passage"]
    assert [d["date"] for d in measures["i-exit-programmes-extended"]["dates"]] == ["2019-07-01"]
    assert measures["i-design-project-minors"]["lead"] == ["om"]


def test_bank_indicators_via_fiu(measures):
    m = measures["j-bank-financial-indicators"]
    assert m["lead"] == ["inspectie_szw"] and {"banken", "fiu_nl"} <= set(m["partners"])
    assert "l" in m["themes"]


def test_criminal_exploitation_measures(measures):
    assert measures["k-national-expert-group-minors"]["status"] == "started"
    assert "Roma kinderen" in measures["k-roma-children-programme"]["passage"]


def test_imvo_covenants(measures):
    started = measures["l-imvo-sector-covenants"]
    assert started["lead"] == ["ser"] and "13 Nederlandse bedrijfssectoren" in started["passage"]
    planned = measures["l-covenants-to-conclude-2018"]
    assert planned["status"] == "decided" and "5 convenanten afgesloten" in planned["passage"]
