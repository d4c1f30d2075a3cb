"""Pseudonymisation and the opt-out list.

``author_key`` is HMAC-SHA256 of the source-qualified user id under a secret key, so the raw
id or e-mail never reaches the store. The same key maps opt-out entries to keys later.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import warnings
from functools import lru_cache

from kennismaker.config import PrivacyConfig
from kennismaker.errors import MissingPseudonymKeyError

DEMO_KEY = "kennismaker-demo-key-not-secret"
KEY_CHARS = 24


def pseudonym_key(cfg: PrivacyConfig, demo_mode: bool) -> bytes:
    """The secret for keyed hashing: environment variable first, then config, then the demo key."""
    key = os.environ.get(cfg.pseudonym_key_env) or cfg.pseudonym_key
    if key:
        return key.encode("utf-8")
    if demo_mode:
        _warn_demo_key_once()
        return DEMO_KEY.encode("utf-8")
    raise MissingPseudonymKeyError(
        f"No pseudonymisation key: set the environment variable {cfg.pseudonym_key_env} "
        "(or privacy.pseudonym_key in the config) to a long random secret."
    )


_warned: list[bool] = []


def _warn_demo_key_once() -> None:
    if not _warned:
        _warned.append(True)
        warnings.warn("demo mode: using the built-in, public pseudonymisation key", stacklevel=3)


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``key``, hex, shortened to 96 bits."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:KEY_CHARS]


def author_key(key: bytes, author_id: str | None) -> str | None:
    """The pseudonymous key of a source-qualified user id (None stays None)."""
    return None if author_id is None else keyed_hash(key, "user:" + author_id)


def email_key(key: bytes, email: str | None) -> str | None:
    """The keyed hash of a lower-cased e-mail address, used only to honour opt-outs."""
    return None if not email else keyed_hash(key, "email:" + email.strip().lower())


@lru_cache(maxsize=1 << 18)  # name masking hashes every candidate phrase of every exported text; most repeat
def name_hash(key: bytes, normalised_name: str) -> str:
    """The keyed hash of a normalised person name (``extract.typed_mentions.name_key``); names are stored only so."""
    return keyed_hash(key, "name:" + normalised_name)


def pseudonym(author_key_value: str) -> str:
    """A short readable pseudonym for output, such as ``person-3fa2c1``."""
    return "person-" + author_key_value[:6]


def opted_out_keys(key: bytes, cfg: PrivacyConfig) -> tuple[set[str], set[str]]:
    """(author keys, e-mail keys) of everyone on the opt-out list."""
    authors = {author_key(key, entry.strip()) for entry in cfg.opt_out if "@" not in entry}
    emails = {email_key(key, entry) for entry in cfg.opt_out if "@" in entry}
    return authors, emails  # type: ignore[return-value]
