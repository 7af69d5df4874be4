import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.engines.linkage.dates import format_parts, parse_date
from keten.engines.linkage.normalise import fold, name_key, name_tokens, skeleton, skeleton_key
from keten.engines.linkage.phones import normalise_phone


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Łukasz Wiśniewski", "lukasz wisniewski"),
        ("Ștefan Lăcătuș", "stefan lacatus"),
        ("Олександр Шевченко", "oleksandr shevchenko"),  # Ukrainian Cyrillic
        ("Йорданка Петрова", "yordanka petrova"),  # Bulgarian Cyrillic
        ("Γεώργιος Παπαδόπουλος", "georgios papadopoylos"),  # Greek
        ("محمد", "mhmd"),  # Arabic: unwritten vowels stay unwritten
        ("يوسف", "yusf"),
        ("Nguyễn Văn Nam", "nguyen van nam"),
        ("王秀英", "wangxiuying"),
        ("  O'Brien-Smith ", "obrien smith"),
    ],
)
def test_fold_transliterates_and_folds(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "variants",
    [
        ("Oleksandr", "Aleksandr", "Alexander", "Олександр"),
        ("Mohammed", "Muhammad", "Mohamed", "محمد"),
        ("Yuliia", "Iuliia", "Julia", "Юлія"),
        ("Youssef", "Yusuf", "يوسف"),
        ("Petrov", "Petrow", "Petroff"),
        ("Georgi", "Gheorghe", "Георги"),
        ("Khadija", "Khadidja"),
    ],
)
def test_romanisations_share_a_skeleton(variants):
    assert len({skeleton(v) for v in variants}) == 1


def test_given_family_swap_gives_the_same_key():
    assert name_key(name_tokens("Lajos") + name_tokens("Kovács")) == name_key(name_tokens("Kovacs Lajos"))


def test_particles_are_dropped():
    assert name_tokens("van den Berg") == ["berg"]
    assert name_tokens("El Alaoui") == ["alaoui"]
    assert name_tokens("de") == ["de"]  # a name of only particles keeps them


@pytest.mark.parametrize(
    "text, parts",
    [
        ("1990-05-13", (1990, 5, 13)),
        ("13-05-1990", (1990, 5, 13)),
        ("13/5/1990", (1990, 5, 13)),
        ("13.05.1990", (1990, 5, 13)),
        ("19900513", (1990, 5, 13)),
        ("13051990", (1990, 5, 13)),
        ("13 mei 1990", (1990, 5, 13)),
        ("1990-05-13 00:00:00", (1990, 5, 13)),
        ("00-00-1990", (1990, None, None)),
        ("XX-05-1990", (1990, 5, None)),
        ("05-1990", (1990, 5, None)),
        ("1990", (1990, None, None)),
        ("05-13-1990", (1990, 5, 13)),  # month > 12: read as a day/month swap
        ("", None),
        ("onbekend", None),
    ],
)
def test_parse_date(text, parts):
    assert parse_date(text) == parts


@pytest.mark.parametrize("text", ["31-02-1990", "13-13-1990", "yesterday", "1800-01-01", "12345"])
def test_unreadable_dates_raise(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "text, e164",
    [
        ("06-12345678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+31 (0)6 1234 5678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("0040 721 234 567", "+40721234567"),
        ("+234 803 123 4567", "+2348031234567"),
    ],
)
def test_phone_numbers_to_e164(text, e164):
    assert normalise_phone(text) == e164


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(names)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(names)
def test_skeleton_is_idempotent_on_tokens(text):
    for token in fold(text).split():
        assert skeleton(skeleton(token)) == skeleton(token) or skeleton(token) == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ivan", "petrov", "maria", "wang", "wei", "de", "jong"]), min_size=1, max_size=4))
def test_name_key_ignores_order(tokens):
    assert name_key(tokens) == name_key(list(reversed(tokens)))
    assert skeleton_key(tokens) == skeleton_key(list(reversed(tokens)))


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2020, 12, 31)),
       st.sampled_from(["{d:02d}-{m:02d}-{y}", "{y}-{m:02d}-{d:02d}", "{d}/{m}/{y}", "{d:02d}.{m:02d}.{y}"]))
def test_dates_round_trip(day, pattern):
    text = pattern.format(d=day.day, m=day.month, y=day.year)
    parts = parse_date(text)
    assert parts == (day.year, day.month, day.day)
    assert parse_date(format_parts(parts)) == parts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 +-()", max_size=16))
def test_phone_normalisation_is_idempotent(text):
    once = normalise_phone(text)
    if once is not None:
        assert normalise_phone(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="0123456789 +-()./abcXYZ@'é", max_size=18)), min_size=1,
                max_size=20))
def test_column_normalisers_agree_with_the_per_value_ones(values):
    import pandas as pd

    from keten.engines.linkage import vectorised as vec
    from keten.engines.linkage.normalise import normalise_document, normalise_email, normalise_postcode, normalise_text

    series = pd.Series(values, dtype=object)
    expected = lambda func: [None if v is None else func(v) for v in values]  # noqa: E731
    assert list(vec.phone_column(series, normalise_phone)) == expected(normalise_phone)
    assert list(vec.alnum_upper_column(series, normalise_document)) == expected(normalise_document)
    assert list(vec.alnum_upper_column(series, normalise_postcode)) == expected(normalise_postcode)
    assert list(vec.fold_column(series, normalise_text)) == expected(normalise_text)
    assert list(vec.email_column(series, normalise_email)) == expected(normalise_email)
