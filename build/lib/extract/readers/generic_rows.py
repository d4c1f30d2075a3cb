"""Record streams and value parsers shared by the row-by-row readers (generic, Teams, Viva Engage).

``json_lines`` and ``CsvRows`` read a binary stream one record at a time and never stop at a bad
record: it comes out as a ``Record`` with ``error`` set, so the reader can quarantine it and go on.
Undecodable bytes are caught per line (JSON lines) or per row (CSV, decoded with
``surrogateescape`` so one bad byte does not end the file).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any

DELIMITERS = (",", ";", "\t")
_SURROGATES = re.compile("[\udc80-\udcff]")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_TRUE = {"true", "t", "1", "yes", "y"}
_FALSE = {"false", "f", "0", "no", "n", ""}


class BadRecord(ValueError):
    """A record that cannot become a message; the message is the quarantine reason."""


@dataclass
class Record:
    """One record of a file: its parsed value, or why it could not be parsed."""

    position: str
    value: Any = None
    error: str | None = None
    raw: str | None = None


def json_lines(stream: IO[bytes]) -> Iterator[Record]:
    """Each non-blank line of a binary stream parsed as JSON; bad lines carry an error."""
    for number, line in enumerate(stream, start=1):
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(str(number), error=f"undecodable bytes ({exc.reason} at byte {exc.start})", raw=line.decode("utf-8", "replace"))
            continue
        if not text.strip():
            continue
        try:
            yield Record(str(number), json.loads(text), raw=text)
        except json.JSONDecodeError as exc:
            yield Record(str(number), error=f"invalid JSON ({exc.msg} at column {exc.colno})", raw=text)


class CsvRows:
    """A CSV file (UTF-8, byte-order mark allowed, quoted multi-line fields) read row by row.

    The delimiter is whichever of ``,`` ``;`` or tab the header line holds most often (Dutch
    spreadsheet exports use ``;``). ``header`` holds the stripped column names; iterating yields one ``Record`` per row whose
    value maps header -> field. Positions are the line a row starts on.
    """

    def __init__(self, stream: IO[bytes]):
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        first_line = self._text.readline()
        delimiter = max(DELIMITERS, key=first_line.count)
        self._reader = csv.reader(itertools.chain([first_line], self._text), delimiter=delimiter)
        try:
            first = next(self._reader)
        except (StopIteration, csv.Error):
            first = []
        self.header = [_clean(h).strip() for h in first]

    def __iter__(self) -> Iterator[Record]:
        while True:
            start = self._reader.line_num + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Record(str(start), error=f"malformed CSV ({exc})")
                continue
            if row:
                yield self._record(str(start), row)

    def _record(self, position: str, row: list[str]) -> Record:
        raw = _clean(",".join(row))
        if len(row) != len(self.header):
            return Record(position, error=f"expected {len(self.header)} fields, got {len(row)}", raw=raw)
        if any(_SURROGATES.search(field) for field in row):
            return Record(position, error="undecodable bytes (not UTF-8)", raw=raw)
        return Record(position, dict(zip(self.header, row)), raw=raw)


def _clean(text: str) -> str:
    """Text with undecodable bytes shown as U+FFFD (safe to store)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def utc_datetime(value: Any, fmt: str | None = None) -> datetime:
    """A UTC datetime from ISO-8601 text (``Z`` or a ``UTC`` suffix allowed), epoch seconds, or ``fmt``.

    Raises ``BadRecord`` when the value cannot be read; naive times are taken as UTC.
    """
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=timezone.utc)
        text = str(value).strip()
        if fmt:
            dt = datetime.strptime(text, fmt)
        elif _NUMBER.fullmatch(text):
            return datetime.fromtimestamp(float(text), tz=timezone.utc)
        else:
            dt = datetime.fromisoformat(text.removesuffix("UTC").strip())
    except (ValueError, OverflowError, OSError):
        raise BadRecord(f"unparseable timestamp {str(value)[:40]!r}") from None
    return dt.astimezone(timezone.utc) if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def parse_bool(value: Any) -> bool:
    """A boolean from JSON or CSV (true/false, 1/0, yes/no, empty is false); ``BadRecord`` otherwise."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadRecord(f"not a yes/no value: {str(value)[:40]!r}")


def parse_count(value: Any) -> int:
    """A non-negative whole number (empty is 0); ``BadRecord`` otherwise."""
    if value is None or value == "":
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        raise BadRecord(f"not a whole number: {str(value)[:40]!r}") from None
    if number < 0:
        raise BadRecord(f"negative count: {number}")
    return number
