"""Every error a user can meet, each one sentence that says what to do.

Code below the CLI raises these; the CLI prints the message and exits with status 2.
"""

from __future__ import annotations


class KennismakerError(Exception):
    """Base class: the message is one sentence a user can act on."""


class ConfigError(KennismakerError):
    """The configuration file is missing, unreadable or invalid."""


class NotAnExportError(KennismakerError):
    """A path given to a reader is not an export the reader understands."""


class UnknownFormatError(KennismakerError):
    """No registered reader matches a format name or sniffs a path."""


class UnsafeArchiveError(KennismakerError):
    """An archive breaks the member-count, size or compression-ratio limits."""


class DatabaseLockedError(KennismakerError):
    """Another process holds the DuckDB database."""


class MissingPseudonymKeyError(KennismakerError):
    """No pseudonymisation key is configured outside demo mode."""


class NothingReadError(KennismakerError):
    """An ingest read no valid record at all."""


class ModelNotAvailableError(KennismakerError):
    """A model is not installed locally and may not be downloaded."""


class StageFailedError(KennismakerError):
    """A pipeline stage failed; earlier outputs were left intact."""


class CurationFileError(KennismakerError):
    """An editor's curation file is missing a column or holds an unknown decision."""


class UnknownPersonError(KennismakerError):
    """``kennismaker forget`` was given an id or e-mail address that matches nobody in the store."""


class ExportCheckError(KennismakerError):
    """A staged export file did not read back as written; nothing was published."""


def database_locked(path: str) -> DatabaseLockedError:
    """The error for a database file that another run holds open."""
    return DatabaseLockedError(
        f"Another run holds the database {path}; wait for it to finish "
        "(or stop it) and try again."
    )


class TableCheckError(KennismakerError):
    """A stage left a table that breaks its key or accepted-values checks."""
