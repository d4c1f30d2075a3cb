"""The flow process's peak resident memory per stage (Linux: ``VmHWM``, reset through ``clear_refs``).

``reset_peak_rss()`` before a stage and ``peak_rss_mib()`` after it give that stage's peak: Linux
keeps the high-water mark of resident memory in ``/proc/self/status`` (``VmHWM``) and resets it to
the current size when ``5`` is written to ``/proc/self/clear_refs``. Where either file is missing
(macOS, Windows, a locked-down container) the peak is the process's lifetime peak
(``resource.getrusage``) or ``None``; the run itself never fails over it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
RESET_PEAK = "5"  # proc(5): "reset the peak resident set size ("high water mark") to the current value"


def reset_peak_rss() -> bool:
    """Reset this process's peak resident memory to its current size; False where the system cannot."""
    try:
        CLEAR_REFS.write_text(RESET_PEAK)
    except OSError:
        return False
    return True


def peak_rss_mib() -> float | None:
    """This process's peak resident memory in MiB since the last ``reset_peak_rss`` (else since it started)."""
    try:
        match = re.search(r"^VmHWM:\s+(\d+) kB", STATUS.read_text(), re.MULTILINE)
    except OSError:
        match = None
    if match:
        return round(int(match.group(1)) / 1024, 1)
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (2**20 if sys.platform == "darwin" else 1024), 1)
