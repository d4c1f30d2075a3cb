"""Config is validated once; a bad config is one sentence naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennismaker.pipelines.config import load_config
from kennismaker.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "configs").glob("*.yaml")))
def test_every_bundled_config_loads(name):
    cfg = load_config(ROOT / "configs" / name)
    assert cfg.database.is_absolute()
    assert all(src.path.is_absolute() for src in cfg.sources)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"unknown key 'privacy.min_grup_size'"):
        load_config(write(tmp_path, "privacy:\n  min_grup_size: 3\n"))


def test_invalid_value_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"key 'privacy.min_group_size' is invalid"):
        load_config(write(tmp_path, "privacy:\n  min_group_size: 1\n"))


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="pass --config"):
        load_config(tmp_path / "nope.yaml")


def test_broken_yaml_is_one_sentence(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "sources: [\n"))


def test_relative_paths_resolve_against_the_config_folder(tmp_path):
    cfg = load_config(write(tmp_path, "database: sub/x.duckdb\nsources:\n  - name: a\n    path: exports/a\n"))
    assert cfg.database == (tmp_path / "sub" / "x.duckdb").resolve()
    assert cfg.sources[0].path == (tmp_path / "exports" / "a").resolve()


def test_unknown_time_zone_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"key 'timezone' is invalid: .*not an IANA time zone"):
        load_config(write(tmp_path, "timezone: Europe/Amsterdm\n"))


def test_weeks_start_on_monday_in_the_configured_time_zone():
    import duckdb

    from kennismaker.store import ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    sunday_night = "TIMESTAMPTZ '2026-11-22 23:30:00+00'"  # Monday 00:30 in Amsterdam
    con.execute(f"INSERT INTO messages (message_id, channel_id, created_at) VALUES ('m1', 'c1', {sunday_night})")
    con.execute("INSERT INTO int_conversation_messages (message_id, channel_id, conversation_id, usable, usable_position) "
                "VALUES ('m1', 'c1', 'm1', true, 0)")
    weeks = [str(con.execute("SELECT week FROM exp_conversation_cells($tz, ['channel_week'])", {"tz": tz}).fetchall()[0][0])
             for tz in ("UTC", "Europe/Amsterdam")]
    assert weeks == ["2026-11-16", "2026-11-23"]


@pytest.mark.parametrize("yaml_text, setting, wrong, kind", [
    ("sources:\n  - name: s\n    path: x\n    format: slak\n", "sources[0].format", "slak", "format"),
    ("classify:\n  embedder:\n    name: use_multilingal\n", "classify.embedder.name", "use_multilingal", "embedder"),
    ("classify:\n  head:\n    name: logreg\n", "classify.head.name", "logreg", "classifier head"),
    ("classify:\n  linking:\n    scorer: flat.ffnn.v9\n", "classify.linking.scorer", "flat.ffnn.v9", "reply scorer"),
    ("topics:\n  reducer:\n    name: tsne\n", "topics.reducer.name", "tsne", "reducer"),
    ("topics:\n  clusterer:\n    name: dbscan\n", "topics.clusterer.name", "dbscan", "clusterer"),
    ("topics:\n  representation:\n    name: gpt\n", "topics.representation.name", "gpt", "representation"),
    ("runner:\n  name: dsk\n", "runner.name", "dsk", "task runner"),
])
def test_an_unknown_plugin_name_is_one_sentence_at_load_with_exit_status_2(tmp_path, yaml_text, setting, wrong, kind):
    import re

    from typer.testing import CliRunner

    from kennismaker.pipelines.app import app

    path = write(tmp_path, yaml_text)
    with pytest.raises(ConfigError, match=re.escape(f"unknown {kind} '{wrong}'; known: ")) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message and f"(key '{setting}')" in message
    assert re.search(r"known: (auto, )?[a-z_.]+\.v\d", message), "the known names are listed, versioned"
    result = CliRunner().invoke(app, ["topics", "--config", str(path)])
    assert result.exit_code == 2 and f"unknown {kind} '{wrong}'" in result.output


@pytest.mark.parametrize("yaml_text", [
    "sources:\n  - name: s\n    path: x\n    format: slack\n",
    "classify:\n  embedder:\n    name: hashing\n",
    "topics:\n  reducer:\n    name: pca.v1\n  clusterer:\n    name: kmeans\n",
    "runner:\n  name: dask.v1\n",
])
def test_the_older_short_names_and_the_versioned_names_both_load(tmp_path, yaml_text):
    load_config(write(tmp_path, yaml_text))


def test_duckdb_settings_are_validated_and_applied(tmp_path):
    from kennismaker.pipelines.config import config_from_dict
    from kennismaker.errors import ConfigError
    from kennismaker.store import open_store

    cfg = config_from_dict({"duckdb": {"memory_limit": "512MiB", "threads": 1}}, tmp_path)
    with open_store(tmp_path / "s.duckdb", settings=cfg.duckdb.settings()) as con:
        limit, threads = con.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchall()[0]
    assert limit == "512.0 MiB" and threads == 1
    with pytest.raises(ConfigError, match="duckdb.memory_limit"):
        config_from_dict({"duckdb": {"memory_limit": "plenty"}}, tmp_path)
