"""CLI command ``kennismaker demo``: write the fictional organisation's exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kennismaker.cli_common import console, friendly_errors


@friendly_errors
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the demo exports into.")] = Path("demo/data"),
    messages: Annotated[int, typer.Option("--messages", help="Roughly how many messages to write.")] = 3000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed gives identical files.")] = 42,
) -> None:
    """Generate the deterministic demo exports (Slack, Teams, Viva Engage) and their truth files."""
    from kennismaker.demo.generate import generate_demo

    counts = generate_demo(out, messages=messages, seed=seed)
    console.print(f"demo exports written to {out}: {counts}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("demo")(demo)
