"""Reading the IRC disentanglement logs (Kummerfeld et al.): lines, times and gold reply links.

Each ``*.ascii.txt`` log is one flat channel; ``*.annotation.txt`` holds gold reply links
(``a b -``; the later message responds to the earlier one, a self-link starts a conversation).
Only messages from index 1,000 on are annotated; earlier lines are context. ``kennismaker train
--dataset`` reads our labels on these logs through ``classify.irc_labels``, which uses this module.
The research harnesses that score and fit reply reconstruction on them are in ``bench/``
(``python -m bench.irc_replies evaluate|cv|heldout|train``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FIRST_ANNOTATED = 1000
_LINE = re.compile(r"^(?:\S+ \d{4}-\d\d-\d\d )?\[(\d\d):(\d\d)(?::(\d\d))?\]\s+(.*)$")
_SPEAKER = re.compile(r"^(?:<([^>]+)>|\*\s*(\S+)|-(\S+?)-)\s?(.*)$")


@dataclass(frozen=True)
class IrcLine:
    """One line of an IRC log: seconds since the day started (None for undated system lines), nick, text."""

    seconds: int | None
    nick: str
    text: str
    is_system: bool


def parsed_line(line: str) -> IrcLine:
    """An ``IrcLine`` from one raw log line (``[HH:MM] <nick> text``, actions, ``===`` system lines)."""
    line = line.rstrip("\n")
    stamp = _LINE.match(line)
    if not stamp:
        return IrcLine(None, "===", line, True)
    h, m, s, rest = stamp.groups()
    seconds = int(h) * 3600 + int(m) * 60 + int(s or 0)
    speaker = _SPEAKER.match(rest.strip())
    if not speaker:
        return IrcLine(seconds, "===", rest, True)
    nick = next(g for g in speaker.groups()[:3] if g)
    return IrcLine(seconds, nick, speaker.group(4), False)


def log_lines(path: Path) -> list[IrcLine]:
    """All lines of an ``.ascii.txt`` log, in order (line index = message index)."""
    return [parsed_line(line) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]


def gold_parents(path: Path) -> dict[int, set[int]]:
    """Gold parents per message from an ``.annotation.txt`` file (a self-link means "starts a conversation")."""
    gold: dict[int, set[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            a, b = sorted((int(parts[0]), int(parts[1])))
            gold.setdefault(b, set()).add(a)
    return gold


def line_times(lines: Sequence[IrcLine]) -> list[float]:
    """Seconds per line, carrying times over system lines and across midnight."""
    times: list[float] = []
    day, last = 0, 0
    for line in lines:
        if line.seconds is not None:
            if line.seconds + day < last - 6 * 3600:
                day += 86400
            last = line.seconds + day
        times.append(float(last))
    return times
