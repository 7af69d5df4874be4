"""The estimate engine's warnings in the page's language, with the lists named as readers know them.

The engine writes each warning in English and adds what it says (a code and its numbers and
lists); here each code gets its sentence for translation. A warning without a known code is shown
as the engine wrote it. The page is seen across organisations, so a number of people in a warning
is told as the page's counts are: below 10, only that it is fewer than 10.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from keten.web.templatetags.keten import persons


def _pairs(p: dict, label: Callable[[str], str]) -> str:
    shown = "; ".join(_("%(a)s and %(b)s") % {"a": label(a), "b": label(b)} for a, b in p["pairs"])
    more = ngettext(" (and %(n)s more pair)", " (and %(n)s more pairs)", p["more"]) % {"n": p["more"]} \
        if p.get("more") else ""
    return _("Some lists never share a person: %(pairs)s%(more)s. The estimate cannot tell whether such lists "
             "avoid each other or just happen not to overlap, so it leans on the model's assumptions there.") % {
        "pairs": shown, "more": more}


def _terms(p: dict, label: Callable[[str], str]) -> str:
    terms = "; ".join(" × ".join(label(code) for code in term) for term in p["terms"])
    return _("The model includes %(terms)s, lists that share nobody; the estimate treats them as never "
             "overlapping, which the data cannot confirm.") % {"terms": terms}


SENTENCES: dict[str, Callable[[dict, Callable[[str], str]], str]] = {
    "lists_never_share": _pairs,
    "list_alone": lambda p, label: _(
        "Nobody on the list %(list)s is on any other list. Its people are counted, but it says nothing about "
        "how many people all lists miss.") % {"list": label(p["lists"][0])},
    "few_people": lambda p, label: capfirst(_(
        "%(n)s people were seen in total. With so few, any estimate of the hidden number is very "
        "uncertain.") % {"n": persons(p["n"])}),
    "few_overlaps": lambda p, label: capfirst(_(
        "%(n)s people appear on more than one list. The estimate rests on these few overlaps; one person "
        "more or less can move it a lot.") % {"n": persons(p["n"])}),
    "empty_lists": lambda p, label: _(
        "Lists with nobody on them were left out: %(lists)s. The estimate uses the other lists.") % {
        "lists": ", ".join(label(code) for code in p["lists"])},
    "no_finite_estimate": lambda p, label: _(
        "The chosen model has no finite estimate for this table: the pattern of empty cells lets the hidden "
        "number run off to zero or infinity. No number is given."),
    "not_identifiable": lambda p, label: _(
        "The chosen model is not identifiable from this table: different hidden numbers fit the data equally "
        "well. No number is given."),
    "far_beyond_data": lambda p, label: _(
        "The estimate says more than %(ratio)s times as many people are missed as are seen. Estimates this far "
        "beyond the data are fragile; check whether the lists reach the same population.") % {
        "ratio": f"{p['ratio']:.0f}"},
    "failed_replicates": lambda p, label: _(
        "%(failed)s of %(replicates)s bootstrap replicates gave no finite estimate and were left out of the "
        "interval.") % p,
    "no_interval": lambda p, label: _("No interval could be computed."),
    "one_sided_bootstrap": lambda p, label: _(
        "The bootstrap values lie mostly on one side of the estimate, so the interval is at the edge of what "
        "the bootstrap can tell; read its ends as rough."),
    "wide_interval": lambda p, label: _(
        "The %(level)s interval is very wide (its upper end is more than %(ratio)s times its lower end): the "
        "data cannot pin the number down.") % {"level": f"{p['level']:.0%}", "ratio": f"{p['ratio']:.0f}"},
    "chains_disagree": lambda p, label: _(
        "The sampler's chains disagree (R-hat %(rhat)s); the estimate has not settled. Run more sweeps (a longer "
        "burn-in and more thinning) before using this number.") % {"rhat": f"{p['rhat']:.2f}"},
    "few_draws": lambda p, label: _(
        "Only about %(n)s effectively independent draws; the interval ends are imprecise. Run more sweeps.") % {
        "n": f"{p['ess']:.0f}"},
    "few_on_both": lambda p, label: capfirst(_(
        "%(n)s people are on both lists. Chapman's estimate is unreliable with fewer than 7.") % {
        "n": persons(p["n"])}),
    "sparse_terms": _terms,
}


def in_words(advice: str, label: Callable[[str], str]) -> str:
    """One warning of the estimate engine in the page's language; ``label`` names a list by its code."""
    sentence = SENTENCES.get(getattr(advice, "code", ""))
    return sentence(advice.params, label) if sentence else str(advice)
