"""The one canonical schema module.

Every table kennismaker writes is declared here once, as an Arrow schema plus its key.
Readers cast to the ``RAW_*`` schemas, DuckDB tables are created from ``TABLES`` and Parquet
exports are written with the schemas in ``EXPORTS``. docs/data-dictionary.md documents every
table and column below (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
STR_LIST = pa.list_(pa.string())

CHANNEL_KINDS = ("public", "private", "direct", "group")
LABELS = ("question", "answer", "link_share", "social", "other")
QUESTION_STATUSES = ("answered", "self_resolved", "unanswered")
ANSWER_LINK_METHODS = ("marked", "thread", "flat")
STAGE_STATUSES = ("running", "ok", "failed")
CURATION_DECISIONS = ("accept", "reject", "merge_into", "done")


@dataclass(frozen=True)
class Table:
    """A table: its name, Arrow schema, primary key and accepted values per column."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...] = ()
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        """Column names in schema order."""
        return self.schema.names


# --- What readers yield (never stored with raw user ids; see extract/stage.py) -------------

RAW_MESSAGE = pa.schema(
    [
        ("source", pa.string()),
        ("message_id", pa.string()),
        ("channel_id", pa.string()),
        ("channel_name", pa.string()),
        ("channel_kind", pa.string()),
        ("thread_id", pa.string()),
        ("reply_to_id", pa.string()),
        ("author_id", pa.string()),
        ("is_bot", pa.bool_()),
        ("created_at", TS),
        ("edited_at", TS),
        ("is_deleted", pa.bool_()),
        ("text", pa.string()),
        ("urls", STR_LIST),
        ("mentions", STR_LIST),
        ("attachment_count", pa.int32()),
        ("reaction_count", pa.int32()),
        ("reactions", STR_LIST),
        ("marked_answer", pa.bool_()),
        ("raw_ref", pa.string()),
        ("raw_seq", pa.int64()),
    ],
    metadata={"kennismaker.kind": "messages"},
)

