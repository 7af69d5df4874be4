"""Ranking shelter places for a placement request, with the reasons behind each rank.

Plain data in, plain data out: the caller passes facilities with their free places today.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Need:
    category: str
    gender: str
    age: int | None
    languages: tuple[str, ...]
    region: str
    needs_security: bool
    foreign: bool


@dataclass(frozen=True)
class Offer:
    facility_id: str
    name: str
    categories: tuple[str, ...]
    genders: tuple[str, ...]
    min_age: int
    max_age: int
    languages: tuple[str, ...]
    region: str
    secure: bool
    free_places: int


@dataclass
class Match:
    offer: Offer
    score: int
    fits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def rank(need: Need, offers: list[Offer]) -> list[Match]:
    """Facilities that can take the person, best first. A facility without a free place, of another
    category, or not admitting the person's gender or age is left out; the rest are scored on region,
    language and security, each reason stated."""
    matches = []
    for offer in offers:
        if offer.free_places <= 0 or need.category not in offer.categories:
            continue
        if offer.genders and need.gender not in offer.genders and need.gender != "unknown":
            continue
        if need.age is not None and not offer.min_age <= need.age <= offer.max_age:
            continue
        if need.needs_security and not offer.secure:
            continue
        match = Match(offer, 0, fits=["category", "free_place"])
        if need.needs_security:
            match.fits.append("secure")
        if need.region and offer.region == need.region:
            match.score += 3
            match.fits.append("region")
        elif need.region:
            match.misses.append("region")
        spoken = set(need.languages) & set(offer.languages)
        if spoken:
            match.score += 2
            match.fits.append("language")
        elif need.languages:
            match.misses.append("language")
        match.score += min(offer.free_places, 3)  # some room to spare is better than the last bed
        matches.append(match)
    return sorted(matches, key=lambda m: (-m.score, m.offer.name))
