"""The precompiled screening: one framework with one rule set, ready to screen many answer sets.

Compilation numbers the indicators so that each dimension is one contiguous slice of bits. A
dimension rule depends only on the (strong, medium, weak) counts, and the cell of the clause table
for those counts is a sum of fixed weights (strong: m_span * w_span, medium: w_span, weak: 1), so
a chunk table maps every 12-bit slice of answers straight to its cell. The victim rule becomes a
table indexed by the positive-dimension bits plus one bit per counting atom. Screening one answer
set is then: ids -> one integer; per dimension a shift, a mask and two list look-ups; one table
look-up for the victim rule. No YAML and no rule interpretation per call.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .errors import AnswerConflictError, UnknownIndicatorError
from .model import STRENGTHS, DimensionResult, Framework, Outcome, RuleSet
from .rules import ClauseTable, compile_victim_rule, compile_victim_table

CHUNK = 12
_CHUNK_MASK = (1 << CHUNK) - 1
_new = object.__new__
_set = object.__setattr__


def _chunk_table(weights: list[int]) -> list[int]:
    """Sum of the weights of the set bits, for every value of len(weights) bits."""
    table = [0] * (1 << len(weights))
    for x in range(1, len(table)):
        low = x & -x
        table[x] = table[x ^ low] + weights[low.bit_length() - 1]
    return table


class CompiledScreen:
    def __init__(self, framework: Framework, rule_set: RuleSet,
                 explain: Callable[[Outcome], dict[str, str]]):
        self.framework = framework
        self.rule_set = rule_set
        self.explain = explain
        ordered = [i for d in framework.dimensions for i in framework.indicators if i.dimension == d.id]
        self.id_at: tuple[str, ...] = tuple(i.id for i in ordered)
        self.bit: dict[str, int] = {iid: 1 << k for k, iid in enumerate(self.id_at)}
        self.n = len(self.id_at)
        self.dimension_ids = tuple(d.id for d in framework.dimensions)
        self.verified = framework.verified and rule_set.verified
        self._head = (framework.id, framework.version, rule_set.id, rule_set.version,
                      self.verified, framework.population)

        hot, info, strength_mask = [], [], {}
        self._weights: list[tuple[str, int, int]] = []  # (indicator id, dimension index, weight)
        lo = 0
        for d_index, dim in enumerate(framework.dimensions):
            items = [i for i in ordered if i.dimension == dim.id]
            n_by = {s: sum(i.strength == s for i in items) for s in STRENGTHS}
            table = ClauseTable(rule_set.clauses, n_by["strong"], n_by["medium"], n_by["weak"])
            weight = {"strong": table.m_span * table.w_span, "medium": table.w_span, "weak": 1}
            weights = [weight[i.strength] for i in items]
            chunks = [_chunk_table(weights[c:c + CHUNK]) for c in range(0, len(items), CHUNK)]
            if len(chunks) == 1:
                chunks.append([0])
            full = (1 << len(items)) - 1
            hot.append((lo, full, chunks[0], chunks[1], table.cells, 1 << d_index, chunks))
            counts_of_cell = [(s, m, w) for s in range(n_by["strong"] + 1)
                              for m in range(n_by["medium"] + 1) for w in range(n_by["weak"] + 1)]
            info.append((dim.id, lo, full, tuple(i.id for i in items), counts_of_cell, table.cells))
            for k, item in enumerate(items):
                key = (dim.id, item.strength)
                strength_mask[key] = strength_mask.get(key, 0) | 1 << (lo + k)
                self._weights.append((item.id, d_index, weight[item.strength]))
            lo += len(items)
        self._hot = tuple(hot)
        self._info = tuple(info)
        self._result_tables: tuple | None = None
        self._wide = any(len(h[6]) > 2 for h in hot)
        n_dims = len(self.dimension_ids)
        self._n_dims = n_dims

        def atom_mask(dims, strengths) -> int:
            return sum(strength_mask.get((d, s), 0) for d in dims for s in strengths)

        compiled = compile_victim_table(rule_set.victim_expression, self.dimension_ids, atom_mask)
        self._atoms, self._victim_table = compiled if compiled else (None, None)
        self.victim_fn = compile_victim_rule(rule_set.victim_expression, self.dimension_ids)
        self._positive_names = (
            [tuple(d for k, d in enumerate(self.dimension_ids) if bits >> k & 1)
             for bits in range(1 << n_dims)] if n_dims <= 12 else None)

    # answers -> bits ------------------------------------------------------------------------
    def mask(self, ids: Iterable[str], *, what: str = "present") -> int:
        """The bitmask of a list of indicator ids; unknown ids raise, naming every one."""
        if isinstance(ids, str):
            raise TypeError(f"{what} must be a list of indicator ids, not a string")
        bit = self.bit
        mask = 0
        missing = None
        for i in ids:
            b = bit.get(i)
            if b is None:
                missing = (missing or []) + [i]
            else:
                mask |= b
        if missing:
            raise UnknownIndicatorError(self.framework.id, [str(m) for m in missing])
        return mask

    def ids(self, mask: int) -> tuple[str, ...]:
        """Indicator ids of a bitmask, in framework order (grouped by dimension)."""
        out = []
        id_at = self.id_at
        while mask:
            low = mask & -mask
            out.append(id_at[low.bit_length() - 1])
            mask ^= low
        return tuple(out)

    # screening --------------------------------------------------------------------------------
    def screen(self, present: Iterable[str] = (), absent: Iterable[str] = (),
               unknown: Iterable[str] = ()) -> Outcome:
        p = self.mask(present)
        a = self.mask(absent, what="absent") if absent else 0
        u = self.mask(unknown, what="unknown") if unknown else 0
        if p & a or p & u or a & u:
            raise AnswerConflictError(self.framework.id, list(self.ids((p & a) | (p & u) | (a & u))))
        return self.screen_mask(p, a, u)

    def screen_mask(self, p: int, a: int = 0, u: int = 0) -> Outcome:
        """Screen a present-bitmask (absent and unknown masks only travel into the outcome)."""
        if self._wide or self._victim_table is None:
            return self._screen_general(p, a, u)
        pos = 0
        cells = []
        append = cells.append
        for lo, full, t0, t1, table, bit, _chunks in self._hot:
            sub = (p >> lo) & full
            cell = t0[sub & _CHUNK_MASK] + t1[sub >> CHUNK]
            append(cell)
            if table[cell] is not None:
                pos |= bit
        key = pos
        shift = self._n_dims
        for atom, least in self._atoms:
            if (p & atom).bit_count() >= least:
                key |= 1 << shift
            shift += 1
        return self._outcome(self._victim_table[key], pos, p, a, u, cells)

    def _screen_general(self, p: int, a: int, u: int) -> Outcome:
        """The same decision for dimensions wider than two chunks or very large victim rules."""
        pos, cells, positives, counts = 0, [], [], []
        for (lo, full, _t0, _t1, table, bit, chunks), info in zip(self._hot, self._info):
            sub = (p >> lo) & full
            cell = sum(t[(sub >> (CHUNK * k)) & _CHUNK_MASK] for k, t in enumerate(chunks))
            cells.append(cell)
            positive = table[cell] is not None
            pos |= bit if positive else 0
            positives.append(positive)
            counts.append(info[4][cell])
        if self._victim_table is not None:
            key, shift = pos, self._n_dims
            for atom, least in self._atoms:
                key |= (1 << shift) if (p & atom).bit_count() >= least else 0
                shift += 1
            victim = self._victim_table[key]
        else:
            victim = bool(self.victim_fn(positives, counts))
        return self._outcome(victim, pos, p, a, u, cells)

    def _outcome(self, victim: bool, pos: int, p: int, a: int, u: int, cells: list[int]) -> Outcome:
        fid, fversion, rid, rversion, verified, population = self._head
        names = self._positive_names
        outcome = _new(Outcome)
        _set(outcome, "__dict__", {
            "framework": fid, "framework_version": fversion, "rule_set": rid,
            "rule_set_version": rversion, "victim": victim,
            "positive_dimensions": names[pos] if names else self._names_of(pos),
            "verified": verified, "population": population,
            "_masks": (p, a, u), "_cells": tuple(cells), "_screen": self,
        })
        return outcome

    def _names_of(self, pos: int) -> tuple[str, ...]:
        return tuple(d for k, d in enumerate(self.dimension_ids) if pos >> k & 1)

    def dimension_results(self, p: int, cells: tuple[int, ...]) -> dict[str, DimensionResult]:
        """Counts, clause and indicator ids per dimension, from the cells the screening found."""
        tables = self._result_tables or self._build_result_tables()
        out = {}
        for (dim_id, lo, full, results, ids0, ids1, counts_of_cell, clause_of_cell), cell in zip(
                tables, cells):
            sub = (p >> lo) & full
            if results is not None:  # up to CHUNK indicators: one prebuilt result per answer slice
                out[dim_id] = results[sub]
                continue
            s, m, w = counts_of_cell[cell]
            clause = clause_of_cell[cell]
            if ids1 is not None:
                present = ids0[sub & _CHUNK_MASK] + ids1[sub >> CHUNK]
            else:
                present = tuple(ids0[k] for k in range(full.bit_length()) if sub >> k & 1)
            out[dim_id] = DimensionResult(dim_id, clause is not None, s, m, w, present, clause)
        return out

    def _build_result_tables(self) -> tuple:
        """Built on the first request for per-dimension results, then kept."""

        def id_table(ids: tuple[str, ...]) -> list[tuple[str, ...]]:
            table: list[tuple[str, ...]] = [()] * (1 << len(ids))
            for x in range(1, len(table)):
                high = x.bit_length() - 1
                table[x] = table[x ^ (1 << high)] + (ids[high],)
            return table

        tables = []
        for (dim_id, lo, full, ids, counts_of_cell, clause_of_cell), hot in zip(self._info, self._hot):
            results = ids0 = ids1 = None
            if len(ids) <= CHUNK:
                weights_table = hot[2]
                results = []
                for sub, present in enumerate(id_table(ids)):
                    cell = weights_table[sub]
                    clause = clause_of_cell[cell]
                    results.append(DimensionResult(dim_id, clause is not None, *counts_of_cell[cell],
                                                   present, clause))
            elif len(ids) <= 2 * CHUNK:
                ids0, ids1 = id_table(ids[:CHUNK]), id_table(ids[CHUNK:])
            else:
                ids0 = ids
            tables.append((dim_id, lo, full, results, ids0, ids1, counts_of_cell, clause_of_cell))
        self._result_tables = tuple(tables)
        return self._result_tables

    # many at once -----------------------------------------------------------------------------
    def screen_matrix(self, present: Any) -> dict[str, Any]:
        """Screen many answer sets at once: ``present`` is a boolean array of shape (answer sets,
        indicators), columns in the order of ``framework.indicators``. Returns numpy arrays:
        ``victim`` and, per dimension, ``positive``. numpy is imported here only."""
        import numpy as np

        present = np.asarray(present, dtype=bool)
        if present.ndim != 2 or present.shape[1] != self.n:
            raise ValueError(f"expected shape (n, {self.n}), got {present.shape}")
        column = {ind.id: j for j, ind in enumerate(self.framework.indicators)}
        weights = np.zeros((self.n, self._n_dims), dtype=np.int32)
        for iid, d_index, w in self._weights:
            weights[column[iid], d_index] = w
        cells = present.astype(np.int32) @ weights
        positives, counts, out = [], [], {}
        for d_index, (dim_id, _lo, _full, _ids, counts_of_cell, clause_of_cell) in enumerate(self._info):
            cell = cells[:, d_index]
            positive = np.array([c is not None for c in clause_of_cell])[cell]
            smw = np.array(counts_of_cell, dtype=np.int32)[cell]
            positives.append(positive)
            counts.append((smw[:, 0], smw[:, 1], smw[:, 2]))
            out[dim_id] = positive
        victim = np.asarray(self.victim_fn(positives, counts), dtype=bool)
        if victim.ndim == 0:
            victim = np.full(len(present), bool(victim))
        return {"victim": victim, "positive": out}
