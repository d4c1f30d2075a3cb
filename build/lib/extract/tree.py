"""Uniform, safe access to an export that is a folder or a zip archive.

Zip members are read in memory-bounded streams and never extracted; their names are never used
as file-system paths. Limits on member count, total size and compression ratio stop zip bombs.
A folder whose only file is a zip archive (hidden files aside) is that archive: tools such as
slackdump write their export-compatible zip into an otherwise empty folder, and ``--format auto``
on the folder must find what is in the zip.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from kennismaker.errors import NotAnExportError, UnsafeArchiveError


@dataclass(frozen=True)
class ArchiveLimits:
    """Zip-bomb limits; see ``ingest.archive`` in the config."""

    max_members: int = 200_000
    max_total_bytes: int = 20 * 1024**3
    max_ratio: float = 200.0


class ExportTree:
    """The files of one export (a folder or a zip), addressed by POSIX-style relative names."""

    def __init__(self, path: Path, limits: ArchiveLimits | None = None):
        self.path = lone_archive(Path(path))
        self.limits = limits or ArchiveLimits()
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_file() and zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            self._check_zip()
            self._prefix = _common_root([i.filename for i in self._zip.infolist() if not i.is_dir()])
        elif not self.path.exists():
            raise NotAnExportError(f"{self.path} does not exist; check the path of the export.")

    def _check_zip(self) -> None:
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > self.limits.max_members:
            raise UnsafeArchiveError(
                f"{self.path} holds {len(infos)} files, more than the limit of {self.limits.max_members}; "
                "raise ingest.archive.max_members if you trust this archive."
            )
        total = sum(i.file_size for i in infos)
        if total > self.limits.max_total_bytes:
            raise UnsafeArchiveError(
                f"{self.path} unpacks to {total} bytes, more than the limit of {self.limits.max_total_bytes}; "
                "raise ingest.archive.max_total_bytes if you trust this archive."
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > self.limits.max_ratio * max(info.compress_size, 1):
                raise UnsafeArchiveError(
                    f"{self.path} member {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}x, "
                    f"more than the limit of {self.limits.max_ratio:g}x (a zip bomb?); "
                    "raise ingest.archive.max_ratio if you trust this archive."
                )

    @property
    def is_zip(self) -> bool:
        """Whether the export is a zip archive."""
        return self._zip is not None

    def names(self) -> list[str]:
        """All file names, relative, '/'-separated, sorted; a single-file export lists its own name."""
        if self._zip is not None:
            return sorted(n[len(self._prefix):] for n in (i.filename for i in self._zip.infolist() if not i.is_dir()))
        if self.path.is_file():
            return [self.path.name]
        out = []
        for root, _dirs, files in os.walk(self.path):
            for f in files:
                out.append(Path(root, f).relative_to(self.path).as_posix())
        return sorted(out)

    def open(self, name: str) -> IO[bytes]:
        """A binary stream of one file, by a name returned from ``names()``."""
        if self._zip is not None:
            return self._zip.open(self._zip_name(name))
        if self.path.is_file():
            return open(self.path, "rb")
        return open(self.path / PurePosixPath(name), "rb")

    def read_text(self, name: str, encoding: str = "utf-8-sig") -> str:
        """The whole text of one (small) file."""
        with self.open(name) as fh:
            return io.TextIOWrapper(fh, encoding=encoding).read()

    def exists(self, name: str) -> bool:
        """Whether a file of that name is in the export."""
        return name in set(self.names())

    def describe(self, name: str) -> str:
        """How to name a member in ``raw_ref`` and quarantine rows."""
        return f"{self.path.name}!{name}" if self._zip is not None else name

    def _zip_name(self, name: str) -> str:
        return self._prefix + name

    def close(self) -> None:
        """Close an open archive."""
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "ExportTree":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def lone_archive(path: Path) -> Path:
    """``path``, or the one zip archive a folder holds when it holds no other (non-hidden) file."""
    if not path.is_dir():
        return path
    files = [f for f in path.iterdir() if not f.name.startswith((".", "__MACOSX"))]
    if len(files) == 1 and files[0].is_file() and zipfile.is_zipfile(files[0]):
        return files[0]
    return path


def _common_root(names: list[str]) -> str:
    """A single top folder shared by every member ('export/'), or ''."""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return ""

