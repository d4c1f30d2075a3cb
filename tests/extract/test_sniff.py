"""`--format auto`: each demo export and each hand-made fixture is claimed by its own reader only."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennismaker.demo.generate import generate_demo
from kennismaker.extract.readers import get_reader, reader_names, sniff_reader
from kennismaker.errors import UnknownFormatError

EXPECTED = {"slack": "slack_export.v1", "teams": "teams_graph.v1", "yammer": "viva_engage.v1"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate_demo(out, messages=300, seed=7)
    return out


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_demo_exports_sniff_as_their_own_format_only(demo_dir, folder):
    path = demo_dir / folder
    assert sniff_reader(path).name == EXPECTED[folder]
    claimed = [name for name in reader_names() if get_reader(name).sniff(path)]
    assert claimed == [EXPECTED[folder]]


def test_a_path_that_is_no_export_gives_one_clear_sentence(tmp_path):
    (tmp_path / "notes.txt").write_text("gewoon een tekstbestand", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match="does not look like any supported export"):
        sniff_reader(tmp_path / "notes.txt")


def test_readers_command_says_what_each_reader_reads():
    from kennismaker.extract.cli import reader_summary
    from kennismaker.extract.readers import get_reader, reader_names

    for name in reader_names():
        assert name in reader_summary(get_reader(name))  # each module's first docstring line names its reader
