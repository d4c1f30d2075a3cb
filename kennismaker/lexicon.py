"""The one loader of the phrase lexicons: YAML data files in ``kennismaker/lexicons/``.

Each file is a mapping of lower-case names to word lists, phrase lists, patterns (source strings)
or small tables; ``lexicon(name)`` reads ``lexicons/<name>.yaml`` once per process. The Python
modules that used to hold the lists (``classify/cue_lexicon.py``, ``kennismaker/pii_lexicon.py``,
``extract/mention_lexicon.py``, ``topics/vectorizer.py``) now only give the entries their names
and types. Changing a phrase is a data change: edit the YAML file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from kennismaker.errors import ConfigError

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def lexicon_names() -> list[str]:
    """Every shipped lexicon, by file name without ``.yaml``."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@functools.cache
def lexicon(name: str) -> dict[str, Any]:
    """The entries of ``lexicons/<name>.yaml`` (read once; callers copy into tuples or frozensets)."""
    path = LEXICON_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"No lexicon '{name}' in {LEXICON_DIR}; use one of: {', '.join(lexicon_names())}.")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping of names to lists; restore it from the repository.")
    return data


def words(name: str, key: str) -> frozenset[str]:
    """A word list of a lexicon as a frozenset."""
    return frozenset(lexicon(name)[key])


def phrases(name: str, key: str) -> tuple[str, ...]:
    """A phrase list of a lexicon, in file order."""
    return tuple(lexicon(name)[key])
