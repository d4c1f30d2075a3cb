"""A failing command ends with one sentence on stderr and a non-zero exit; the traceback only under --debug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kennismaker.cli_common import failure_sentence, friendly_errors
from kennismaker.errors import NotAnExportError

ROOT = Path(__file__).resolve().parents[2]


def kennismaker(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m kennismaker ARGS`` in a child process with its own Prefect home (ephemeral server)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "KENNISMAKER_DEBUG"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), KENNISMAKER_PSEUDONYM_KEY="test-secret", HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "kennismaker", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def missing_export_config(tmp_path: Path) -> Path:
    missing = tmp_path / "no-such-export"
    config = {"database": str(tmp_path / "k.duckdb"), "output_dir": str(tmp_path / "out"), "model_dir": str(tmp_path / "models"),
              "classify": {"embedder": {"name": "hashing"}},
              "sources": [{"name": "gone", "path": str(missing), "format": "slack_export.v1"}]}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_a_missing_export_ends_the_nightly_run_in_one_sentence(tmp_path):
    done = kennismaker(tmp_path, "run", "--config", str(missing_export_config(tmp_path)))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [f"error: {tmp_path / 'no-such-export'} does not exist; check the path of the export."]
    assert (tmp_path / "k.duckdb").exists()  # the run was recorded; nothing else was touched


def test_debug_shows_the_traceback(tmp_path):
    done = kennismaker(tmp_path, "--debug", "ingest", str(tmp_path / "nothing"), "--db", str(tmp_path / "k.duckdb"))
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr and "kennismaker.errors.UnknownFormatError" in done.stderr
    assert "nanobind" not in done.stderr


def test_an_unexpected_error_is_one_sentence_with_status_1(capsys):
    @friendly_errors
    def broken() -> None:
        raise ZeroDivisionError("division by zero\nsecond line")

    with pytest.raises(SystemExit) as stop:
        broken()
    assert stop.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: unexpected ZeroDivisionError: division by zero; rerun with `kennismaker --debug ...` to see the traceback."]


def test_user_errors_keep_their_own_sentence_and_status_2():
    assert failure_sentence(NotAnExportError("x does not exist; check the path of the export.")) == (
        "x does not exist; check the path of the export.", 2)


def test_a_stage_that_leaves_a_bad_table_fails_in_one_sentence_and_is_recorded(tmp_path):
    import duckdb

    from kennismaker.errors import TableCheckError
    from kennismaker.store import open_store
    from kennismaker.pipelines.config import config_from_dict
    from kennismaker.pipelines.flows import _stage
    from kennismaker.pipelines.tasks import ConfigRef

    cfg = config_from_dict({"database": str(tmp_path / "k.duckdb")}, tmp_path)

    def classify_writing_a_bad_status() -> dict:
        with open_store(cfg.database) as con:
            con.execute("INSERT INTO question_status (question_id, status) VALUES ('q1', 'beantwoord')")
        return {}

    with pytest.raises(TableCheckError, match=r"after the classify stage failed \(question_status.status: 1 values outside"):
        _stage("classify", "run-1", ConfigRef.of(cfg), classify_writing_a_bad_status)
    con = duckdb.connect(str(cfg.database), read_only=True)
    assert con.execute("SELECT stage, status FROM pipeline_runs").fetchall() == [("classify", "failed")]
    con.close()
