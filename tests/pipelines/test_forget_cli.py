"""`kennismaker forget` and `kennismaker purge` on the command line."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from kennismaker.pipelines.app import app
from kennismaker.store import open_store

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


def config(tmp_path) -> str:
    """A config whose database, exports and models are all under ``tmp_path``."""
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"demo_mode": True, "database": "k.duckdb", "output_dir": "out", "model_dir": "models"}))
    return str(path)


def test_forget_asks_first_and_names_an_unknown_person_in_one_sentence(tmp_path):
    db = tmp_path / "k.duckdb"
    with open_store(db):
        pass
    args = ["forget", "slack:U404", "--config", config(tmp_path)]
    asked = CliRunner().invoke(app, args, input="n\n")
    assert asked.exit_code == 1 and "cannot be undone" in asked.output and "Aborted" in asked.output
    assert "unexpected" not in asked.output and not (tmp_path / "erasure-receipts").exists()
    unknown = CliRunner().invoke(app, [*args, "--yes"])
    assert unknown.exit_code == 2
    assert "Nobody with the id or e-mail address 'slack:U404' is in the store" in unknown.output


def test_purge_reports_what_it_removed(tmp_path):
    (tmp_path / "out" / "run_date=2020-01-01").mkdir(parents=True)
    (tmp_path / "out" / "run_date=2020-01-02").mkdir()
    done = CliRunner().invoke(app, ["purge", "--config", config(tmp_path)])
    assert done.exit_code == 0, done.output
    assert "run_folders 1" in done.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["run_date=2020-01-02"]
