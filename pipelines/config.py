"""The combined configuration (the top layer): every stage's section in one ``Config``, read and
validated once at the edge.

``load_config(path)`` reads a YAML file and returns a ``Config``; the CLI and the flows pass that one
object down, and everything below receives plain typed objects. Relative paths are resolved against
the folder of the config file. A bad config raises ``ConfigError`` with one sentence naming the key;
every configured plugin name (reader, embedder, head, reply scorer, topic parts, task runner) is
checked against its registry here, before anything runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kennismaker.classify.config import ClassifyConfig
from kennismaker.exports.config import ExportsConfig, ReportConfig
from kennismaker.config import DatabaseConfig, IngestConfig, PrivacyConfig, RetentionDays, SourceConfig, Strict
from kennismaker.errors import ConfigError
from kennismaker.registry import UnknownName
from kennismaker.topics.config import TopicsConfig


class RunnerConfig(BaseModel):
    """Which Prefect task runner executes mapped tasks."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("default", description="Registered task runner: default.v1 (threads) or dask.v1 (the names without .v1 are aliases).")
    address: str | None = Field(None, description="Dask scheduler address, e.g. tcp://host:8786; None starts a local cluster.")
    dask_workers: int = Field(2, gt=0, description="Workers of the local Dask cluster started when no address is given.")
    partitions: int = Field(4, gt=0, description="How many partitions the classification stage is split into, at least "
                                                  "(more when one would pass classify.partition_rows messages).")
    retries: int = Field(2, ge=0)
    retry_delay_seconds: float = Field(10.0, ge=0)

    @field_validator("name")
    @classmethod
    def _registered(cls, value: str) -> str:
        from kennismaker.pipelines.runners import TASK_RUNNERS

        return TASK_RUNNERS.checked(value)


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

    @field_validator("sources")
    @classmethod
    def _registered_formats(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        from kennismaker.extract.readers import READERS

        for i, src in enumerate(sources):
            READERS.checked(src.format, extra=("auto",), key=f"sources[{i}].format")
        return sources

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
    unknown = (err.get("ctx") or {}).get("error")
    if isinstance(unknown, UnknownName):  # a registry's own sentence: "unknown embedder 'x'; known: ..."
        return ConfigError(f"{path}: {unknown} (key '{unknown.key or key}'); check the spelling against configs/example.yaml.")
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
    return _resolve(cfg, base)


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


def resolved_config(config: Path | None, db: Path | None = None, out: Path | None = None) -> Config:
    """The validated config of a command: ``--config`` (else the demo config) with ``--db`` / ``--out`` applied."""
    return with_overrides(load_config(config), db=db, out=out)
