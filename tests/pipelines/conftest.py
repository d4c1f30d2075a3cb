"""Fixtures for flow tests: a Prefect test harness and a small demo organisation with a fast config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kennismaker.demo.generate import generate_demo
from tests.pipelines.planted import planted_exports

ROOT = Path(__file__).resolve().parents[2]

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
    from kennismaker.classify.head import current_head
    from kennismaker.pipelines.config import config_from_dict

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


@pytest.fixture(scope="session")
def planted_night(tmp_path_factory, demo_exports, trained_head) -> Path:
    """One nightly run (`python -m kennismaker run --verbose`, its own Prefect home) on the demo exports with a
    planted person (tests/pipelines/planted.py): a folder with db/, out/, models/, prefect/, logs/ and sources/.
    The privacy canary test scans it; the kill test uses it as the clean run."""
    root = tmp_path_factory.mktemp("night")
    sources = planted_exports(demo_exports, root / "sources")
    shutil.copytree(trained_head, root / "models")
    config = {**FAST_CONFIG, "database": str(root / "db" / "k.duckdb"), "output_dir": str(root / "out"),
              "model_dir": str(root / "models"),
              "sources": [{"name": n, "path": str(sources / n)} for n in ("slack", "teams", "yammer")]}
    (root / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "KENNISMAKER_DEBUG"}
    env.update(PREFECT_HOME=str(root / "prefect"), HF_HUB_OFFLINE="1")
    (root / "logs").mkdir()
    with (root / "logs" / "run.out").open("w") as out, (root / "logs" / "run.err").open("w") as err:
        done = subprocess.run([sys.executable, "-m", "kennismaker", "run", "--config", str(root / "config.yaml"), "--verbose"],
                              cwd=ROOT, env=env, stdout=out, stderr=err, timeout=600)
    assert done.returncode == 0, (root / "logs" / "run.err").read_text()
    return root
