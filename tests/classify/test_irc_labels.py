"""Our post labels on the IRC logs: the committed file, joining it with a log, and the dataset export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kennismaker.classify.head import IRC_WEIGHT, row_weights, training_rows
from kennismaker.classify.irc import log_lines
from bench.irc_dataset import irc_dataset
from kennismaker.classify.irc_labels import IRC_LABELS, irc_label_rows, irc_labels, is_irc_folder
from kennismaker.errors import KennismakerError

LOG = """[10:00] <ann> hi all
=== bob has joined #chan
[10:01] <ann> does anyone know how to mount an nfs share?
[10:02] <bob> ann: sudo mount -t nfs host:/path /mnt
[10:02] <ann> bob: thanks!
[10:03] <carl> https://example.org/nfs-guide
"""
# the later message responds to the earlier one; a self-link starts a conversation
LINKS = "0 0 -\n1 1 -\n2 2 -\n2 3 -\n3 4 -\n5 5 -\n"


@pytest.fixture
def irc_folder(tmp_path: Path) -> Path:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "a.ascii.txt").write_text(LOG, encoding="utf-8")
    (tmp_path / "dev" / "a.annotation.txt").write_text(LINKS, encoding="utf-8")
    return tmp_path


def _labels(path: Path, rows: list[tuple]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("file", "line", "label", "split"), *rows])
    return path


def test_the_committed_labels_hold_no_text_and_keep_held_out_files_apart():
    rows = irc_labels()
    header = IRC_LABELS.read_text(encoding="utf-8").splitlines()[0]
    assert header == "file,line,label,split"
    assert len(rows) >= 1500
    assert len({(r["file"], r["line"]) for r in rows}) == len(rows)
    train = {r["file"] for r in rows if r["split"] == "train"}
    held_out = {r["file"] for r in rows if r["split"] == "heldout"}
    assert train and held_out and not train & held_out
    assert {r["label"] for r in rows} == {"question", "answer", "link_share", "social", "other"}


def test_rows_join_labels_with_the_log_and_its_reply_links(irc_folder, tmp_path):
    labels = _labels(tmp_path / "l.csv", [("dev/a", 2, "question", "train"), ("dev/a", 3, "answer", "train"),
                                          ("dev/a", 4, "social", "train"), ("dev/a", 5, "link_share", "heldout")])
    rows = {r["id"]: r for r in irc_label_rows(irc_folder, "train", labels)}
    assert set(rows) == {"irc:dev/a:2", "irc:dev/a:3", "irc:dev/a:4"}
    question, answer, thanks = rows["irc:dev/a:2"], rows["irc:dev/a:3"], rows["irc:dev/a:4"]
    assert question["text"] == "does anyone know how to mount an nfs share?" and not question["is_reply"]
    assert answer["parent"] == question["text"] and answer["is_reply"] and not answer["author_is_asker"]
    assert thanks["label"] == "social" and thanks["author_is_asker"]  # ann opened the conversation
    assert [r["id"] for r in irc_label_rows(irc_folder, "heldout", labels)] == ["irc:dev/a:5"]


def test_an_unknown_label_or_a_missing_log_is_one_sentence(irc_folder, tmp_path):
    with pytest.raises(KennismakerError, match="unknown label"):
        irc_labels(_labels(tmp_path / "bad.csv", [("dev/a", 2, "questions", "train")]))
    with pytest.raises(KennismakerError, match="does not exist"):
        irc_label_rows(irc_folder, "train", _labels(tmp_path / "gone.csv", [("dev/b", 2, "question", "train")]))


def test_the_dataset_export_scores_with_the_shared_gold_shape(irc_folder, tmp_path):
    labels = _labels(tmp_path / "l.csv", [("dev/a", 2, "question", "heldout"), ("dev/a", 3, "answer", "heldout")])
    out = tmp_path / "out"
    assert irc_dataset(irc_folder, out, "heldout", context=2, path=labels) == 3  # lines 0, 2, 3: line 1 is a system line
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    messages = [json.loads(line) for line in (out / "messages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["label"] for g in gold] == [None, "question", "answer"]  # context lines come along unlabelled
    assert gold[2]["answer_to"] == ["dev/a:2"] and gold[2]["responds_to"] == ["dev/a:2"] and {g["split"] for g in gold} == {"test"}
    assert messages[0]["author"] == "ann" and "reply_to_id" not in messages[0]


def test_training_reads_the_irc_folder_with_more_weight(irc_folder, tmp_path, monkeypatch):
    labels = _labels(tmp_path / "l.csv", [("dev/a", 2, "question", "train")])
    monkeypatch.setattr("kennismaker.classify.head.irc_label_rows", lambda folder, split: irc_label_rows(folder, split, labels))
    assert is_irc_folder(irc_folder) and not is_irc_folder(tmp_path / "dev")
    rows = [r for r in training_rows(tmp_path / "models", [irc_folder]) if r["id"].startswith("irc:")]
    assert rows and rows[0]["text"].startswith("does anyone know")
    assert set(row_weights(rows)) == {IRC_WEIGHT} and IRC_WEIGHT > 1


def test_every_committed_label_names_a_message_of_the_real_logs(shared_dir):
    folder = shared_dir / "datasets" / "irc-disentanglement"
    if not folder.is_dir():
        pytest.skip("the IRC disentanglement data is not present")
    for name in sorted({r["file"] for r in irc_labels()}):
        lines = log_lines(folder / f"{name}.ascii.txt")
        assert all(not lines[r["line"]].is_system for r in irc_labels() if r["file"] == name), name
    assert len(irc_label_rows(folder, "train")) + len(irc_label_rows(folder, "heldout")) == len(irc_labels())
