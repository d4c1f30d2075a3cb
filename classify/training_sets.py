"""Training rows from real labelled conversations in the generic dataset shape.

A dataset folder holds ``messages.jsonl`` (the generic reader's columns: ``message_id``, ``thread_id``,
``reply_to_id``, ``channel``, ``author``, ``created_at``, ``text``) and ``gold.jsonl`` (``message_id``,
``dialogue_id``, ``split``, ``label``, ``responds_to``). ``dataset_rows`` turns the messages of one split
into corpus-shaped rows (``classify.corpus``): text, label, the parent text a reply responds to, and
whether the author is the one who opened the exchange. Only data whose licence allows training may be
given here (the shipped head uses MRDA, CC BY 4.0; see classify/models/README.md).

In a flat stream (no thread or reply ids, as in a meeting transcript) a message's parent is the first
message its gold ``responds_to`` names, else the latest earlier message by someone else among the
previous ``window`` messages: that is what flat-channel reconstruction most often finds.

``augmented_rows`` adds, for a stable share of the rows, the way people type in chat: questions without
their "?" and text without capitals or final punctuation, so that the head learns what a question is
rather than how one transcriber punctuated.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from kennismaker.errors import KennismakerError
from kennismaker.schema import LABELS

WINDOW = 3
_FINAL_PUNCT = re.compile(r"[.!?]+\s*$")


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise KennismakerError(f"{path} does not exist; point at a dataset folder with messages.jsonl and gold.jsonl.")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def share(key: str, salt: str) -> float:
    """A stable number in [0, 1) per key and purpose (the same key always gets the same number)."""
    return int(hashlib.sha256(f"{salt}:{key}".encode("utf-8")).hexdigest()[:8], 16) / 2**32


def _parent_of(k: int, stream: list[dict], by_id: dict[str, dict], responds: list) -> dict | None:
    m = stream[k]
    explicit = m.get("reply_to_id") or (m.get("thread_id") if m.get("thread_id") not in (None, m["message_id"]) else None)
    if explicit and explicit in by_id:
        return by_id[explicit]
    for r in responds or []:
        rid = r["id"] if isinstance(r, dict) else r
        if rid in by_id:
            return by_id[rid]
    for j in range(k - 1, max(-1, k - 1 - WINDOW), -1):
        if stream[j].get("author") != m.get("author"):
            return stream[j]
    return None


def dataset_rows(folder: Path, split: str = "dev", keep: dict[str, float] | None = None, lang: str = "en") -> list[dict]:
    """Corpus-shaped rows of the messages of ``split`` (gold label set, not null) in ``folder``.

    ``keep`` gives, per label, the share of rows kept (a stable sample; default all).
    """
    folder = Path(folder)
    messages = _jsonl(folder / "messages.jsonl")
    gold = {g["message_id"]: g for g in _jsonl(folder / "gold.jsonl")}
    streams: dict[str, list[dict]] = {}
    for m in messages:
        g = gold.get(m["message_id"], {})
        streams.setdefault(g.get("dialogue_id") or m.get("channel") or "", []).append(m)
    rows = []
    for stream in streams.values():
        by_id = {m["message_id"]: m for m in stream}
        opener = stream[0].get("author")
        for k, m in enumerate(stream):
            g = gold.get(m["message_id"])
            if not g or g.get("split") != split or g.get("label") not in LABELS or not (m.get("text") or "").strip():
                continue
            if share(m["message_id"], "keep") >= (keep or {}).get(g["label"], 1.0):
                continue
            parent = _parent_of(k, stream, by_id, g.get("responds_to"))
            rows.append({
                "id": f"{folder.name}:{m['message_id']}", "dataset": folder.name, "lang": lang, "text": m["text"], "label": g["label"],
                "also": [], "parent": parent["text"] if parent else None, "is_reply": parent is not None,
                "author_is_asker": parent is not None and m.get("author") == opener and k > 0,
            })
    return rows


def chat_typed(text: str) -> str:
    """``text`` as it is often typed in chat: lower case, no final punctuation."""
    return _FINAL_PUNCT.sub("", text.strip()).lower()


def augmented_rows(rows: list[dict], question_share: float = 0.25, typed_share: float = 0.15, min_words: int = 4) -> list[dict]:
    """``rows`` plus stable copies: questions of at least ``min_words`` words without their "?"
    (``question_share`` of them: their wording still shows that they ask; a fragment such as "or not?"
    does not) and any row typed the chat way (``typed_share``; a short question keeps its "?").
    Copies get ids ending in ``~q`` / ``~t``."""
    out = list(rows)
    for r in rows:
        long_enough = len(r["text"].split()) >= min_words
        if r["label"] == "question" and "?" in r["text"] and long_enough and share(r["id"], "noq") < question_share:
            text = r["text"].replace("?", " ").strip()
            if text:
                out.append({**r, "id": r["id"] + "~q", "text": text})
        if share(r["id"], "typed") < typed_share:
            typed = chat_typed(r["text"]) if long_enough or r["label"] != "question" else r["text"].lower()
            if typed and typed != r["text"]:
                out.append({**r, "id": r["id"] + "~t", "text": typed})
    return out
