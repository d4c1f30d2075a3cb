"""Pieces every CLI command shares: the common options and the one-sentence error handling.

A command that fails ends with one sentence on stderr and a non-zero exit status: 2 for an
error the user can act on (``KennismakerError``), 1 for anything unexpected. The traceback is
shown only under ``kennismaker --debug`` (or ``KENNISMAKER_DEBUG=1``).
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from typer.exceptions import TyperException
from rich.console import Console

from kennismaker.errors import KennismakerError

console = Console(stderr=False)
err_console = Console(stderr=True)

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="YAML config file (default: configs/demo.yaml).")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB database file; overrides the config's `database`.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", help="Export folder; overrides the config's `output_dir`.")]


DEBUG_ENV = "KENNISMAKER_DEBUG"


def debugging() -> bool:
    """Whether tracebacks are shown (``kennismaker --debug`` sets the environment variable)."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0", "false")


def failure_sentence(exc: BaseException) -> tuple[str, int]:
    """The one sentence a failed command ends with, and its exit status."""
    if isinstance(exc, KennismakerError):
        return str(exc), 2
    first_line = (str(exc).splitlines() or [""])[0]
    return f"unexpected {type(exc).__name__}: {first_line}; rerun with `kennismaker --debug ...` to see the traceback.", 1


def frames_released(exc: BaseException | None) -> None:
    """Clear the frames of ``exc``'s tracebacks (and its causes'), so the objects they hold are freed."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
        exc.__traceback__ = None
        exc = exc.__cause__ or exc.__context__


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a failure into its one sentence on stderr and a non-zero exit status (the traceback under --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Abort, typer.Exit, TyperException):
            raise  # the command line's own answers (an unconfirmed prompt, a usage error)
        except Exception as exc:
            if debugging():
                raise
            message, status = failure_sentence(exc)
            frames_released(exc)
        # Outside the except block: the traceback (and the store connections its frames hold) is
        # released before exit, so DuckDB's bindings report no leaked objects at shutdown.
        gc.collect()
        err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
        sys.exit(status)

    return wrapper
