"""Fast, deterministic JSON encoding for the writers (one shared encoder instead of one per call)."""

from __future__ import annotations

import json

to_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
"""Encode one value as compact-ish JSON text (``", "`` and ``": "`` separators, UTF-8 kept)."""
