"""The precompiled screening: one framework with one rule set, ready to screen many answer sets.

Every indicator gets a bit; each dimension holds three bitmasks (strong, medium, weak). Screening
an answer set is: ids -> one integer, three popcounts per dimension, one table lookup per
dimension and one call of the compiled victim rule. No YAML, no per-call parsing.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .errors import AnswerConflictError, UnknownIndicatorError
from .model import DimensionResult, Framework, Outcome, RuleSet
from .rules import ClauseTable, compile_victim_rule


class CompiledScreen:
    def __init__(self, framework: Framework, rule_set: RuleSet,
                 explain: Callable[[Outcome], dict[str, str]]):
        self.framework = framework
        self.rule_set = rule_set
        self._explain = explain
        self.bit: dict[str, int] = {ind.id: 1 << i for i, ind in enumerate(framework.indicators)}
        self.id_at: list[str] = [ind.id for ind in framework.indicators]
        self.n = len(self.id_at)
        self.verified = framework.verified and rule_set.verified
        dims = []
        for dim in framework.dimensions:
            masks = {"strong": 0, "medium": 0, "weak": 0}
            for ind in framework.indicators:
                if ind.dimension == dim.id:
                    masks[ind.strength] |= self.bit[ind.id]
            s, m, w = masks["strong"], masks["medium"], masks["weak"]
            table = ClauseTable(rule_set.clauses, s.bit_count(), m.bit_count(), w.bit_count())
            dims.append((dim.id, s, m, w, s | m | w, table.cells, table.m_span, table.w_span))
        self.dims = tuple(dims)
        self.dimension_ids = tuple(d.id for d in framework.dimensions)
        self.victim_fn = compile_victim_rule(rule_set.victim_expression, self.dimension_ids)

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
        """Indicator ids of a bitmask, in framework order."""
        out = []
        id_at = self.id_at
        while mask:
            low = mask & -mask
            out.append(id_at[low.bit_length() - 1])
            mask ^= low
        return tuple(out)

    def screen(self, present: Iterable[str] = (), absent: Iterable[str] = (),
               unknown: Iterable[str] = ()) -> Outcome:
        p = self.mask(present)
        a = self.mask(absent, what="absent")
        u = self.mask(unknown, what="unknown") if unknown else 0
        if p & a or p & u or a & u:
            raise AnswerConflictError(self.framework.id, list(self.ids((p & a) | (p & u) | (a & u))))
        return self.screen_mask(p, a, u)

    def screen_mask(self, p: int, a: int = 0, u: int = 0) -> Outcome:
        """Screen a present-bitmask (absent/unknown masks only travel into the outcome)."""
        results: dict[str, DimensionResult] = {}
        positives = []
        counts = []
        for dim_id, sm, mm, wm, allm, cells, m_span, w_span in self.dims:
            s = (p & sm).bit_count()
            m = (p & mm).bit_count()
            w = (p & wm).bit_count()
            clause = cells[(s * m_span + m) * w_span + w]
            positive = clause is not None
            positives.append(positive)
            counts.append((s, m, w))
            results[dim_id] = DimensionResult(dim_id, positive, s, m, w, self.ids(p & allm), clause)
        victim = bool(self.victim_fn(positives, counts))
        answered = p | a | u
        return Outcome(
            framework=self.framework.id,
            framework_version=self.framework.version,
            rule_set=self.rule_set.id,
            rule_set_version=self.rule_set.version,
            dimensions=results,
            victim=victim,
            present=self.ids(p),
            absent=self.ids(a),
            unknown=self.ids(u),
            unanswered=self.n - answered.bit_count(),
            verified=self.verified,
            population=self.framework.population,
            _explain=self._explain,
        )

    def screen_matrix(self, present: Any) -> dict[str, Any]:
        """Screen many answer sets at once: ``present`` is a boolean numpy array of shape
        (answer sets, indicators) in framework order. Returns numpy arrays: ``victim`` and, per
        dimension, ``positive``. numpy is imported here only."""
        import numpy as np

        present = np.asarray(present, dtype=bool)
        if present.ndim != 2 or present.shape[1] != self.n:
            raise ValueError(f"expected shape (n, {self.n}), got {present.shape}")
        as_int = present.astype(np.int16)
        positives, counts, out = [], [], {}
        for dim_id, sm, mm, wm, _allm, cells, m_span, w_span in self.dims:
            triple = []
            for mask in (sm, mm, wm):
                cols = [i for i in range(self.n) if mask >> i & 1]
                triple.append(as_int[:, cols].sum(axis=1) if cols else np.zeros(len(present), np.int16))
            table = np.array([c is not None for c in cells])
            pos = table[(triple[0] * m_span + triple[1]) * w_span + triple[2]]
            positives.append(pos)
            counts.append(triple)
            out[dim_id] = pos
        victim = np.asarray(self.victim_fn(positives, counts), dtype=bool)
        if victim.ndim == 0:
            victim = np.full(len(present), bool(victim))
        return {"victim": victim, "positive": out}
