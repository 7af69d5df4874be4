from hypothesis import given
from hypothesis import strategies as st

from keten.apps.care.matching import Need, Offer, rank


def offer(name, **kw):
    base = dict(facility_id=name, name=name, categories=("cosm",), genders=(), min_age=18, max_age=99,
                languages=(), region="amsterdam", secure=False, free_places=2)
    return Offer(**{**base, **kw})


NEED = Need(category="cosm", gender="female", age=24, languages=("ro",), region="rotterdam", needs_security=False,
            foreign=True)


def test_places_that_cannot_take_the_person_are_left_out_and_the_rest_ranked_with_reasons():
    offers = [
        offer("full", free_places=0),
        offer("men only", genders=("male",)),
        offer("minors", min_age=12, max_age=17),
        offer("other category", categories=("women",)),
        offer("far, no language"),
        offer("near", region="rotterdam"),
        offer("near and Romanian", region="rotterdam", languages=("ro",)),
    ]
    ranked = rank(NEED, offers)
    assert [m.offer.name for m in ranked] == ["near and Romanian", "near", "far, no language"]
    assert "language" in ranked[0].fits and "region" in ranked[0].fits
    assert ranked[2].misses == ["region", "language"]


def test_a_person_under_threat_only_gets_secure_places():
    ranked = rank(Need("cosm", "female", 30, (), "", True, True), [offer("open"), offer("secure", secure=True)])
    assert [m.offer.name for m in ranked] == ["secure"]


offers_strategy = st.lists(st.builds(
    offer, st.text("abcdef", min_size=1, max_size=5), free_places=st.integers(0, 5),
    region=st.sampled_from(["amsterdam", "rotterdam"]), secure=st.booleans(),
    languages=st.sampled_from([(), ("ro",), ("pl",)])), max_size=12)


@given(offers_strategy)
def test_every_match_has_room_and_the_order_follows_the_score(offers):
    ranked = rank(NEED, offers)
    assert all(m.offer.free_places > 0 for m in ranked)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
