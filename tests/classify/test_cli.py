"""The classify CLI commands: help texts and the evaluation report."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from kennismaker.classify.evaluate import evaluation, evaluation_report
from kennismaker.pipelines.app import app

from .conftest import corpus_rows

runner = CliRunner()


def test_every_command_has_help():
    for command in ("classify", "eval", "train"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--config" in result.output


def test_evaluation_report_holds_the_metrics():
    rows = [{"label": "question", "lang": "nl"}, {"label": "social", "lang": "en"}, {"label": "other", "lang": "en"}]
    text = evaluation_report(evaluation(rows, ["question", "other", "other"]))
    for word in ("precision", "recall", "f1", "macro-F1", "confusion", "== nl", "== en"):
        assert word in text


def test_eval_and_train_commands_on_the_tiny_corpus(tiny_corpus, tmp_path):
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(yaml.safe_dump({"model_dir": str(tmp_path / "models"), "database": str(tmp_path / "db.duckdb"),
                                   "classify": {"embedder": {"name": "fake.v1"}}}))
    labels = tmp_path / "fix.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in corpus_rows()[:6]))
    evaluated = runner.invoke(app, ["eval", "--config", str(cfg), "--labels", str(labels)])
    assert evaluated.exit_code == 0, evaluated.output
    assert "macro-F1" in evaluated.output and "confusion" in evaluated.output
    trained = runner.invoke(app, ["train", "--config", str(cfg), "--labels", str(labels)])
    assert trained.exit_code == 0, trained.output
    assert (tmp_path / "models" / "classify" / "extra_labels.jsonl").is_file()


def test_bad_labels_file_is_one_sentence(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hoi", "label": "groet"}\n')
    result = runner.invoke(app, ["eval", "--labels", str(bad), "--embedder", "fake.v1"])
    assert result.exit_code == 2
