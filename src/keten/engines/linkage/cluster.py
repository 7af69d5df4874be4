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


_BATCH_MAX = 12  # components up to this size are clustered together in numpy


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


def _batch_average_linkage(members: np.ndarray, left: np.ndarray, right: np.ndarray, prob: np.ndarray,
                           node_row: np.ndarray, node_pos: np.ndarray, cohesion: float) -> np.ndarray:
    """UPGMA for many small components of one size at once (``members``: k × size nodes).

    Returns, per component and member, the position of the member its group merged into.
    The same merges as ``scipy.cluster.hierarchy.linkage(method="average")`` cut at
    ``cohesion``, computed for all components together in numpy.
    """
    k, size = members.shape
    low = -1e9
    sim = np.zeros((k, size, size))
    rows, pl, pr = node_row[left], node_pos[left], node_pos[right]
    sim[rows, pl, pr] = prob
    sim[rows, pr, pl] = prob
    diagonal = np.arange(size)
    sim[:, diagonal, diagonal] = low
    count = np.ones((k, size))
    assign = np.tile(np.arange(size), (k, 1))
    alive = np.arange(k)
    for _ in range(size - 1):
        flat = sim[alive].reshape(len(alive), -1)
        best = flat.argmax(axis=1)
        merge = flat[np.arange(len(alive)), best] >= cohesion
        if not merge.any():
            break
        alive = alive[merge]
        i, j = np.divmod(best[merge], size)
        i, j = np.minimum(i, j), np.maximum(i, j)
        ni, nj = count[alive, i], count[alive, j]
        row_i, row_j = sim[alive, i, :], sim[alive, j, :]
        merged = (ni[:, None] * row_i + nj[:, None] * row_j) / (ni + nj)[:, None]
        merged = np.where((row_i <= low / 2) | (row_j <= low / 2), low, merged)
        sim[alive, i, :] = merged
        sim[alive, :, i] = merged
        sim[alive, j, :] = low
        sim[alive, :, j] = low
        sim[alive, i, i] = low
        count[alive, i] = ni + nj
        moved = assign[alive] == j[:, None]
        assign[alive] = np.where(moved, i[:, None], assign[alive])
    return assign


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
        node_row = np.zeros(n, dtype=np.int64)
        node_pos = np.zeros(n, dtype=np.int64)
        for size in range(3, _BATCH_MAX + 1):  # small components: all of one size at once
            comps = np.flatnonzero(sizes == size)
            if len(comps) == 0:
                continue
            nodes = np.flatnonzero(np.isin(comp, comps))
            nodes = nodes[np.argsort(comp[nodes], kind="stable")]
            members = nodes.reshape(len(comps), size)
            node_row[members] = np.arange(len(comps))[:, None]
            node_pos[members] = np.arange(size)[None, :]
            here = np.isin(e_comp, comps)
            assign = _batch_average_linkage(members, e_left[here], e_right[here], e_prob[here], node_row, node_pos,
                                            cohesion)
            split_off = assign != 0
            if split_off.any():
                rows, cols = np.nonzero(split_off)
                labels[members[rows, cols]] = next_label + rows * size + assign[rows, cols]
                next_label += len(comps) * size
        large = np.flatnonzero(sizes > _BATCH_MAX)
        if len(large):
            keep = np.isin(e_comp, large)
            e_comp, e_left, e_right, e_prob = e_comp[keep], e_left[keep], e_right[keep], e_prob[keep]
            order = np.argsort(e_comp, kind="stable")
            e_comp, e_left, e_right, e_prob = e_comp[order], e_left[order], e_right[order], e_prob[order]
            big_nodes = np.flatnonzero(np.isin(comp, large))
            big_nodes = big_nodes[np.argsort(comp[big_nodes], kind="stable")]
            node_comp = comp[big_nodes]
            n_starts = np.searchsorted(node_comp, large)
            n_ends = np.searchsorted(node_comp, large, side="right")
            e_starts = np.searchsorted(e_comp, large)
            e_ends = np.searchsorted(e_comp, large, side="right")
            for k in range(len(large)):
                nodes = np.sort(big_nodes[n_starts[k]:n_ends[k]])
                es, ee = e_starts[k], e_ends[k]
                parts: list[np.ndarray] = []
                _split(nodes, e_left[es:ee], e_right[es:ee], e_prob[es:ee], cohesion,
                       threshold + (1 - threshold) / 2, max_component, parts)
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
