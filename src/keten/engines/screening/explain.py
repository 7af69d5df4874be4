"""Plain-language explanation of an outcome, in Dutch and English.

Built only when asked for (``Outcome.explanation``), so screening itself stays fast.
"""

from __future__ import annotations

from .model import Framework, Outcome, RuleSet, Text
from .rules import describe, unmet_parts

T = {
    "intro": Text(
        nl="Screening met {title}, regelset {rs} versie {version}: {authority}.",
        en="Screening with {title}, rule set {rs} version {version}: {authority}.",
    ),
    "published": Text(nl="een gepubliceerde beslisregel", en="a published decision rule"),
    "own": Text(nl="een eigen regelset van Keten, geen gepubliceerde regel",
                en="Keten's own rule set, not a published rule"),
    "positive": Text(nl="Positief: {name} ({id}), regel {clause} ({rule}; {counts}): {items}.",
                     en="Positive: {name} ({id}), rule {clause} ({rule}; {counts}): {items}."),
    "counts": Text(nl="{s} sterk, {m} middel, {w} zwak", en="{s} strong, {m} medium, {w} weak"),
    "none_positive": Text(nl="Geen enkele dimensie is positief.", en="No dimension is positive."),
    "not_enough": Text(nl="Aanwezig, maar niet genoeg voor een positieve dimensie: {items}.",
                       en="Present, but not enough for a positive dimension: {items}."),
    "met": Text(nl="De combinatieregel is vervuld: {rule}. {meaning}",
                en="The combination rule is met: {rule}. {meaning}"),
    "not_met": Text(nl="De combinatieregel is niet vervuld ({rule}). Ontbreekt: {missing}.",
                    en="The combination rule is not met ({rule}). Missing: {missing}."),
    "unanswered": Text(
        nl="{n} indicatoren zijn onbekend of niet beantwoord; die tellen als niet aanwezig.",
        en="{n} indicators are unknown or not answered; they count as not present."),
    "unverified": Text(
        nl="Let op: delen van deze indicatorenlijst of regelset zijn gereconstrueerd en nog niet "
           "aan de bron gecontroleerd (verified: false).",
        en="Caution: parts of this indicator list or rule set are reconstructed and not yet "
           "checked against the source (verified: false)."),
    "disclaimer": Text(
        nl="Dit is een screening, geen juridische vaststelling: de uitkomst stelt niet vast of "
           "iemand wel of geen slachtoffer van mensenhandel is (artikel 273f Wetboek van "
           "Strafrecht). In Nederland is de geringste aanwijzing genoeg om te handelen: ook zonder "
           "positieve uitkomst zijn signalen een reden om te overleggen en de politie te informeren.",
        en="This is a screening, not a legal finding: the outcome does not establish whether "
           "someone is or is not a victim of human trafficking (article 273f of the Dutch Criminal "
           "Code). In the Netherlands the slightest indication is enough to act: even without a "
           "positive outcome, signals are a reason to consult and to inform the police."),
}


def _indicator_list(framework: Framework, ids: tuple[str, ...], lang: str) -> str:
    return "; ".join(f"{i} {framework.by_id[i].text[lang]}" for i in ids)


def explain(outcome: Outcome, *, framework: Framework, rule_set: RuleSet) -> dict[str, str]:
    clauses = {c.id: c for c in rule_set.clauses}
    positives = [outcome.dimensions[d.id].positive for d in framework.dimensions]
    counts = [(r.strong, r.medium, r.weak) for r in outcome.dimensions.values()]
    unmet = unmet_parts(rule_set.victim_expression, framework, positives, counts)
    result = {}
    for lang in ("nl", "en"):
        t = {key: text[lang] for key, text in T.items()}
        lines = [t["intro"].format(
            title=framework.title[lang], rs=rule_set.id, version=rule_set.version,
            authority=t["published"] if rule_set.published else t["own"])]
        weak_present = []
        for dim in framework.dimensions:
            r = outcome.dimensions[dim.id]
            if r.positive:
                lines.append(t["positive"].format(
                    name=dim.name[lang], id=dim.id, clause=r.clause, rule=clauses[r.clause].text[lang],
                    counts=t["counts"].format(s=r.strong, m=r.medium, w=r.weak),
                    items=_indicator_list(framework, r.indicators, lang)))
            elif r.indicators:
                weak_present.append(f"{dim.id} ({', '.join(r.indicators)})")
        if not outcome.positive_dimensions:
            lines.append(t["none_positive"])
        if weak_present:
            lines.append(t["not_enough"].format(items="; ".join(weak_present)))
        rule = rule_set.victim_text[lang]
        if outcome.victim:
            lines.append(t["met"].format(rule=rule, meaning=rule_set.victim_meaning[lang]))
        else:
            missing = "; ".join(describe(part, framework, lang) for part in unmet)
            lines.append(t["not_met"].format(rule=rule, missing=missing))
        not_present = len(outcome.unknown) + outcome.unanswered
        if not_present:
            lines.append(t["unanswered"].format(n=not_present))
        if not outcome.verified:
            lines.append(t["unverified"])
        lines.append(t["disclaimer"])
        result[lang] = " ".join(lines)
    return result
