"""The config sections the floor owns: sources, privacy, ingest limits and retention.

The combined ``Config`` (these sections plus every stage's own) and ``load_config`` sit on top, in
``pipelines/config.py``: the floor imports no stage. Everything below the CLI and the flows receives
these plain typed objects, validated once at the edge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base for config sections: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid")


class SourceConfig(Strict):
    """One export to ingest."""

    name: str = Field(description="A label for this source, used in ingest_runs.")
    path: Path = Field(description="Export file, folder or zip.")
    format: str = Field("auto", description="Reader name such as slack_export.v1, or auto.")
    options: dict[str, Any] = Field(default_factory=dict, description="Reader options.")


class ArchiveLimits(Strict):
    """Limits for reading zip archives (zip-bomb protection)."""

    max_members: int = Field(200_000, gt=0)
    max_total_bytes: int = Field(20 * 1024**3, gt=0)
    max_ratio: float = Field(200.0, gt=1)


class PrivacyConfig(Strict):
    """What personal data may be loaded and shown. Defaults are the strict ones."""

    include_private_channels: bool = False
    include_direct_messages: bool = False
    include_group_chats: bool = False
    store_display_names: bool = False
    store_emails: bool = False
    pseudonym_key: str | None = Field(None, description="Prefer the environment variable.")
    pseudonym_key_env: str = "KENNISMAKER_PSEUDONYM_KEY"
    min_group_size: int = Field(5, ge=2, description="k: no group figure for fewer authors.")
    person_level_output: bool = False
    show_display_names: bool = False
    opt_out: list[str] = Field(default_factory=list, description="User ids or e-mails.")
    mask_contacts: bool = Field(True, description="Mask e-mail addresses, phone numbers, IBANs, BSNs and postcodes in exported text.")
    phone_region: str = Field("NL", pattern="^[A-Z]{2}$", description="Region (ISO 3166 alpha-2) of phone numbers written without a country code.")


class RetentionDays(Strict):
    """How many days each kind of artefact is kept before the nightly purge removes it (None: for ever)."""

    staging: int | None = Field(2, ge=0, description="Work folders of killed runs, stray staging files and the raw_messages staging rows.")
    quarantine: int | None = Field(30, ge=0, description="Quarantined records (the quarantine table).")
    run_folders: int | None = Field(90, ge=0, description="Export run folders output_dir/run_date=...; the newest is always kept.")
    models: int | None = Field(180, ge=0, description="Topic model versions in model_dir/topics other than the current one.")


class IngestConfig(Strict):
    """Ingest behaviour."""

    batch_size: int = Field(10_000, gt=0)
    skip_unchanged: bool = Field(
        True, description="Skip an export whose files all have the size, mtime or content hash recorded at its last ingest.")
    archive: ArchiveLimits = Field(default_factory=ArchiveLimits)


class DatabaseConfig(Strict):
    """DuckDB's own resource limits for every connection the pipeline opens (DuckDB spills to disk beyond them)."""

    memory_limit: str | None = Field(
        "4GB", pattern=r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        description="DuckDB memory_limit such as 4GB or 2048MiB; None leaves DuckDB's default (80% of RAM).")
    threads: int | None = Field(None, gt=0, description="DuckDB worker threads (default: all cores).")

    def settings(self) -> dict[str, str | int]:
        """The DuckDB settings to apply (only the ones that are set)."""
        return {k: v for k, v in (("memory_limit", self.memory_limit), ("threads", self.threads)) if v is not None}
