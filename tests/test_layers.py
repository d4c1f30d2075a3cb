"""The layering, enforced: the floor (``kennismaker/``) imports no stage, and the stages do not lean on
the top layer (``pipelines/``: the combined config, the flows and the CLI).

Read from the source with ``ast``, so an import inside a function counts too. Allowed upward edges, and
why: ``kennismaker/__main__.py`` is only the ``python -m kennismaker`` entry point; a stage may name the
combined ``Config`` under ``if TYPE_CHECKING:`` (for annotations; nothing is imported at run time); and
each stage's ``cli.py`` (its commands, which the top layer's app registers) reads the config with
``pipelines.config.resolved_config``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "kennismaker"
STAGES = ("extract", "classify", "topics", "exports")
TOP = ("pipelines", "demo", "bench")


def imported_modules(path: Path) -> list[tuple[str, int, bool]]:
    """(module, line, under ``if TYPE_CHECKING``) for every absolute import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            guarded = typing_only or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, typing_only) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, child.lineno, typing_only))
            visit(child, guarded)

    visit(tree, False)
    return found


def package(module: str) -> str:
    """The layer folder a module lives in: ``kennismaker.classify.head`` -> ``classify``, ``kennismaker.store`` ->
    ``kennismaker`` (the floor), ``bench.run`` -> ``bench``."""
    parts = module.split(".")
    if parts[0] == FLOOR and len(parts) > 1 and parts[1] in (*STAGES, *TOP):
        return parts[1]
    return parts[0]


def modules_of(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules_of(FLOOR), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_floor_imports_no_stage_and_not_the_top_layer(path):
    if path.name == "__main__.py":
        pytest.skip("the entry point of `python -m kennismaker` runs the top layer's app; nothing imports it")
    upward = [f"{m} (line {line})" for m, line, _ in imported_modules(path) if package(m) in (*STAGES, *TOP)]
    assert not upward, f"{path.relative_to(ROOT)} is floor and must not import {', '.join(upward)}"


@pytest.mark.parametrize("path", [p for s in STAGES for p in modules_of(s)], ids=lambda p: str(p.relative_to(ROOT)))
def test_a_stage_does_not_import_the_top_layer_at_run_time(path):
    allowed = {"kennismaker.pipelines.config"} if path.name == "cli.py" else set()
    upward = [f"{m} (line {line})" for m, line, typing_only in imported_modules(path)
              if package(m) in TOP and not typing_only and m not in allowed]
    assert not upward, f"{path.relative_to(ROOT)} is a stage and must not import {', '.join(upward)} (only under TYPE_CHECKING)"


def test_the_checker_sees_imports_inside_functions_and_type_checking_blocks(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kennismaker.pipelines.config import Config\n"
                      "def f():\n    import kennismaker.classify.head\n", encoding="utf-8")
    assert imported_modules(source) == [("typing", 1, False), ("kennismaker.pipelines.config", 3, True), ("kennismaker.classify.head", 5, False)]


def test_the_checker_places_modules_in_their_layer():
    assert package("kennismaker.classify.head") == "classify"
    assert package("kennismaker.pipelines.config") == "pipelines"
    assert package("kennismaker.store") == FLOOR
    assert package("bench.run") == "bench"


@pytest.mark.parametrize("path", [p for s in (FLOOR, *STAGES) for p in modules_of(s)], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_research_harness_lives_in_the_library(path):
    # scripts that score or fit on datasets (python -m ... with their own argparse) live in bench/, which is not installed
    source = path.read_text(encoding="utf-8")
    assert '__name__ == "__main__"' not in source and "import argparse" not in source, (
        f"{path.relative_to(ROOT)} is a script: research harnesses belong in bench/ (the kennismaker command is pipelines/app.py)")
