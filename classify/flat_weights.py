"""Weights of the ``flat.linear.v1`` reply scorer (placeholder until trained by ``python -m classify.irc train``)."""

FLAT_LINEAR_V1: dict[str, float] = {
    "new": 0.0,
    "log_minutes": -0.5,
    "log_distance": -0.8,
    "previous": 0.5,
    "addresses_author": 1.5,
    "addresses_latest": 1.5,
    "addresses_other": -1.5,
    "addressed_by_latest": 1.0,
    "same_author_latest": 0.5,
    "similarity": 2.0,
    "question_other_author": 0.5,
}
