"""ExportTree: zip-bomb and member-count limits, folder/zip equivalence, member names never used as paths."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.teams import READER as TEAMS
from kennismaker.extract.tree import ArchiveLimits, ExportTree
from kennismaker.errors import NotAnExportError, UnsafeArchiveError

FILES = {"Messages.csv": "id,body\n1,hoi\n", "sub/Users.csv": "id,name\n1,Anna\n", "sub/deeper/x.json": "[]"}


def make_zip(target: Path, files: dict[str, str], top: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(top + name, text)
    return target


def zeros_zip(target: Path, megabytes: int) -> Path:
    """A zip with one member of ``megabytes`` MB of zeros, written in chunks."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("messages.json", "w") as fh:
            for _ in range(megabytes):
                fh.write(bytes(1024 * 1024))
    return target


def test_too_many_members(tmp_path):
    path = make_zip(tmp_path / "many.zip", {f"f{i}.json": "[]" for i in range(6)})
    with pytest.raises(UnsafeArchiveError, match=r"holds 6 files, more than the limit of 5; raise ingest\.archive\.max_members"):
        ExportTree(path, ArchiveLimits(max_members=5))
    assert len(ExportTree(path, ArchiveLimits(max_members=6)).names()) == 6


def test_huge_compression_ratio_is_a_zip_bomb(tmp_path):
    path = zeros_zip(tmp_path / "bomb.zip", 50)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnsafeArchiveError, match=r"member 'messages\.json' expands \d+x, more than the limit of 200x \(a zip bomb\?\)"):
        ExportTree(path)


def test_total_size_limit(tmp_path):
    path = make_zip(tmp_path / "big.zip", {"a.json": "x" * 3000, "b.json": "y" * 3000})
    with pytest.raises(UnsafeArchiveError, match=r"unpacks to 6000 bytes, more than the limit of 5000; raise ingest\.archive\.max_total_bytes"):
        ExportTree(path, ArchiveLimits(max_total_bytes=5000))


def test_readers_apply_the_limits_and_sniff_never_raises(tmp_path):
    path = zeros_zip(tmp_path / "bomb.zip", 5)
    with pytest.raises(UnsafeArchiveError):
        list(TEAMS.read(path, ReadContext(limits=ArchiveLimits(max_ratio=10))))
    assert TEAMS.sniff(zeros_zip(tmp_path / "bomb50.zip", 50)) is False


@pytest.mark.parametrize("top", ["", "export/"])
def test_folder_and_zip_are_equivalent(tmp_path, top):
    folder = tmp_path / "folder"
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    as_dir = ExportTree(folder)
    with ExportTree(make_zip(tmp_path / "e.zip", FILES, top)) as as_zip:
        assert as_zip.is_zip and not as_dir.is_zip
        assert as_zip.names() == as_dir.names() == sorted(FILES)
        for name in FILES:
            assert as_zip.read_text(name) == as_dir.read_text(name) == FILES[name]
            assert as_zip.exists(name) and as_dir.exists(name)
        assert as_zip.describe("Messages.csv") == "e.zip!Messages.csv"
    assert as_dir.describe("Messages.csv") == "Messages.csv"


def test_member_names_are_never_paths(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    path = make_zip(inner / "evil.zip", {"../escaped.json": "[1]", "ok.json": "[]"})
    with ExportTree(path) as tree:
        assert tree.read_text("../escaped.json") == "[1]"
    assert not (tmp_path / "escaped.json").exists()
    assert sorted(p.name for p in inner.iterdir()) == ["evil.zip"]


def test_single_file_and_missing_path(tmp_path):
    (tmp_path / "one.jsonl").write_text("{}\n")
    tree = ExportTree(tmp_path / "one.jsonl")
    assert tree.names() == ["one.jsonl"] and tree.read_text("one.jsonl") == "{}\n"
    with pytest.raises(NotAnExportError, match="does not exist; check the path"):
        ExportTree(tmp_path / "nope.zip")


def test_a_folder_that_only_holds_a_zip_is_that_zip(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    make_zip(folder / "source_export.zip", FILES, top="export/")
    (folder / ".DS_Store").write_bytes(b"\0")
    with ExportTree(folder) as tree:
        assert tree.is_zip and tree.names() == sorted(FILES)
        assert tree.describe("Messages.csv") == "source_export.zip!Messages.csv"
    (folder / "notes.txt").write_text("not only a zip any more")
    with ExportTree(folder) as tree:
        assert not tree.is_zip and "source_export.zip" in tree.names()


def test_auto_format_finds_a_slack_export_zip_alone_in_a_folder(tmp_path, make_config):
    from kennismaker.extract.load import ingest_export
    from kennismaker.extract.readers import sniff_reader
    from kennismaker.config import SourceConfig
    from kennismaker.store import open_store
    from tests.conftest import FIXTURES
    from tests.extract.helpers import zipped

    folder = tmp_path / "slackdump-export"
    folder.mkdir()
    zipped(FIXTURES / "slack" / "export", folder / "slackdump_export.zip")
    assert sniff_reader(folder).name == "slack_export.v1"
    cfg = make_config()
    with open_store(cfg.database) as con:
        from_folder = ingest_export(con, SourceConfig(name="s", path=folder, format="auto"), cfg)
        from_zip = ingest_export(con, SourceConfig(name="s", path=folder / "slackdump_export.zip", format="auto"), cfg)
    assert from_folder.messages_read == from_zip.messages_read > 0
    assert from_folder.format == "slack_export.v1"
