"""Privacy-preserving linkage: encoding properties, Dice, and linkage on encodings only."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.engines.linkage import LinkageInputError, dice, encode, evaluate, link_encodings
from keten.engines.linkage.pprl.compare import read_encodings
from keten.engines.linkage.pprl.encode import FIELD_SPECS, _Hasher, read_key, write_encodings, write_key

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))


def one(name, dob="13-05-1990", key=KEY):
    frame = pd.DataFrame({"id": ["x"], "full_name": [name], "date_of_birth": [dob]})
    return encode(frame, key=key, id_column="id").records.iloc[0]


def test_same_input_same_key_same_encoding():
    assert one("Ivan Petrov")["f_name"] == one("Ivan Petrov")["f_name"]
    assert one("Ivan Petrov")["k_name_year"] == one("Petrov Ivan")["k_name_year"]


def test_different_key_gives_unrelated_encodings():
    a, b = one("Ivan Petrov"), one("Ivan Petrov", key=OTHER)
    assert a["f_name"] != b["f_name"] and a["k_name_year"] != b["k_name_year"]
    assert dice(a["f_name"], b["f_name"]) < 0.6  # no more alike than two random filters of this fill


def test_dice_tracks_name_similarity():
    same = dice(one("Ivan Petrov")["f_name"], one("Иван Петров")["f_name"])
    typo = dice(one("Ivan Petrov")["f_name"], one("Ivan Petrow")["f_name"])
    other = dice(one("Ivan Petrov")["f_name"], one("Maria Kowalska")["f_name"])
    assert same == 1.0 and 0.7 < typo < 1.0 and other < 0.5


def test_filters_are_not_saturated():
    filters = [one(n)["f_name"] for n in ("Oleksandr Shevchenko", "Wang Wei", "Chukwuemeka Okonkwo")]
    fill = [np.unpackbits(np.frombuffer(f, np.uint8)).mean() for f in filters]
    assert all(0.05 < x < 0.6 for x in fill)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=8))
def test_dice_of_identical_is_one(features):
    bits = _Hasher(KEY).encode("name", features)
    assert dice(bits, bits) == 1.0
    assert len(bits) * 8 == FIELD_SPECS["name"].bits


@settings(max_examples=100, deadline=None)
@given(st.lists(st.booleans(), min_size=8, max_size=64).filter(lambda b: len(b) % 8 == 0),
       st.lists(st.booleans(), min_size=8, max_size=64))
def test_dice_is_symmetric_and_bounded(a, b):
    b = (b * 8)[: len(a)]
    value = dice(a, b)
    assert value == dice(b, a) and 0.0 <= value <= 1.0


def test_key_files(tmp_path):
    path = tmp_path / "k.key"
    key = write_key(path)
    assert read_key(path) == key
    (tmp_path / "bad.key").write_text("short")
    with pytest.raises(LinkageInputError, match="not a key .*keten link keygen"):
        read_key(tmp_path / "bad.key")
    (tmp_path / "raw.key").write_bytes(bytes(range(200, 232)))  # raw bytes, as `head -c 32 /dev/urandom` gives
    with pytest.raises(LinkageInputError, match="not a key"):
        read_key(tmp_path / "raw.key")


def test_linkage_on_encodings_only(people, fast_training, tmp_path):
    police = people["source"].isin(["politie", "kmar", "om", "fiod", "nla"])
    paths = []
    for name, part in (("police", people[police]), ("care", people[~police])):
        encodings = encode(part.drop(columns=["person_id", "source"]), key=KEY, id_column="record_id", source=name)
        path = tmp_path / f"{name}.jsonl"
        write_encodings(encodings, path)
        paths.append(path)
    text = paths[0].read_text(encoding="utf-8")
    names = [n for n in people["family_name"].dropna().unique() if len(n) >= 7][:50]
    assert names and not any(n in text or n.lower() in text for n in names)
    result = link_encodings([read_encodings(p) for p in paths], training=fast_training)
    assert list(result.columns) == ["source", "id", "cluster_id", "match_probability"]
    assert set(result["source"]) == {"police", "care"}
    quality = evaluate(pd.Series(result["cluster_id"].to_numpy(), index=result["id"]),
                       pd.Series(people["person_id"].to_numpy(), index=people["record_id"]))
    assert quality.pairwise_precision >= 0.95 and quality.bcubed_f1 >= 0.93


def test_encodings_without_phone_numbers_still_link(people, fast_training):
    # the phone is the first choice to learn the date of birth from; without it EM takes the next
    part = people.drop(columns=["person_id", "source"]).assign(phone=None)
    police = people["source"].isin(["politie", "kmar", "om", "fiod", "nla"])
    encodings = [encode(part[police], key=KEY, id_column="record_id", source="police"),
                 encode(part[~police], key=KEY, id_column="record_id", source="care")]
    result = link_encodings(encodings, training=fast_training)
    quality = evaluate(pd.Series(result["cluster_id"].to_numpy(), index=result["id"]),
                       pd.Series(people["person_id"].to_numpy(), index=people["record_id"]))
    assert quality.pairwise_precision >= 0.9 and quality.bcubed_f1 >= 0.9


def test_encodings_with_different_keys_are_refused(people, tmp_path):
    part = people.drop(columns=["person_id", "source"]).head(20)
    a = encode(part, key=KEY, id_column="record_id")
    b = encode(part, key=OTHER, id_column="record_id")
    with pytest.raises(LinkageInputError, match="different keys"):
        link_encodings([a, b])
