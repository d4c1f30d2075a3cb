"""CLI commands of classify/ (registered by kennismaker/cli.py)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
