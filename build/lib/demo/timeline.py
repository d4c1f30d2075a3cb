"""The 12-week timeline ending Friday 2026-11-20: office-hour positions, UTC times and formatting.

Generators place messages on a *work clock*: milliseconds of office time (08:00-17:00
Europe/Amsterdam, Monday to Friday) since the first working day. :func:`epoch_ms` maps that
monotonically to real UTC epoch milliseconds, so "two hours later" skips nights and weekends.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

LAST_DAY = date(2026, 11, 20)
WEEKS = 12
DST_END = date(2026, 10, 25)
OFFICE_START_HOUR = 8
WORK_DAY_MS = 9 * 3600 * 1000
HOUR_MS = 3600 * 1000
DAY_MS = 24 * HOUR_MS


def workdays() -> list[date]:
    """The Monday-to-Friday dates of the 12 weeks ending on :data:`LAST_DAY`."""
    first = LAST_DAY - timedelta(days=WEEKS * 7 - 1)
    days = (first + timedelta(days=i) for i in range(WEEKS * 7))
    return [d for d in days if d.weekday() < 5]


def office_start_ms(day: date) -> int:
    """Epoch milliseconds (UTC) of 08:00 Amsterdam time on ``day`` (CEST until 25 October 2026)."""
    utc_offset = 2 if day < DST_END else 1
    start = datetime(day.year, day.month, day.day, OFFICE_START_HOUR - utc_offset, tzinfo=timezone.utc)
    return int(start.timestamp()) * 1000


DAY_STARTS = tuple(office_start_ms(d) for d in workdays())
TOTAL_WORK_MS = len(DAY_STARTS) * WORK_DAY_MS
WINDOW_START_MS = DAY_STARTS[0] - OFFICE_START_HOUR * HOUR_MS


def epoch_ms(work_ms: int) -> int:
    """Real UTC epoch milliseconds of a work-clock position (clamped to the window)."""
    day, offset = divmod(min(max(work_ms, 0), TOTAL_WORK_MS - 1), WORK_DAY_MS)
    return DAY_STARTS[day] + offset


class UniqueClock:
    """Hands out epoch milliseconds unique within one container, bumping collisions forward.

    ``advance(floor)`` promises that no later claim is below ``floor``, which lets the clock
    forget old values and keep its memory bounded.
    """

    def __init__(self) -> None:
        self._used: set[int] = set()
        self._floor = 0

    def claim(self, ms: int) -> int:
        """``ms`` or the first free millisecond after it."""
        used = self._used
        while ms in used:
            ms += 1
        used.add(ms)
        return ms

    def advance(self, floor: int) -> None:
        """Forget claims below ``floor`` once enough of them have piled up."""
        self._floor = floor
        if len(self._used) > 20000:
            self._used = {ms for ms in self._used if ms >= floor}


_DAY_CACHE: dict[int, str] = {}


def day_string(ms: int) -> str:
    """The UTC date of epoch milliseconds as ``YYYY-MM-DD``."""
    day = ms // DAY_MS
    text = _DAY_CACHE.get(day)
    if text is None:
        text = datetime.fromtimestamp(day * 86400, tz=timezone.utc).strftime("%Y-%m-%d")
        _DAY_CACHE[day] = text
    return text


def _clock(ms: int) -> str:
    seconds = (ms % DAY_MS) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def iso_ms(ms: int) -> str:
    """Graph-style UTC timestamp, e.g. ``2026-09-01T08:15:00.123Z``."""
    return f"{day_string(ms)}T{_clock(ms)}.{ms % 1000:03d}Z"


def yammer_time(ms: int) -> str:
    """Viva Engage export timestamp, e.g. ``2026-09-01 08:15:00 UTC``."""
    return f"{day_string(ms)} {_clock(ms)} UTC"
