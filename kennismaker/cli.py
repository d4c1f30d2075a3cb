"""The ``kennismaker`` command line. Each package registers its own commands here."""

from __future__ import annotations

import typer

import classify.cli
import demo.cli
import exports.cli
import extract.cli
import pipelines.cli
import topics.cli

app = typer.Typer(
    name="kennismaker",
    help="Mine intranet conversation exports for questions, answers and tacit knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (extract.cli, classify.cli, topics.cli, exports.cli, pipelines.cli, demo.cli):
    module.register(app)


def main() -> None:
    """Entry point of the ``kennismaker`` script."""
    app()
