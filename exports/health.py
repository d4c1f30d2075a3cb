"""Group-level figures: ``knowledge_health`` and ``topic_trends``, from the table macros shared by export, report and view.

A conversation belongs to one cell: the channel and the ISO week (Monday, in the configured
``timezone``) of its first message, and its topic. Every figure of a cell with fewer than ``privacy.min_group_size``
distinct authors is NULL, with ``suppressed`` true and a ``suppressed_reason``. The SQL is
``kennismaker/sql/exp_knowledge_health.sql`` and ``exp_topic_trends.sql`` (table macros created with
the schema, ``kennismaker.store.MACROS``); the same macros back the analyst views ``v_knowledge_health``
and ``v_topic_trends`` (docs/data-dictionary.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.schema import EXPORTS
from kennismaker.store import literal

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

# The cells of the export (per channel, with and without topic, per week) and of the morning report
# (every channel together, per week and for the whole period): exp_conversation_cells.sql.
EXPORT_GRAINS = ("channel_topic_week", "channel_week")
OVERALL_GRAINS = ("all_week", "all")


def knowledge_health_rows(con: duckdb.DuckDBPyConnection, min_authors: int, tz: str, grains: tuple[str, ...], order: str) -> pa.Table:
    """The knowledge-health figures per cell of ``grains``, suppressed below ``min_authors`` authors, in ``order``
    (an ORDER BY of the module's own, never user text)."""
    return con.sql(f"SELECT * FROM exp_knowledge_health($min_authors, $tz, $grains) ORDER BY {order}",
                   params={"min_authors": min_authors, "tz": tz, "grains": list(grains)}).to_arrow_table()


def knowledge_health(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The knowledge-health export (schema ``EXPORTS['knowledge_health']``), by channel, week, grain, topic."""
    table = knowledge_health_rows(con, cfg.privacy.min_group_size, cfg.timezone, EXPORT_GRAINS,
                                  "channel_id, week, grain, topic_id NULLS FIRST")
    return table.select(EXPORTS["knowledge_health"].names).cast(EXPORTS["knowledge_health"])


def topic_trends(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """The topic-trends export (schema ``EXPORTS['topic_trends']``), by topic and week."""
    table = con.sql("SELECT * FROM exp_topic_trends($min_authors, $tz) ORDER BY topic_id, week",
                    params={"min_authors": cfg.privacy.min_group_size, "tz": cfg.timezone}).to_arrow_table()
    return table.select(EXPORTS["topic_trends"].names).cast(EXPORTS["topic_trends"])


def create_analyst_views(con: duckdb.DuckDBPyConnection, cfg: Config) -> list[str]:
    """(Re)create the views ``v_knowledge_health`` and ``v_topic_trends``; returns their names.

    A view's definition cannot take parameters, so the (validated) k and time zone are written into it as literals.
    """
    k, tz = literal(cfg.privacy.min_group_size), literal(cfg.timezone)
    con.execute(f"CREATE OR REPLACE VIEW v_knowledge_health AS SELECT * FROM exp_knowledge_health({k}, {tz}, {literal(list(EXPORT_GRAINS))})")
    con.execute(f"CREATE OR REPLACE VIEW v_topic_trends AS SELECT * FROM exp_topic_trends({k}, {tz})")
    return ["v_knowledge_health", "v_topic_trends"]
