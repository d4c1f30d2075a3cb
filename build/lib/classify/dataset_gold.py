"""Reading a labelled dataset folder (``messages.jsonl`` + ``gold.jsonl``) into one gold shape.

A dataset folder holds generic JSONL messages (what ``generic_jsonl.v1`` reads) and one gold line per
message: ``message_id``, ``dialogue_id``, ``split`` (dev / test), ``label`` (question / answer /
link_share / social / other, or null = unlabelled) and ``answer_to`` (question ids). Two variants are
read into the same shape:

* a gold line with ``answers_id`` (one id or null) instead of ``answer_to`` and no ``split`` (the
  Dutch issue threads: all of it is dev), with ``threads.jsonl`` giving each thread's ``answered``
  flag; ``--flat`` reads ``flat.jsonl`` and takes the gold conversation of each message from
  ``flat.gold.jsonl`` (``conversation_id``);
* comment gold with ``orig_label`` and ``asker_comment`` (SemEval-2015 CQA), where a thread counts as
  answered when at least one comment labelled ``Good`` was not written by the asker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kennismaker.errors import KennismakerError
from kennismaker.schema import LABELS

SPLITS = ("dev", "test", "all")
ANSWERED_FROM_THREADS = "threads.jsonl: answered flag of each thread"
ANSWERED_FROM_GOOD = "derived: at least one comment labelled Good that the asker did not write"


@dataclass(frozen=True)
class GoldMessage:
    """The gold facts of one message."""

    message_id: str
    dialogue_id: str
    split: str
    label: str | None
    answer_to: tuple[str, ...] = ()
    conversation_id: str | None = None
    parents: tuple[str, ...] = ()


@dataclass
class Dataset:
    """The selected part of a dataset: its generic records, their gold and the thread answered flags."""

    name: str
    path: Path
    split: str
    flat: bool
    lang: str
    records: list[dict]
    gold: dict[str, GoldMessage]
    answered: dict[str, bool] = field(default_factory=dict)
    answered_rule: str | None = None

    @property
    def dialogues(self) -> list[str]:
        """Dialogue ids of the selection, in order of first message."""
        return list(dict.fromkeys(self.gold[r["message_id"]].dialogue_id for r in self.records))


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON-lines file; a broken line is one clear error naming the file and line."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KennismakerError(f"{path} line {n} is not valid JSON ({exc.msg}); fix or remove that line.") from None
    return rows


def dataset_files(path: Path, flat: bool) -> tuple[Path, Path, Path | None]:
    """(messages file, gold file, flat conversation gold or None); one sentence when one is missing."""
    path = Path(path)
    if not path.is_dir():
        raise KennismakerError(f"Dataset folder {path} does not exist; pass --dataset with a folder holding messages.jsonl and gold.jsonl.")
    messages = path / ("flat.jsonl" if flat else "messages.jsonl")
    gold = path / "gold.jsonl"
    conversations = path / "flat.gold.jsonl" if flat else None
    for needed in (messages, gold, conversations):
        if needed is not None and not needed.is_file():
            hint = " (--flat needs flat.jsonl and flat.gold.jsonl)" if flat else ""
            raise KennismakerError(f"Dataset folder {path} has no {needed.name}{hint}; it is not a labelled dataset in the shared format.")
    return messages, gold, conversations


def dataset_language(path: Path) -> str:
    """The language of a dataset's texts: ``nl`` for the Dutch sets (name holds ``dutch`` or ``-nl``), else ``en``."""
    name = Path(path).resolve().name.lower()
    return "nl" if "dutch" in name or name.endswith("-nl") or "-nl-" in name else "en"


def _answer_to(row: dict) -> tuple[str, ...]:
    if row.get("answer_to"):
        return tuple(row["answer_to"])
    return (row["answers_id"],) if row.get("answers_id") else ()


def _parents(row: dict, reply_to: str | None) -> tuple[str, ...]:
    """Gold reply parents: ``responds_to`` (ids or ``{"id": ...}`` objects), else the threaded export's reply-to."""
    ids = [p["id"] if isinstance(p, dict) else p for p in row.get("responds_to") or []]
    return tuple(ids) if ids else ((reply_to,) if reply_to else ())


