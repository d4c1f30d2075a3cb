"""Fixtures of the classify tests: a fake embedder registered by name, a tiny corpus, a tiny store."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pytest

from kennismaker.classify import corpus as corpus_mod
from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.embedders import register_embedder
from kennismaker.schema import MESSAGES
from kennismaker.store import open_store, upsert_arrow

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class FakeEmbedder:
    """Deterministic bag-of-character-trigram vectors; counts its encode calls and texts."""

    dim = 32
    calls: list[list[str]] = []

    def __init__(self, cfg: EmbedderConfig):
        self.model_id = f"fake:{cfg.max_tokens}"

    def encode(self, texts: list[str]) -> np.ndarray:
        FakeEmbedder.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            t = t.lower()
            for j in range(max(1, len(t) - 2)):
                out[i, int(hashlib.md5(t[j : j + 3].encode()).hexdigest(), 16) % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


class FakeFactory:
    def __call__(self, cfg):
        return FakeEmbedder(cfg)

    def model_id(self, cfg):
        return f"fake:{cfg.max_tokens}"


register_embedder("fake.v1", FakeFactory())

QUESTIONS = [
    ("nl", "Heeft iemand de inlog voor het declaratieportaal?"), ("nl", "weet iemand hoe ik verlof registreer"),
    ("nl", "Waar vind ik de huisstijl templates?"), ("nl", "Kan iemand mij helpen met de VPN"),
    ("en", "does anyone know the wifi password"), ("en", "How do I book a meeting room?"),
    ("en", "anyone know where the printer manual is"), ("en", "Is there a way to export my calendar?"),
]
ANSWERS = [
    ("nl", "Die moet je aanvragen via de servicedesk, daarna krijg je toegang."), ("nl", "Eerst naar Mijn gegevens, daarna Verlof."),
    ("nl", "Staat op het intranet onder Communicatie > Huisstijl."), ("nl", "Tip: herstart de client, bij mij werkte dat."),
    ("en", "It's on the card at reception, they change it monthly."), ("en", "Use the Outlook room finder, then pick a floor."),
    ("en", "Top drawer of the cabinet next to it."), ("en", "First open Outlook settings, then choose export."),
]
SOCIAL = [("nl", "top, dank je!"), ("nl", "Gefeliciteerd met je jubileum! 🎉"), ("nl", "goedemorgen allemaal"),
          ("en", "thanks a lot!"), ("en", "congrats on the launch 🎉"), ("en", "good morning all")]
LINKS = [("nl", "Zie https://intranet.example.nl/nieuws/2026/verhuizing-kantoor"), ("nl", "https://wiki.example.nl/vpn-handleiding"),
         ("en", "Worth a read https://blog.example.com/remote-work-tips"), ("en", "https://docs.example.com/expenses/policy")]
OTHER = [("nl", "Vanavond onderhoud aan de servers van 22:00 tot 23:00."), ("en", "Office closed on Monday for the holiday."),
         ("nl", "De notulen van het overleg staan in de map."), ("en", "Reminder: timesheets are due Friday.")]


def corpus_rows() -> list[dict]:
    """A tiny hand-made corpus in the bundled format (each group repeated so every class has enough rows)."""
    rows, n = [], 0
    for rep in range(3):
        for i, (lang, q) in enumerate(QUESTIONS):
            lang_a, a = ANSWERS[i]
            rows.append({"id": f"t-{n}", "lang": lang, "text": f"{q} ({rep})" if rep else q, "label": "question", "also": [], "parent": None, "is_reply": False, "author_is_asker": None})
            rows.append({"id": f"t-{n + 1}", "lang": lang_a, "text": a if not rep else f"{a} ({rep})", "label": "answer", "also": [], "parent": q, "is_reply": True, "author_is_asker": False})
            n += 2
        for label, items in (("social", SOCIAL), ("link_share", LINKS), ("other", OTHER)):
            for lang, t in items:
                rows.append({"id": f"t-{n}", "lang": lang, "text": f"{t} {rep}" if rep else t, "label": label, "also": [], "parent": None, "is_reply": False, "author_is_asker": None})
                n += 1
    return rows


@pytest.fixture
def tiny_corpus(tmp_path, monkeypatch):
    """Point the bundled corpus at a tiny hand-made one."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "corpus_tiny.jsonl").write_text("\n".join(json.dumps(r) for r in corpus_rows()) + "\n", encoding="utf-8")
    monkeypatch.setattr(corpus_mod, "CORPUS_DIR", folder)
    return folder


@pytest.fixture
def fake_cfg(make_config, tiny_corpus):
    """A config using the fake embedder and the tiny corpus."""
    FakeEmbedder.calls.clear()
    return make_config(classify={"embedder": {"name": "fake.v1"}})


def message_rows(items: list[dict]) -> pa.Table:
    """Rows for the messages table from partial dicts (message_id, text, thread_id, reply_to_id, author_key)."""
    rows = []
    for i, it in enumerate(items):
        row = {c: None for c in MESSAGES.columns}
        row.update(source="fake", channel_id="fake:c1", author_key="a1", created_at=T0 + timedelta(minutes=i),
                   is_deleted=False, attachment_count=0, urls=[], mentions=[], reactions=[], reaction_count=0,
                   marked_answer=False, is_bot=False)
        row.update(it)
        row["content_hash"] = hashlib.sha256((row["text"] or "").encode()).hexdigest()[:32]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=MESSAGES.schema)


STORE_MESSAGES = [
    {"message_id": "m1", "text": "Heeft iemand de handleiding van de nieuwe printer", "thread_id": "m1", "author_key": "a1"},
    {"message_id": "m2", "text": "Staat op het intranet, eerst inloggen en daarna zoeken op printer.", "thread_id": "m1", "reply_to_id": "m1", "author_key": "a2"},
    {"message_id": "m3", "text": "top, dank je!", "thread_id": "m1", "reply_to_id": "m2", "author_key": "a1"},
    {"message_id": "m4", "text": "https://intranet.example.nl/nieuws/verhuizing", "author_key": "a3"},
    {"message_id": "m5", "text": "does anyone know the wifi password", "author_key": "a4"},
    {"message_id": "m6", "text": "Heeft iemand de handleiding van de nieuwe printer", "author_key": "a5"},
]


@pytest.fixture
def store(fake_cfg):
    """An open store holding a handful of messages."""
    with open_store(fake_cfg.database) as con:
        upsert_arrow(con, MESSAGES, message_rows(STORE_MESSAGES))
        yield con
