"""One nightly run at a time: an OS file lock next to the database.

DuckDB already refuses a second writing process; this lock covers the whole run (between
stages too) and gives the same clear sentence. The OS releases it if the process dies.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kennismaker.errors import database_locked


def lock_path(database: Path) -> Path:
    """The lock file that guards ``database``."""
    return database.with_name(database.name + ".lock")


@contextmanager
def run_lock(database: Path) -> Iterator[Path]:
    """Hold the run lock for ``database``; raises ``DatabaseLockedError`` when another run has it."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise database_locked(str(database)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield path
    finally:
        os.close(fd)
