"""Shared pytest fixtures: configs in temporary folders and the path to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kennismaker.pipelines.config import Config, config_from_dict

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def shared_dir() -> Path:
    """../shared, or skip the test when it is absent (a fresh clone elsewhere has none)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def make_config(tmp_path: Path):
    """Build a validated Config rooted in a temporary folder; keyword sections override defaults."""

    def build(**overrides) -> Config:
        data = {"demo_mode": True, "database": "db.duckdb", "output_dir": "out", "model_dir": "models"}
        data.update(overrides)
        return config_from_dict(data, tmp_path)

    return build
