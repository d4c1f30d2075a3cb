"""Typed configuration, validated once at the edge.

``load_config(path)`` reads a YAML file and returns a ``Config``; everything below the CLI and
the flows receives these plain typed objects. Relative paths are resolved against the folder
of the config file. A bad config raises ``ConfigError`` with one sentence naming the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from classify.config import ClassifyConfig
from exports.config import ExportsConfig, ReportConfig
from kennismaker.errors import ConfigError
from pipelines.config import RunnerConfig
from topics.config import TopicsConfig


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


class Config(Strict):
    """The whole configuration."""

    demo_mode: bool = False
    database: Path = Path("kennismaker.duckdb")
    duckdb: DatabaseConfig = Field(default_factory=DatabaseConfig)
    output_dir: Path = Path("out")
    model_dir: Path = Field(Path("models"), description="Fitted topic models and heads.")
    sources: list[SourceConfig] = Field(default_factory=list)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    classify: ClassifyConfig = Field(default_factory=ClassifyConfig)
    topics: TopicsConfig = Field(default_factory=TopicsConfig)
    exports: ExportsConfig = Field(default_factory=ExportsConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    runner: RunnerConfig = Field(default_factory=RunnerConfig)
    retention_days: RetentionDays = Field(default_factory=RetentionDays)
    timezone: str = Field("Europe/Amsterdam", description="IANA time zone whose Monday-to-Sunday weeks trends and health figures count in.")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not an IANA time zone such as Europe/Amsterdam or UTC") from None
        return value


DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "configs" / "demo.yaml"


def installed_not_checked_out() -> bool:
    """True when kennismaker runs from an installed wheel rather than from a checkout of the repository."""
    return not (DEFAULT_CONFIG.parent.parent / "pyproject.toml").is_file()


def default_config_base() -> Path:
    """Where the default demo config's relative paths resolve: its own folder in a checkout; in an
    installed wheel (where that folder is inside site-packages) ``./configs`` of the working folder, so
    `kennismaker demo` then `kennismaker run` write ./demo/data, ./data and ./out wherever they are run."""
    return Path.cwd() / "configs" if installed_not_checked_out() else DEFAULT_CONFIG.parent


def _key_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def _first_error(exc: ValidationError, path: Path) -> ConfigError:
    err = exc.errors()[0]
    key = _key_path(err["loc"])
    if err["type"] == "extra_forbidden":
        return ConfigError(f"{path}: unknown key '{key}'; check its spelling against configs/example.yaml.")
    return ConfigError(f"{path}: key '{key}' is invalid: {err['msg']} (got {err.get('input')!r}).")


def _resolve(cfg: Config, base: Path) -> Config:
    def rel(p: Path) -> Path:
        return p if p.is_absolute() else (base / p).resolve()

    cfg.database = rel(cfg.database)
    cfg.output_dir = rel(cfg.output_dir)
    cfg.model_dir = rel(cfg.model_dir)
    for src in cfg.sources:
        src.path = rel(src.path)
    return cfg


def config_from_dict(data: dict[str, Any], base: Path, origin: Path | None = None) -> Config:
    """A validated ``Config`` from a mapping; relative paths resolve against ``base``."""
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, origin or base) from None
    check_registered_names(cfg, origin or base)
    return _resolve(cfg, base)


def registered_names(cfg: Config) -> list[tuple[str, str, list[str]]]:
    """(setting, configured name, registered names) for every setting of ``cfg`` that names a plugin."""
    from classify.embedders import EMBEDDERS
    from classify.flat import SCORERS
    from classify.head import HEADS
    from extract.readers import ALIASES, reader_names
    from topics.parts import PARTS

    readers = ["auto", *reader_names(), *ALIASES]
    named = [(f"sources[{i}].format", src.format, readers) for i, src in enumerate(cfg.sources)]
    named += [("classify.embedder.name", cfg.classify.embedder.name, sorted(EMBEDDERS)),
              ("classify.head.name", cfg.classify.head.name, list(HEADS)),
              ("classify.linking.scorer", cfg.classify.linking.scorer, list(SCORERS))]
    named += [(f"topics.{kind}.name", getattr(cfg.topics, kind).name, sorted(PARTS[kind])) for kind in PARTS]
    return named


def check_registered_names(cfg: Config, origin: Path) -> None:
    """Raise one ``ConfigError`` sentence for the first setting that names no registered plugin."""
    for setting, name, known in registered_names(cfg):
        if name not in known:
            raise ConfigError(f"{origin}: unknown {setting} '{name}'; use one of: {', '.join(known)}.")


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate a YAML config file (the demo config when ``path`` is None)."""
    path = Path(path) if path else DEFAULT_CONFIG
    if not path.is_file():
        raise ConfigError(f"Config file {path} does not exist; pass --config with a YAML file such as configs/demo.yaml.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid YAML ({str(exc).splitlines()[0]}); fix the file and try again.") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping of keys at the top level.")
    base = default_config_base() if path == DEFAULT_CONFIG else path.resolve().parent
    return config_from_dict(data, base, origin=path)


def with_overrides(cfg: Config, db: Path | None = None, out: Path | None = None) -> Config:
    """The config with ``--db`` / ``--out`` command-line overrides applied."""
    update: dict[str, Path] = {}
    if db is not None:
        update["database"] = Path(db).resolve()
    if out is not None:
        update["output_dir"] = Path(out).resolve()
    return cfg.model_copy(update=update)