def _label(row: dict, file: Path) -> str | None:
    label = row.get("label")
    if label is not None and label not in LABELS:
        raise KennismakerError(f"{file}: message {row.get('message_id')} has label {label!r}, not one of {', '.join(LABELS)} or null.")
    return label


def gold_messages(records: list[dict], gold_rows: list[dict], conversation_rows: list[dict], gold_file: Path,
                  reply_to: dict[str, str | None] | None = None) -> dict[str, GoldMessage]:
    """Gold per message id of ``records``; the dialogue is the gold ``dialogue_id``, else the gold
    conversation (flat), else the record's thread, else its channel. ``reply_to`` gives the threaded
    reply-to of a flat variant's messages (their gold parents when the gold has no ``responds_to``)."""
    by_id = {r["message_id"]: r for r in gold_rows}
    conv = {r["message_id"]: r["conversation_id"] for r in conversation_rows}
    reply_to = reply_to if reply_to is not None else {r["message_id"]: r.get("reply_to_id") for r in records}
    out = {}
    for rec in records:
        mid = rec["message_id"]
        row = by_id.get(mid)
        if row is None:
            raise KennismakerError(f"{gold_file} has no gold line for message {mid}; the dataset's files do not match.")
        dialogue = row.get("dialogue_id") or conv.get(mid) or rec.get("thread_id") or rec.get("channel") or mid
        out[mid] = GoldMessage(mid, str(dialogue), row.get("split") or "dev", _label(row, gold_file), _answer_to(row), conv.get(mid),
                               _parents(row, reply_to.get(mid)))
    return out


def selected_records(records: list[dict], gold: dict[str, GoldMessage], split: str, limit_dialogues: int | None) -> list[dict]:
    """The records of the dialogues in ``split`` (``all``: every one), at most the first ``limit_dialogues`` of them."""
    if split not in SPLITS:
        raise KennismakerError(f"Split {split!r} is not one of {', '.join(SPLITS)}.")
    chosen = [r for r in records if split == "all" or gold[r["message_id"]].split == split]
    if limit_dialogues is not None:
        keep = set(list(dict.fromkeys(gold[r["message_id"]].dialogue_id for r in chosen))[: max(0, limit_dialogues)])
        chosen = [r for r in chosen if gold[r["message_id"]].dialogue_id in keep]
    return chosen


def answered_threads(path: Path, records: list[dict], gold_rows: list[dict]) -> tuple[dict[str, bool], str | None]:
    """(opening message id -> answered, the rule used) for the threads of ``records``; empty when the dataset has no such facts."""
    ids = {r["message_id"] for r in records}
    threads = Path(path) / "threads.jsonl"
    if threads.is_file():
        return {t["thread_id"]: bool(t["answered"]) for t in read_jsonl(threads) if t["thread_id"] in ids}, ANSWERED_FROM_THREADS
    if not any("asker_comment" in r for r in gold_rows):
        return {}, None
    answered = {r["message_id"]: False for r in gold_rows if r.get("orig_label") == "QUESTION" and r["message_id"] in ids}
    for r in gold_rows:
        if r.get("orig_label") == "Good" and not r.get("asker_comment") and r.get("dialogue_id") in answered:
            answered[r["dialogue_id"]] = True
    return answered, ANSWERED_FROM_GOOD


def load_dataset(path: Path, split: str = "dev", flat: bool = False, limit_dialogues: int | None = None) -> Dataset:
    """The selected part of the dataset in folder ``path``."""
    messages_file, gold_file, conv_file = dataset_files(path, flat)
    records = read_jsonl(messages_file)
    gold_rows = read_jsonl(gold_file)
    threaded = Path(path) / "messages.jsonl"
    reply_to = {r["message_id"]: r.get("reply_to_id") for r in read_jsonl(threaded)} if flat and threaded.is_file() else None
    gold = gold_messages(records, gold_rows, read_jsonl(conv_file) if conv_file else [], gold_file, reply_to)
    chosen = selected_records(records, gold, split, limit_dialogues)
    if not chosen:
        raise KennismakerError(f"Dataset {path} has no message in split {split!r}; choose --split dev, test or all.")
    answered, rule = answered_threads(path, chosen, gold_rows)
    name = Path(path).resolve().name
    return Dataset(name, Path(path), split, flat, dataset_language(path), chosen, {r["message_id"]: gold[r["message_id"]] for r in chosen}, answered, rule)
