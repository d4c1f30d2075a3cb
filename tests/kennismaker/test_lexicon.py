"""The phrase lexicons are data files, read once by one loader, and every entry is used by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kennismaker.errors import ConfigError
from kennismaker.lexicon import LEXICON_DIR, lexicon, lexicon_names

ROOT = Path(__file__).resolve().parents[2]
VIEWS = {"cues": "classify/cue_lexicon.py", "mentions": "extract/mention_lexicon.py", "pii": "kennismaker/pii_lexicon.py",
         "topic_noise": "topics/vectorizer.py"}


def test_every_lexicon_has_its_named_view():
    assert lexicon_names() == sorted(VIEWS)


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_every_entry_is_filled_and_named_in_its_python_view(name):
    entries = lexicon(name)
    view = (ROOT / VIEWS[name]).read_text(encoding="utf-8")
    for key, value in entries.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key) and value not in (None, "", [], {}), key
        assert f'"{key}"' in view, f"{LEXICON_DIR.name}/{name}.yaml: {key} is not used by {VIEWS[name]}"


def test_a_lexicon_is_read_once():
    assert lexicon("cues") is lexicon("cues")


def test_an_unknown_lexicon_is_one_sentence():
    with pytest.raises(ConfigError, match="No lexicon 'cuez' in .*; use one of: cues, mentions, pii, topic_noise."):
        lexicon("cuez")


def test_the_linking_and_tacit_phrases_come_from_the_data_file():
    from kennismaker.classify.cue_lexicon import CHECKMARK_REACTIONS, ECHO_PHRASES, ME_TOO_PHRASES, THANKS_PHRASES
    from kennismaker.classify.linking_config import LinkingConfig

    assert THANKS_PHRASES == tuple(lexicon("cues")["thanks_phrases"]) and "\u2705" in CHECKMARK_REACTIONS
    assert ECHO_PHRASES[: len(ME_TOO_PHRASES)] == ME_TOO_PHRASES
    assert LinkingConfig().thanks_phrases == list(THANKS_PHRASES)
