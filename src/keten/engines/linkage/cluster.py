"""From scored pairs to clusters (one per person) without chaining through common names.

Connected components at a threshold chain two people together as soon as one record of each
looks alike (two Wang Weis born the same year, a shared shelter phone). Here a component is only
the search space: inside it, groups are merged bottom-up by *average* linkage (UPGMA) on match
probability, and two groups merge only while the pairs across them have, on average, at least the
``cohesion`` probability. Pairs that were never scored (not blocked, or below the scoring floor)
count as probability 0, so a chain A–B–C with A and C unlike stays apart.

See docs/adr/0041-linkage-clustering.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True)
class Clusters:
    labels: np.ndarray  # cluster number per node, 0..k-1, ordered by first node
    best: np.ndarray  # best probability to another node of the same cluster; NaN for singletons


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _average_linkage(nodes: np.ndarray, left: np.ndarray, right: np.ndarray, prob: np.ndarray,
                     threshold: float) -> np.ndarray:
    """Flat UPGMA clusters of ``nodes`` (sorted) given the scored pairs among them."""
    size = len(nodes)
    li = np.searchsorted(nodes, left)
    ri = np.searchsorted(nodes, right)
    dist = np.ones((size, size))
    dist[li, ri] = 1.0 - prob
    dist[ri, li] = 1.0 - prob
    condensed = dist[np.triu_indices(size, 1)]
    tree = linkage(condensed, method="average")
    return fcluster(tree, t=1.0 - threshold + 1e-12, criterion="distance")


def _split(nodes: np.ndarray, left: np.ndarray, right: np.ndarray, prob: np.ndarray, cohesion: float,
           cut: float, max_size: int, out: list[np.ndarray]) -> None:
    """Cut an oversized component at a stricter threshold until each part fits; cluster parts."""
    if len(nodes) <= max_size:
        labels = _average_linkage(nodes, left, right, prob, cohesion)
        for value in np.unique(labels):
            out.append(nodes[labels == value])
        return
    keep = prob >= cut
    li = np.searchsorted(nodes, left[keep])
    ri = np.searchsorted(nodes, right[keep])
    comp = _components(len(nodes), li, ri)
    for value in np.unique(comp):
        members = nodes[comp == value]
        inside = np.isin(left, members) & np.isin(right, members)
        _split(members, left[inside], right[inside], prob[inside], cohesion, cut + (1 - cut) / 2, max_size, out)


def cluster(n: int, left: np.ndarray, right: np.ndarray, prob: np.ndarray, *, threshold: float = 0.5,
            cohesion: float | None = 0.3, max_component: int = 800) -> Clusters:
    """Cluster ``n`` nodes given scored pairs (``left``, ``right``: node numbers; ``prob``).

    Records can only be linked through pairs at ``threshold`` or above; inside each component
    so formed, two groups merge while their average pair probability is at least ``cohesion``
    (None: the threshold itself).
    """
    cohesion = threshold if cohesion is None else min(cohesion, threshold)
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    prob = np.asarray(prob, dtype=np.float64)
    strong = prob >= threshold
    comp = _components(n, left[strong], right[strong])
    sizes = np.bincount(comp)
    labels = comp.copy()  # components of one or two nodes are final as they are
    big = sizes[comp] >= 3
    if big.any():
        next_label = comp.max() + 1
        edge_comp = comp[left]
        inside = (edge_comp == comp[right]) & big[left]
        e_comp, e_left, e_right, e_prob = edge_comp[inside], left[inside], right[inside], prob[inside]
        order = np.argsort(e_comp, kind="stable")
        e_comp, e_left, e_right, e_prob = e_comp[order], e_left[order], e_right[order], e_prob[order]
        big_nodes = np.flatnonzero(big)
        big_nodes = big_nodes[np.argsort(comp[big_nodes], kind="stable")]
        node_comp = comp[big_nodes]
        comp_ids = np.unique(node_comp)
        n_starts = np.searchsorted(node_comp, comp_ids)
        n_ends = np.searchsorted(node_comp, comp_ids, side="right")
        e_starts = np.searchsorted(e_comp, comp_ids)
        e_ends = np.searchsorted(e_comp, comp_ids, side="right")
        for k in range(len(comp_ids)):
            nodes = np.sort(big_nodes[n_starts[k]:n_ends[k]])
            es, ee = e_starts[k], e_ends[k]
            parts: list[np.ndarray] = []
            _split(nodes, e_left[es:ee], e_right[es:ee], e_prob[es:ee], cohesion,
                   threshold + (1 - threshold) / 2, max_component, parts)
            if len(parts) == 1:
                continue
            for part in parts[1:]:
                labels[part] = next_label
                next_label += 1
    # renumber by first node, so cluster numbers do not depend on the order of the pairs
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(labels.max() + 1, dtype=np.int64)
    rank[labels[np.sort(first)]] = np.arange(len(first))
    labels = rank[labels]
    best = np.full(n, np.nan)
    same = labels[left] == labels[right]
    if same.any():
        np.fmax.at(best, left[same], prob[same])
        np.fmax.at(best, right[same], prob[same])
    return Clusters(labels=labels, best=best)
