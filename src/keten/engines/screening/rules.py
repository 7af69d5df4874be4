"""Rule sets turned into fast functions.

A dimension rule depends only on the counts of present strong, medium and weak indicators in that
dimension, so it is precomputed into a lookup table over every count the dimension can reach. The
victim rule is an expression over dimensions; it is compiled once into nested closures that work
on plain ``bool``/``int`` values and equally on numpy arrays (``&``, ``|`` and ``>=``).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .model import STRENGTHS, Clause, Framework, Text

# positives: one bool per dimension, in framework order
# counts: one (strong, medium, weak) triple per dimension, in framework order
VictimFn = Callable[[Sequence[Any], Sequence[Sequence[Any]]], Any]

_STRENGTH_INDEX = {s: i for i, s in enumerate(STRENGTHS)}


def parse_clause(raw: dict) -> Clause:
    minimums = tuple(
        (frozenset(str(group).split("+")), int(least)) for group, least in raw["min"].items()
    )
    return Clause(id=str(raw["id"]), minimums=minimums, text=Text(**raw["text"]))


def first_clause(clauses: Sequence[Clause], strong: int, medium: int, weak: int) -> str | None:
    """The id of the first clause that holds for these counts, or None (dimension negative)."""
    for clause in clauses:
        if clause.holds(strong, medium, weak):
            return clause.id
    return None


class ClauseTable:
    """``first_clause`` for every reachable (strong, medium, weak) count of one dimension."""

    __slots__ = ("m_span", "w_span", "cells")

    def __init__(self, clauses: Sequence[Clause], n_strong: int, n_medium: int, n_weak: int):
        self.m_span = n_medium + 1
        self.w_span = n_weak + 1
        self.cells: list[str | None] = [
            first_clause(clauses, s, m, w)
            for s in range(n_strong + 1)
            for m in range(n_medium + 1)
            for w in range(n_weak + 1)
        ]

    def lookup(self, strong: int, medium: int, weak: int) -> str | None:
        return self.cells[(strong * self.m_span + medium) * self.w_span + weak]


def compile_victim_rule(expr: Any, dimension_ids: Sequence[str]) -> VictimFn:
    index = {d: i for i, d in enumerate(dimension_ids)}

    def build(node: Any) -> VictimFn:
        if isinstance(node, str):
            i = index[node]
            return lambda pos, cnt: pos[i]
        (key, value), = node.items()
        if key in ("all_of", "any_of"):
            parts = [build(sub) for sub in value]
            if key == "all_of":
                def all_of(pos, cnt, parts=parts):
                    result = parts[0](pos, cnt)
                    for part in parts[1:]:
                        result = result & part(pos, cnt)
                    return result
                return all_of

            def any_of(pos, cnt, parts=parts):
                result = parts[0](pos, cnt)
                for part in parts[1:]:
                    result = result | part(pos, cnt)
                return result
            return any_of
        dims = [index[d] for d in value.get("dimensions", dimension_ids)]
        least = value["min"]
        if key == "count":
            cols = [_STRENGTH_INDEX[s] for s in value.get("strengths", STRENGTHS)]
            pairs = [(d, k) for d in dims for k in cols]
            return lambda pos, cnt: sum(cnt[d][k] for d, k in pairs) >= least
        return lambda pos, cnt: sum(pos[d] * 1 for d in dims) >= least  # positive

    return build(expr)


def compile_victim_table(expr: Any, dimension_ids: Sequence[str],
                         atom_mask: Callable[[Sequence[str], Sequence[str]], int],
                         max_bits: int = 16) -> tuple[list[tuple[int, int]], list[bool]] | None:
    """The victim rule as a lookup table. Each ``count`` atom becomes (bitmask of the indicators
    it counts, minimum); the table is indexed by the positive-dimension bits (bit i = dimension
    i) with one more bit per count atom above them. None when that would exceed ``max_bits``."""
    index = {d: i for i, d in enumerate(dimension_ids)}
    atoms: list[tuple[int, int]] = []

    def prep(node: Any) -> tuple:
        if isinstance(node, str):
            return ("dim", index[node])
        (key, value), = node.items()
        if key in ("all_of", "any_of"):
            return (key, [prep(sub) for sub in value])
        dims = value.get("dimensions", list(dimension_ids))
        if key == "count":
            atoms.append((atom_mask(dims, value.get("strengths", STRENGTHS)), value["min"]))
            return ("atom", len(atoms) - 1)
        return ("positive", [index[d] for d in dims], value["min"])

    tree = prep(expr)
    n = len(dimension_ids)
    if n + len(atoms) > max_bits:
        return None

    def ev(node: tuple, bits: int) -> bool:
        kind = node[0]
        if kind == "dim":
            return bool(bits >> node[1] & 1)
        if kind == "atom":
            return bool(bits >> (n + node[1]) & 1)
        if kind == "positive":
            return sum(bits >> d & 1 for d in node[1]) >= node[2]
        parts = (ev(sub, bits) for sub in node[1])
        return all(parts) if kind == "all_of" else any(parts)

    return atoms, [ev(tree, bits) for bits in range(1 << (n + len(atoms)))]


def evaluate_victim_rule(expr: Any, dimension_ids: Sequence[str], positives: Sequence[bool],
                         counts: Sequence[Sequence[int]]) -> bool:
    """Slow, direct interpretation of the expression; used to cross-check the compiled form."""
    index = {d: i for i, d in enumerate(dimension_ids)}

    def ev(node: Any) -> bool:
        if isinstance(node, str):
            return bool(positives[index[node]])
        (key, value), = node.items()
        if key == "all_of":
            return all(ev(sub) for sub in value)
        if key == "any_of":
            return any(ev(sub) for sub in value)
        dims = [index[d] for d in value.get("dimensions", dimension_ids)]
        if key == "count":
            cols = [_STRENGTH_INDEX[s] for s in value.get("strengths", STRENGTHS)]
            return sum(counts[d][k] for d in dims for k in cols) >= value["min"]
        return sum(bool(positives[d]) for d in dims) >= value["min"]

    return ev(expr)


_WORDS = {
    "and": Text(nl="en", en="and"),
    "or": Text(nl="of", en="or"),
    "is_positive": Text(nl="positief", en="positive"),
    "indicator": Text(nl="aanwezige indicator", en="present indicator"),
    "indicators": Text(nl="aanwezige indicatoren", en="present indicators"),
    "dimension": Text(nl="positieve dimensie", en="positive dimension"),
    "dimensions": Text(nl="positieve dimensies", en="positive dimensions"),
    "at_least": Text(nl="minstens", en="at least"),
    "in": Text(nl="in", en="in"),
    "among": Text(nl="uit", en="among"),
    "strong": Text(nl="sterke", en="strong"),
    "medium": Text(nl="middelsterke", en="medium"),
    "weak": Text(nl="zwakke", en="weak"),
}


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def describe(expr: Any, framework: Framework, lang: str) -> str:
    """A plain-language rendering of a condition, e.g. 'DR, CR or VR positive'."""
    w = {key: text[lang] for key, text in _WORDS.items()}

    def name(d: str) -> str:
        return f"{framework.dimension_by_id[d].name[lang]} ({d})"

    def go(node: Any, top: bool) -> str:
        if isinstance(node, str):
            return f"{name(node)} {w['is_positive']}"
        (key, value), = node.items()
        joiner = w["and"] if key == "all_of" else w["or"]
        if key in ("all_of", "any_of"):
            if all(isinstance(sub, str) for sub in value):
                text = f"{_join([name(d) for d in value], joiner)} {w['is_positive']}"
            else:
                text = _join([go(sub, False) for sub in value], joiner)
            return text if top or len(value) == 1 else f"({text})"
        dims = value.get("dimensions")
        least = value["min"]
        if key == "count":
            strengths = value.get("strengths")
            noun = w["indicator"] if least == 1 else w["indicators"]
            if strengths:
                noun = "/".join(w[s] for s in strengths) + " " + noun.split(" ", 1)[1]
            scope = f" {w['in']} {', '.join(dims)}" if dims else ""
            return f"{w['at_least']} {least} {noun}{scope}"
        noun = w["dimension"] if least == 1 else w["dimensions"]
        among = f" {w['among']} {', '.join(dims)}" if dims else ""
        return f"{w['at_least']} {least} {noun}{among}"

    return go(expr, True)


def unmet_parts(expr: Any, framework: Framework, positives: Sequence[bool],
                counts: Sequence[Sequence[int]]) -> list[Any]:
    """The parts of the victim rule that do not hold: the unmet terms of a top-level ``all_of``,
    or the whole expression otherwise."""
    ids = [d.id for d in framework.dimensions]
    if isinstance(expr, dict) and "all_of" in expr:
        return [sub for sub in expr["all_of"] if not evaluate_victim_rule(sub, ids, positives, counts)]
    return [] if evaluate_victim_rule(expr, ids, positives, counts) else [expr]
