"""Training rows from our own post labels on the IRC disentanglement logs (Kummerfeld et al., CC BY 4.0).

``classify/data/irc_labels.csv`` holds, per annotated message, only where it is and what it is:
``file`` (log stem under the dataset folder, e.g. ``dev/2004-11-15_03``), ``line`` (message index in
``{file}.ascii.txt``), ``label`` (question / answer / link_share / social / other) and ``split``
(``train``, or ``heldout`` for whole files kept out of training to measure the head on). The labels are
ours, read off whole stretches of the logs with the definitions in docs/classification.md; the text is
never stored here: ``irc_label_rows`` joins the labels with the logs when the dataset folder is present.

A reply's parent is its earliest gold reply link (``{file}.annotation.txt``), else none; the author is
the asker when the conversation the gold links lead back to was opened by the same nick.

The held-out files are scored through the whole pipeline after ``bench/irc_dataset.py`` writes
them in the shared dataset shape (a research harness, not installed):

    python -m bench.irc_dataset --data ../shared/datasets/irc-disentanglement --out /tmp/irc-heldout
    kennismaker eval --dataset /tmp/irc-heldout --split test     # the held-out files, whole pipeline
"""

from __future__ import annotations

import csv
from pathlib import Path

from kennismaker.classify.irc import gold_parents, log_lines
from kennismaker.errors import KennismakerError
from kennismaker.schema import LABELS

IRC_LABELS = Path(__file__).resolve().parent / "data" / "irc_labels.csv"
SPLITS = ("train", "heldout")


def irc_labels(path: Path = IRC_LABELS) -> list[dict]:
    """The label rows of ``path`` (``file``, ``line`` as int, ``label``, ``split``), checked."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [{**r, "line": int(r["line"])} for r in csv.DictReader(handle)]
    bad = [r for r in rows if r["label"] not in LABELS or r["split"] not in SPLITS]
    if bad:
        raise KennismakerError(f"{path}: row {bad[0]} has an unknown label or split; use one of {LABELS} and {SPLITS}.")
    return rows


def is_irc_folder(folder: Path) -> bool:
    """Whether ``folder`` looks like the IRC disentanglement dataset (logs with ``.annotation.txt`` files)."""
    return any(Path(folder).glob("*/*.annotation.txt"))


def _root(line: int, parents: dict[int, set[int]]) -> int:
    seen = {line}
    while (earlier := sorted(p for p in parents.get(line, ()) if p < line)) and earlier[0] not in seen:
        line = earlier[0]
        seen.add(line)
    return line


def _file_rows(folder: Path, name: str, labels: list[dict]) -> list[dict]:
    log = folder / f"{name}.ascii.txt"
    if not log.is_file():
        raise KennismakerError(f"{log} does not exist; point at the irc-disentanglement folder that holds {name}.ascii.txt.")
    lines = log_lines(log)
    parents = gold_parents(folder / f"{name}.annotation.txt")
    rows = []
    for r in labels:
        line = lines[r["line"]]
        earlier = sorted(p for p in parents.get(r["line"], ()) if p < r["line"])
        parent = lines[earlier[0]] if earlier else None
        rows.append({
            "id": f"irc:{name}:{r['line']}", "dataset": folder.name, "lang": "en", "text": line.text, "label": r["label"],
            "also": [], "parent": parent.text if parent else None, "is_reply": parent is not None,
            "author_is_asker": parent is not None and lines[_root(r["line"], parents)].nick == line.nick,
        })
    return rows


def irc_label_rows(folder: Path, split: str = "train", path: Path = IRC_LABELS) -> list[dict]:
    """Corpus-shaped rows (``classify.corpus``) of the labelled IRC messages of ``split``, text from ``folder``."""
    by_file: dict[str, list[dict]] = {}
    for r in irc_labels(path):
        if r["split"] == split:
            by_file.setdefault(r["file"], []).append(r)
    return [row for name, labels in sorted(by_file.items()) for row in _file_rows(Path(folder), name, labels)]
