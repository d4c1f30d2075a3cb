"""docs/data-dictionary.md documents every export column and both analyst views."""

from __future__ import annotations

import re
from pathlib import Path

from kennismaker.schema import EXPORTS

ROOT = Path(__file__).resolve().parents[2]


def test_every_export_column_is_documented():
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### `([\w.]+)`\n(.*?)(?=^### |^## |\Z)", text, flags=re.S | re.M))
    for name, schema in EXPORTS.items():
        section = sections.get(f"{name}.parquet")
        assert section, f"docs/data-dictionary.md has no section ### `{name}.parquet`"
        for col in schema.names:
            assert f"| `{col}` |" in section, f"{name}.{col} is not documented"
    assert "v_knowledge_health" in sections and "v_topic_trends" in sections