RAW_CHANNEL = pa.schema(
    [
        ("source", pa.string()),
        ("channel_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
    ],
    metadata={"kennismaker.kind": "channels"},
)

RAW_PERSON = pa.schema(
    [
        ("source", pa.string()),
        ("author_id", pa.string()),
        ("display_name", pa.string()),
        ("email", pa.string()),
        ("is_bot", pa.bool_()),
        ("names", STR_LIST),
    ],
    metadata={"kennismaker.kind": "people"},
)

RAW_QUARANTINE = pa.schema(
    [
        ("source", pa.string()),
        ("file", pa.string()),
        ("position", pa.string()),
        ("reason", pa.string()),
        ("excerpt", pa.string()),
    ],
    metadata={"kennismaker.kind": "quarantine"},
)

RAW_SCHEMAS = {s.metadata[b"kennismaker.kind"].decode(): s for s in (RAW_MESSAGE, RAW_CHANNEL, RAW_PERSON, RAW_QUARANTINE)}


def raw_kind(schema: pa.Schema) -> str:
    """Which raw stream (messages, channels, people, quarantine) a reader batch belongs to."""
    return (schema.metadata or {}).get(b"kennismaker.kind", b"").decode()


# --- Stored tables ---------------------------------------------------------------------------

_MESSAGE_FIELDS = [
    ("message_id", pa.string()),
    ("source", pa.string()),
    ("channel_id", pa.string()),
    ("thread_id", pa.string()),
    ("reply_to_id", pa.string()),
    ("author_key", pa.string()),
    ("created_at", TS),
    ("edited_at", TS),
    ("is_deleted", pa.bool_()),
    ("text", pa.string()),
    ("urls", STR_LIST),
    ("mentions", STR_LIST),
    ("attachment_count", pa.int32()),
    ("reaction_count", pa.int32()),
    ("reactions", STR_LIST),
    ("marked_answer", pa.bool_()),
    ("is_bot", pa.bool_()),
    ("raw_ref", pa.string()),
    ("raw_seq", pa.int64()),
    ("ingest_run_id", pa.string()),
    ("content_hash", pa.string()),
]

RAW_MESSAGES = Table("raw_messages", pa.schema(_MESSAGE_FIELDS + [("channel_kind", pa.string())]))

MESSAGES = Table(
    "messages",
    pa.schema(_MESSAGE_FIELDS + [("lang", pa.string())]),
    key=("message_id",),
)

CHANNELS = Table(
    "channels",
    pa.schema(
        [
            ("channel_id", pa.string()),
            ("source", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("ingest_run_id", pa.string()),
        ]
    ),
    key=("channel_id",),
    accepted={"kind": CHANNEL_KINDS},
)

PEOPLE = Table(
    "people",
    pa.schema(
        [
            ("author_key", pa.string()),
            ("source", pa.string()),
            ("pseudonym", pa.string()),
            ("display_name", pa.string()),
            ("email", pa.string()),
            ("email_key", pa.string()),
            ("is_bot", pa.bool_()),
            ("ingest_run_id", pa.string()),
        ]
    ),
    key=("author_key",),
)

PERSON_NAMES = Table(
    "person_names",
    pa.schema(
        [
            ("name_hash", pa.string()),
            ("author_key", pa.string()),
            ("ingest_run_id", pa.string()),
        ]
    ),
    key=("name_hash", "author_key"),
)

TOMBSTONES = Table(
    "tombstones",
    pa.schema(
        [
            ("author_key", pa.string()),
            ("email_key", pa.string()),
            ("forgotten_at", TS),
        ]
    ),
    key=("author_key",),
)

INGEST_RUNS = Table(
    "ingest_runs",
    pa.schema(
        [
            ("run_id", pa.string()),
            ("source_name", pa.string()),
            ("format", pa.string()),
            ("path", pa.string()),
            ("started_at", TS),
            ("finished_at", TS),
            ("status", pa.string()),
            ("messages_read", pa.int64()),
            ("messages_new", pa.int64()),
            ("messages_changed", pa.int64()),
            ("messages_unchanged", pa.int64()),
            ("messages_excluded", pa.int64()),
            ("quarantined", pa.int64()),
            ("watermark", TS),
        ]
    ),
    key=("run_id",),
    accepted={"status": ("running", "ok", "failed", "unchanged")},
)

SOURCE_FILES = Table(
    "source_files",
    pa.schema(
        [
            ("source_name", pa.string()),
            ("file", pa.string()),
            ("size_bytes", pa.int64()),
            ("mtime_ns", pa.int64()),
            ("content_hash", pa.string()),
            ("settings_hash", pa.string()),
            ("run_id", pa.string()),
        ]
    ),
    key=("source_name", "file"),
)

QUARANTINE = Table(
    "quarantine",
    pa.schema(
        [
            ("run_id", pa.string()),
            ("source", pa.string()),
            ("file", pa.string()),
            ("position", pa.string()),
            ("reason", pa.string()),
            ("excerpt", pa.string()),
            ("quarantined_at", TS),
        ]
    ),
)

EMBEDDINGS = Table(
    "embeddings",
    pa.schema(
        [
            ("content_hash", pa.string()),
            ("model_id", pa.string()),
            ("vector", pa.list_(pa.float32())),
        ]
    ),
    key=("content_hash", "model_id"),
)

MESSAGE_LABELS = Table(
    "message_labels",
    pa.schema(
        [
            ("message_id", pa.string()),
            ("label", pa.string()),
            ("p_question", pa.float32()),
            ("p_answer", pa.float32()),
            ("p_link_share", pa.float32()),
            ("p_social", pa.float32()),
            ("model_version", pa.string()),
            ("content_hash", pa.string()),
            ("context_parent_id", pa.string()),
            ("classified_at", TS),
        ]
    ),
    key=("message_id",),
    accepted={"label": LABELS},
)

ANSWER_LINKS = Table(
    "answer_links",
    pa.schema(
        [
            ("question_id", pa.string()),
            ("answer_id", pa.string()),
            ("score", pa.float32()),
            ("method", pa.string()),
        ]
    ),
    key=("question_id", "answer_id"),
    accepted={"method": ANSWER_LINK_METHODS},
)

QUESTION_STATUS = Table(
    "question_status",
    pa.schema(
        [
            ("question_id", pa.string()),
            ("status", pa.string()),
            ("first_answer_at", TS),
            ("answer_count", pa.int32()),
        ]
    ),
    key=("question_id",),
    accepted={"status": QUESTION_STATUSES},
)

REPLY_LINKS = Table(
    "reply_links",
    pa.schema(
        [
            ("message_id", pa.string()),
            ("parent_id", pa.string()),
            ("score", pa.float32()),
            ("method", pa.string()),
        ]
    ),
    key=("message_id",),
)

LINK_SCOPES = Table(
    "link_scopes",
    pa.schema(
        [
            ("channel_id", pa.string()),
            ("messages", pa.int64()),
            ("digest", pa.string()),
            ("settings", pa.string()),
        ]
    ),
    key=("channel_id",),
)

CONVERSATIONS = Table(
    "conversations",
    pa.schema(
        [
            ("message_id", pa.string()),
            ("conversation_id", pa.string()),
        ]
    ),
    key=("message_id",),
)

INT_CONVERSATION_MESSAGES = Table(
    "int_conversation_messages",
    pa.schema(
        [
            ("message_id", pa.string()),
            ("channel_id", pa.string()),
            ("conversation_id", pa.string()),
            ("parent_id", pa.string()),
            ("position", pa.int32()),
            ("usable", pa.bool_()),
            ("usable_position", pa.int32()),
            ("author_key", pa.string()),
            ("created_at", TS),
            ("answers_question_id", pa.string()),
            ("answer_score", pa.float64()),
            ("is_answer", pa.bool_()),
            ("thanked", pa.bool_()),
            ("checkmarked", pa.bool_()),
        ]
    ),
    key=("message_id",),
)

TOPICS = Table(
    "topics",
    pa.schema(
        [
            ("topic_id", pa.int32()),
            ("label", pa.string()),
            ("terms", STR_LIST),
            ("size", pa.int64()),
            ("first_seen", TS),
            ("last_seen", TS),
            ("model_version", pa.string()),
        ]
    ),
    key=("topic_id",),
)

THREAD_TOPICS = Table(
    "thread_topics",
    pa.schema(
        [
            ("thread_id", pa.string()),
            ("topic_id", pa.int32()),
            ("probability", pa.float32()),
            ("doc_hash", pa.string()),
        ]
    ),
    key=("thread_id",),
)

TOPIC_TRENDS = Table(
    "topic_trends",
    pa.schema(
        [
            ("topic_id", pa.int32()),
            ("week", pa.date32()),
            ("threads", pa.int64()),
            ("questions", pa.int64()),
            ("unanswered", pa.int64()),
        ]
    ),
    key=("topic_id", "week"),
)

TOPIC_RUNS = Table(
    "topic_runs",
    pa.schema(
        [
            ("run_id", pa.string()),
            ("model_version", pa.string()),
            ("fitted", pa.bool_()),
            ("threads", pa.int64()),
            ("outlier_share", pa.float64()),
            ("new_threads", pa.int64()),
            ("started_at", TS),
        ]
    ),
    key=("run_id",),
)

CURATION = Table(
    "curation",
    pa.schema(
        [
            ("candidate_id", pa.string()),
            ("decision", pa.string()),
            ("merge_into", pa.string()),
            ("note", pa.string()),
            ("editor", pa.string()),
            ("decided_at", TS),
        ]
    ),
    key=("candidate_id",),
    accepted={"decision": CURATION_DECISIONS},
)

FAQ_GROUPING = Table(
    "faq_grouping",
    pa.schema(
        [
            ("position", pa.int32()),
            ("question_id", pa.string()),
            ("content_hash", pa.string()),
            ("has_vector", pa.bool_()),
            ("group_no", pa.int32()),
            ("settings", pa.string()),
        ]
    ),
    key=("position",),
)

SIMILAR_MATCHES = Table(
    "similar_matches",
    pa.schema(
        [
            ("question_id", pa.string()),
            ("content_hash", pa.string()),
            ("created_at", TS),
            ("matches", pa.list_(pa.struct([("question_id", pa.string()), ("similarity", pa.float64())]))),
            ("settings", pa.string()),
        ]
    ),
    key=("question_id",),
)

ANSWERED_SNAPSHOT = Table(
    "answered_snapshot",
    pa.schema(
        [
            ("question_id", pa.string()),
            ("content_hash", pa.string()),
            ("created_at", TS),
            ("has_vector", pa.bool_()),
            ("settings", pa.string()),
        ]
    ),
    key=("question_id",),
)

SHOWN_TEXTS = Table(
    "shown_texts",
    pa.schema(
        [
            ("text_key", pa.string()),
            ("settings", pa.string()),
            ("shown", pa.string()),
            ("lookups", pa.list_(pa.int64())),
        ]
    ),
    key=("text_key",),
)

SHOWN_NAMES = Table(
    "shown_names",
    pa.schema(
        [
            ("name_hash", pa.string()),
            ("replacement", pa.string()),
        ]
    ),
    key=("name_hash",),
)

PIPELINE_RUNS = Table(
    "pipeline_runs",
    pa.schema(
        [
            ("run_id", pa.string()),
            ("stage", pa.string()),
            ("started_at", TS),
            ("finished_at", TS),
            ("status", pa.string()),
            ("detail", pa.string()),
        ]
    ),
    key=("run_id", "stage"),
    accepted={"status": STAGE_STATUSES},
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        RAW_MESSAGES,
        MESSAGES,
        CHANNELS,
        PEOPLE,
        PERSON_NAMES,
        TOMBSTONES,
        INGEST_RUNS,
        SOURCE_FILES,
        QUARANTINE,
        EMBEDDINGS,
        MESSAGE_LABELS,
        ANSWER_LINKS,
        QUESTION_STATUS,
        REPLY_LINKS,
        LINK_SCOPES,
        CONVERSATIONS,
        INT_CONVERSATION_MESSAGES,
        TOPICS,
        THREAD_TOPICS,
        TOPIC_TRENDS,
        TOPIC_RUNS,
        CURATION,
        FAQ_GROUPING,
        SIMILAR_MATCHES,
        ANSWERED_SNAPSHOT,
        SHOWN_TEXTS,
        SHOWN_NAMES,
        PIPELINE_RUNS,
    )
}

# The tables each nightly stage writes: their key and accepted-value checks run after that stage
# (kennismaker.store.checked_tables), the way dbt runs a model's tests after building it.
STAGE_TABLES: dict[str, tuple[Table, ...]] = {
    "extract": (MESSAGES, CHANNELS, PEOPLE, PERSON_NAMES, TOMBSTONES, INGEST_RUNS, SOURCE_FILES),
    "classify": (EMBEDDINGS, MESSAGE_LABELS, REPLY_LINKS, LINK_SCOPES, CONVERSATIONS, ANSWER_LINKS, QUESTION_STATUS, INT_CONVERSATION_MESSAGES),
    "topics": (TOPICS, THREAD_TOPICS, TOPIC_TRENDS, TOPIC_RUNS),
    "export": (CURATION, FAQ_GROUPING, SIMILAR_MATCHES, ANSWERED_SNAPSHOT, SHOWN_TEXTS, SHOWN_NAMES),
    "purge": (QUARANTINE, SOURCE_FILES, PIPELINE_RUNS),
}


# --- Arrow -> DuckDB --------------------------------------------------------------------------

def duckdb_type(t: pa.DataType) -> str:
    """The DuckDB column type for an Arrow type used in this module."""
    if pa.types.is_list(t):
        return duckdb_type(t.value_type) + "[]"
    if pa.types.is_struct(t):
        return "STRUCT(" + ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in t) + ")"
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ" if t.tz else "TIMESTAMP"
    simple = {
        pa.string(): "VARCHAR",
        pa.bool_(): "BOOLEAN",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float32(): "FLOAT",
        pa.float64(): "DOUBLE",
        pa.date32(): "DATE",
    }
    if t in simple:
        return simple[t]
    raise TypeError(f"no DuckDB type for Arrow type {t}")


