"""Pieces every CLI command shares: the common options and the one-sentence error handling."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from rich.console import Console

from kennismaker.config import Config, load_config, with_overrides
from kennismaker.errors import KennismakerError

console = Console(stderr=False)
err_console = Console(stderr=True)

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="YAML config file (default: configs/demo.yaml).")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB database file; overrides the config's `database`.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", help="Export folder; overrides the config's `output_dir`.")]


def resolved_config(config: Path | None, db: Path | None = None, out: Path | None = None) -> Config:
    """The validated config with command-line overrides applied."""
    return with_overrides(load_config(config), db=db, out=out)


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a ``KennismakerError`` into its one sentence on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KennismakerError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            sys.exit(2)

    return wrapper
