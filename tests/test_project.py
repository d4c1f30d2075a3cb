"""Whole-project checks: every CLI command works with --help and is documented in the README,
every flow and registered reader loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kennismaker.pipelines.app import app

ROOT = Path(__file__).resolve().parent.parent


def command_paths(group=None, prefix=()) -> list[tuple[str, ...]]:
    """Every leaf command of the CLI as a tuple of words, e.g. ('curate', 'import')."""
    group = group or get_command(app)
    out = []
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            out.extend(command_paths(cmd, prefix + (name,)))
        else:
            out.append(prefix + (name,))
    return out


@pytest.mark.parametrize("words", command_paths(), ids=" ".join)
def test_every_command_has_help(words):
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("words", command_paths(), ids=" ".join)
def test_every_command_is_in_the_readme(words):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kennismaker " + " ".join(words) in readme


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    block = lines[lines.index("```bash") + 1 : lines.index("```")]
    assert [line.split("#")[0].strip() for line in block] == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_flow_loads():
    from kennismaker.pipelines.flows import all_flows

    assert set(all_flows()) == {"extract", "classify", "topics", "export", "purge", "nightly"}


def test_every_registered_reader_resolves():
    from kennismaker.extract.readers import get_reader, reader_names

    for name in reader_names():
        reader = get_reader(name)
        assert reader.name == name and callable(reader.sniff) and callable(reader.read)


@pytest.mark.slow
def test_a_normal_install_finds_its_demo_config_and_writes_into_the_working_folder(tmp_path):
    """`pip install .` (not editable): the default config ships in the wheel and its paths land in ./ ."""
    import os
    import subprocess
    import sys

    import shutil

    target, work, source = tmp_path / "site", tmp_path / "work", tmp_path / "source"
    work.mkdir()
    # built from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout
    skipped_at_top = {".git", ".venv", ".prefect", "build", "data", "out", "tests", ".pytest_cache"}

    def ignored(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == ROOT
        return {n for n in names if (top and n in skipped_at_top) or n == "__pycache__" or n.endswith(".egg-info")
                or (Path(folder) == ROOT / "demo" and n == "data") or (Path(folder) == ROOT / "bench" and n == "results")}

    shutil.copytree(ROOT, source, ignore=ignored)
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                          "--target", str(target), str(source)], capture_output=True, text=True)
    if pip.returncode != 0 and "setuptools" in pip.stderr:
        pytest.skip("setuptools is not installed in this environment, so the wheel cannot be built offline")
    assert pip.returncode == 0, pip.stderr
    # one namespace in site-packages: nothing named extract/, classify/, pipelines/ ... at the top level
    top = {p.name for p in target.iterdir() if not p.name.endswith(".dist-info") and p.name != "bin"}
    assert top == {"kennismaker"}, f"the wheel installs more than the kennismaker package at the top level: {sorted(top)}"
    installed = target / "kennismaker"
    for folder in ("extract", "classify", "topics", "exports", "pipelines", "demo", "configs", "sql", "lexicons"):
        assert (installed / folder).is_dir(), f"the wheel lacks kennismaker/{folder}"
    assert not (installed / "bench").exists() and not (installed / "tests").exists()
    assert (installed / "configs" / "demo.yaml").is_file() and list((installed / "sql").glob("*.sql"))
    probe = ("from kennismaker.pipelines.config import load_config, installed_not_checked_out\n"
             "cfg = load_config()\n"
             "print(installed_not_checked_out(), cfg.database, cfg.sources[0].path, cfg.output_dir)\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", str(work / "data" / "demo.duckdb"), str(work / "demo" / "data" / "slack"), str(work / "out")]


def test_every_package_folder_installs_under_the_kennismaker_namespace():
    """pyproject's explicit package list names every folder with an ``__init__.py`` under the mapped
    folders, and every listed package exists, so a new sub-package cannot silently miss the wheel."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10 (the project supports it): Prefect's own dependency reads TOML too
        import toml as tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed, mapping = set(setuptools["packages"]), setuptools["package-dir"]

    def folder_of(name: str) -> Path:
        for prefix in sorted(mapping, key=len, reverse=True):
            if name == prefix or name.startswith(prefix + "."):
                rest = name[len(prefix):].lstrip(".")
                return ROOT / mapping[prefix] / Path(*rest.split(".")) if rest else ROOT / mapping[prefix]
        raise AssertionError(f"{name} is not under any folder in [tool.setuptools.package-dir]")

    for name in listed:
        assert folder_of(name).is_dir(), f"pyproject lists {name}, but {folder_of(name)} does not exist"
    found = set()
    for prefix, folder in mapping.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join((prefix, *rel.parts)))
    missing = sorted(found - listed)
    assert not missing, f"add {', '.join(missing)} to [tool.setuptools] packages in pyproject.toml"