def create_table_sql(table: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a declared table, with its primary key."""
    cols = [f'"{f.name}" {duckdb_type(f.type)}' for f in table.schema]
    if table.key:
        cols.append("PRIMARY KEY (" + ", ".join(table.key) + ")")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(cols) + "\n)"


# --- Parquet exports (written by exports/; documented in docs/data-dictionary.md) ----------------

SIMILAR_ANSWERED = pa.struct(
    [("question_id", pa.string()), ("answer_id", pa.string()), ("similarity", pa.float32())]
)

_CURATION_FIELDS = [("curation_status", pa.string()), ("merged_from", STR_LIST)]

EXPORTS: dict[str, pa.Schema] = {
    "unanswered_questions": pa.schema(
        [
            ("candidate_id", pa.string()),
            ("question_id", pa.string()),
            ("conversation_id", pa.string()),
            ("channel", pa.string()),
            ("created_at", TS),
            ("age_hours", pa.float64()),
            ("lang", pa.string()),
            ("text", pa.string()),
            ("topic_id", pa.int32()),
            ("topic_label", pa.string()),
            ("reason", pa.string()),
            ("replies", pa.int32()),
            ("similar_answered", pa.list_(SIMILAR_ANSWERED)),
            ("suggested_answerers", STR_LIST),
            ("actionability", pa.float64()),
        ]
        + _CURATION_FIELDS
    ),
    "tacit_knowledge_candidates": pa.schema(
        [
            ("candidate_id", pa.string()),
            ("answer_id", pa.string()),
            ("question_id", pa.string()),
            ("conversation_id", pa.string()),
            ("channel", pa.string()),
            ("created_at", TS),
            ("lang", pa.string()),
            ("text", pa.string()),
            ("topic_id", pa.int32()),
            ("topic_label", pa.string()),
            ("score", pa.float64()),
            ("explanatory", pa.float64()),
            ("acknowledged", pa.float64()),
            ("repeat_answerer", pa.float64()),
            ("not_link_only", pa.float64()),
            ("cues", STR_LIST),
            ("answerer", pa.string()),
        ]
        + _CURATION_FIELDS
    ),
    "faq_candidates": pa.schema(
        [
            ("candidate_id", pa.string()),
            ("representative_question_id", pa.string()),
            ("representative_text", pa.string()),
            ("variants", pa.int32()),
            ("askers", pa.int32()),
            ("question_ids", STR_LIST),
            ("best_answer_id", pa.string()),
            ("best_answer_text", pa.string()),
            ("best_answer_reason", pa.string()),
            ("topic_id", pa.int32()),
            ("topic_label", pa.string()),
            ("first_asked", TS),
            ("last_asked", TS),
            ("similarity_method", pa.string()),
            ("suppressed", pa.bool_()),
            ("suppressed_reason", pa.string()),
        ]
        + _CURATION_FIELDS
    ),
    "topic_trends": pa.schema(
        [
            ("topic_id", pa.int32()),
            ("topic_label", pa.string()),
            ("week", pa.date32()),
            ("authors", pa.int64()),
            ("threads", pa.int64()),
            ("questions", pa.int64()),
            ("unanswered", pa.int64()),
            ("suppressed", pa.bool_()),
            ("suppressed_reason", pa.string()),
        ]
    ),
    "knowledge_health": pa.schema(
        [
            ("grain", pa.string()),
            ("channel_id", pa.string()),
            ("channel", pa.string()),
            ("topic_id", pa.int32()),
            ("topic_label", pa.string()),
            ("week", pa.date32()),
            ("authors", pa.int64()),
            ("messages", pa.int64()),
            ("threads", pa.int64()),
            ("questions", pa.int64()),
            ("answer_rate", pa.float64()),
            ("median_hours_to_first_answer", pa.float64()),
            ("share_threads_1", pa.float64()),
            ("share_threads_2", pa.float64()),
            ("share_threads_3_4", pa.float64()),
            ("share_threads_5_plus", pa.float64()),
            ("median_thread_length", pa.float64()),
            ("top1pct_share", pa.float64()),
            ("top10pct_share", pa.float64()),
            ("suppressed", pa.bool_()),
            ("suppressed_reason", pa.string()),
        ]
    ),
}
