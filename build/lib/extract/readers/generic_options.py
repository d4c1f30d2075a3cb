"""Options of the generic readers, validated once with pydantic (unknown keys are errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kennismaker.errors import ConfigError

REQUIRED = ("message_id", "created_at", "text")
OPTIONAL = (
    "thread_id", "reply_to_id", "channel", "author", "author_name", "reactions", "attachments",
    "channel_kind", "is_bot", "edited_at", "is_deleted",
)
CANONICAL = REQUIRED + OPTIONAL


class GenericOptions(BaseModel):
    """``sources[].options`` of ``generic_jsonl.v1`` and ``generic_csv.v1``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_name: str = Field("generic", pattern=r"^[^\s:]+$", description="Prefix of every id; no spaces or colons.")
    columns: dict[str, str] = Field(default_factory=dict, description="Canonical column -> the file's column.")
    timestamp_format: str | None = Field(None, description="strftime pattern of created_at / edited_at.")
    html: bool = Field(False, description="Whether text holds HTML.")

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, columns: dict[str, str]) -> dict[str, str]:
        unknown = [name for name in columns if name not in CANONICAL]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a column of the generic format (use one of {', '.join(CANONICAL)})")
        return columns

    def column(self, canonical: str) -> str:
        """The file's name for a canonical column."""
        return self.columns.get(canonical, canonical)

    def getter(self, record: dict[str, Any]) -> Callable[[str], Any]:
        """A function reading a canonical column from ``record`` (None when absent)."""
        return lambda canonical: record.get(self.column(canonical))

    def qualified(self, value: str) -> str | None:
        """``{source_name}:{value}``, or None for an empty value."""
        return f"{self.source_name}:{value}" if value else None


def generic_options(options: dict[str, Any], reader_name: str) -> GenericOptions:
    """Validated options; a bad key or value is one ``ConfigError`` sentence naming it."""
    try:
        return GenericOptions.model_validate(options or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "options"
        if err["type"] == "extra_forbidden":
            sentence = f"Unknown option {key!r} for {reader_name}; use source_name, columns, timestamp_format or html."
        else:
            sentence = f"Option {key!r} for {reader_name} is invalid ({err['msg']}); fix it in the source's options."
        raise ConfigError(sentence) from None
