"""Privacy-preserving record linkage: keyed Bloom-filter encodings, compared by Dice similarity.

A partner encodes its own records locally (``encode``) with a secret key shared among the
partners but never with the linkage unit; the linkage unit compares encodings only
(``compare.link_encodings``) and returns cluster ids. See docs/linkage.md and ADR 0042.
"""
