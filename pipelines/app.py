"""The ``kennismaker`` command line (the top layer, with the combined config in ``kennismaker.pipelines.config``).

Each package registers its own commands here; ``python -m kennismaker`` and the ``kennismaker`` script
both run :func:`main`.
"""

from __future__ import annotations

import os
import sys

# Before Prefect is imported: no telemetry, and time for the first start of the ephemeral server
# (it creates its SQLite database; on a busy 2-core machine that took more than the default 20 s).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import warnings  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from kennismaker.classify import cli as classify_cli  # noqa: E402
from kennismaker.demo import cli as demo_cli  # noqa: E402
from kennismaker.exports import cli as exports_cli  # noqa: E402
from kennismaker.extract import cli as extract_cli  # noqa: E402
from kennismaker.pipelines import cli as pipelines_cli  # noqa: E402
from kennismaker.topics import cli as topics_cli  # noqa: E402

app = typer.Typer(
    name="kennismaker",
    help="Mine intranet conversation exports for questions, answers and tacit knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from kennismaker.cli_common import DEBUG_ENV, debugging  # noqa: E402


@app.callback()
def options(debug: Annotated[bool, typer.Option("--debug", help="Show the traceback when a command fails.")] = False) -> None:
    """Mine intranet conversation exports for questions, answers and tacit knowledge."""
    if debug:
        os.environ[DEBUG_ENV] = "1"


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=file or sys.stderr)


for module in (extract_cli, classify_cli, topics_cli, exports_cli, pipelines_cli, demo_cli):
    module.register(app)


def main() -> None:
    """Entry point of the ``kennismaker`` script: warnings are one line each unless debugging."""
    if not debugging():
        warnings.showwarning = _one_line_warning
    app()


if __name__ == "__main__":
    main()
