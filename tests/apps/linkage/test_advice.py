"""The estimate's warnings on the page: in the reader's language, with the lists named as the reader
knows them; whatever the engine warns of has its sentence."""

from __future__ import annotations

import pandas as pd
import pytest
from django.utils import translation

from keten.apps.linkage import advice
from keten.engines import estimate as mse
from keten.engines.estimate import _advice

NAMES = {"police": "Politie-eenheid", "ngo": "Maatschappelijke organisatie", "kmar": "Koninklijke Marechaussee"}


def _table(rows):
    [table] = mse.read_table(pd.DataFrame(rows, columns=["police", "ngo", "kmar", "count"]))
    return table


def _dutch(warnings) -> list[str]:
    with translation.override("nl"):
        return [advice.in_words(w, lambda code: NAMES.get(code, code)) for w in warnings]


def test_the_warnings_of_a_sparse_table_read_in_dutch_with_the_lists_names():
    result = mse.estimate(_table([[1, 0, 0, 12], [0, 1, 0, 9], [0, 0, 1, 7], [1, 1, 0, 2]]), ci="none")
    shown = " ".join(_dutch(result.warnings))
    assert "Politie-eenheid en Koninklijke Marechaussee" in shown
    assert "Niemand op de lijst Koninklijke Marechaussee staat op een andere lijst" in shown
    assert "30 mensen zijn in totaal gezien" in shown
    assert "kmar" not in shown and "Some lists" not in shown
    with translation.override("en"):
        english = advice.in_words(result.warnings[0], lambda code: NAMES[code])
    assert english.startswith("Some lists never share a person: Politie-eenheid and Koninklijke Marechaussee")


def test_an_empty_list_is_named_by_its_label():
    result = mse.estimate(_table([[1, 0, 0, 20], [0, 1, 0, 15], [1, 1, 0, 6]]), ci="none")
    assert _dutch(result.warnings)[0] == ("Lijsten waarop niemand staat zijn weggelaten: Koninklijke Marechaussee. "
                                          "De schatting gebruikt de andere lijsten.")


ENGINE_WARNINGS = [
    *_advice.table_warnings(_table([[1, 0, 0, 12], [0, 1, 0, 9], [0, 0, 1, 7], [1, 1, 0, 2]])),
    _advice.empty_list_warning(["kmar"]),
    _advice.no_estimate_warning(exists=False, identifiable=False),
    _advice.no_estimate_warning(exists=True, identifiable=False),
    *_advice.size_warnings(10, 500.0),
    *_advice.interval_warnings(10.0, 90.0, failed=3, replicates=500, z0=2.0, acceleration=0.0, level=0.95),
    *_advice.interval_warnings(None, None, failed=0, replicates=500, z0=0.0, acceleration=0.0, level=0.95),
    *_advice.convergence_warnings(1.5, 50.0),
    *_advice.chapman_warnings(3),
    *_advice.selection_warnings(["police", "ngo"], ["police:kmar"]),
]


@pytest.mark.parametrize("warning", ENGINE_WARNINGS, ids=lambda w: w.code)
def test_every_warning_the_engine_gives_has_its_sentence(warning):
    assert warning.code in advice.SENTENCES
    [dutch] = _dutch([warning])
    assert dutch != str(warning)  # said in Dutch, not passed through
    for key, value in warning.params.items():
        if isinstance(value, int) and value > 1:
            # the numbers the engine gave are the ones shown, but for a small number of people
            assert (str(value) in dutch) != (key == "n" and value < 10), (key, value, dutch)


def test_a_warning_without_a_known_code_is_shown_as_the_engine_wrote_it():
    assert _dutch(["No estimate for this stratum: too few."]) == ["No estimate for this stratum: too few."]


@pytest.mark.parametrize("code", ["few_people", "few_overlaps", "few_on_both"])
def test_a_small_number_of_people_in_a_warning_is_not_told(code):
    """The page is seen across organisations: "6 people on both lists" would name a count its table holds back."""
    with translation.override("en"):
        small = advice.in_words(_advice.Advice("engine text", code, n=6), str)
        assert "6" not in small and small.startswith("Fewer than 10 people")
        assert "42 people" in advice.in_words(_advice.Advice("engine text", code, n=42), str)
