"""The classify stage as one call: label, link answers, relabel what the links gave context, link again.

In flat channels a reply's parent is only known after reconstruction (``link_answers``), and an
answer without a parent looks like an announcement. So messages whose parent changed are labelled
again with that context (``message_labels.context_parent_id`` records the parent used), then the
links are rebuilt. On a night without new data both passes find nothing to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from kennismaker.classify.linking import link_answers
from kennismaker.classify.stage import classify_messages

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


def labelled_and_linked(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict:
    """Counts of labelling and linking after both passes."""
    first = classify_messages(con, cfg)
    links = link_answers(con, cfg)
    second = classify_messages(con, cfg)
    if second["labelled"]:
        links = link_answers(con, cfg)
    return {
        "labelled": first["labelled"] + second["labelled"],
        "relabelled_with_context": second["labelled"],
        "embedded": first["embedded"] + second["embedded"],
        "cached": first["cached"],
        "skipped": first["skipped"],
        "links": links,
    }
