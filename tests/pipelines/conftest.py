"""Fixtures for flow tests: a Prefect test harness and a small demo organisation with a fast config."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from demo.generate import generate_demo

FAST_CONFIG = {
    "demo_mode": True,
    "classify": {"embedder": {"name": "hashing"}},
    "topics": {
        "reducer": {"name": "pca", "params": {"n_components": 5}},
        "clusterer": {"name": "kmeans", "params": {"n_clusters": 6}},
        "representation": {"name": "none"},
        "min_fit_threads": 5,
    },
}


@pytest.fixture(scope="session", autouse=True)
def prefect_harness():
    """A throw-away Prefect API for the whole session (nothing touches ~/.prefect)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def demo_exports(tmp_path_factory) -> Path:
    """The demo organisation's exports, small (about 400 messages)."""
    out = tmp_path_factory.mktemp("demo")
    generate_demo(out, messages=400, seed=11)
    return out


@pytest.fixture(scope="session")
def trained_head(tmp_path_factory) -> Path:
    """A model folder holding the classifier head for the fast config, trained once per session."""
    from classify.head import current_head
    from kennismaker.config import config_from_dict

    models = tmp_path_factory.mktemp("models")
    cfg = config_from_dict({**FAST_CONFIG, "model_dir": str(models)}, models)
    current_head(cfg.classify, cfg.model_dir)
    return models


@pytest.fixture
def flow_config(tmp_path: Path, demo_exports: Path, trained_head: Path):
    """Write a fast config for the demo exports into tmp_path; keyword overrides are merged in."""

    if not (tmp_path / "models").exists():
        shutil.copytree(trained_head, tmp_path / "models")  # the head only; each test fits its own topics

    def write(**overrides) -> Path:
        data = {**FAST_CONFIG, "database": str(tmp_path / "k.duckdb"), "output_dir": str(tmp_path / "out"),
                "model_dir": str(tmp_path / "models"),
                "sources": [{"name": n, "path": str(demo_exports / n)} for n in ("slack", "teams", "yammer")]}
        data.update(overrides)
        path = tmp_path / "config.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return path

    return write
