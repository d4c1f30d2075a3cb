"""Running one command in a child process and measuring its wall time and peak memory.

Peak memory is taken two ways: ``ru_maxrss`` of the child from ``os.wait4`` (the largest single
process among the child and the children it waited for) and the sum of resident memory of the
child and all its descendants, sampled every ``POLL_SECONDS`` (catches helper processes such as
Prefect's ephemeral server or Dask workers, but can miss short spikes between samples).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import psutil

POLL_SECONDS = 0.2
MIB = 1024 * 1024


def _tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of ``proc`` and its descendants (processes that vanish count as 0)."""
    total = 0
    try:
        members = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process tree until ``stop()``; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.peak = 0
        self._proc = psutil.Process(pid)
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, _tree_rss(self._proc))
            self._halt.wait(POLL_SECONDS)

    def stop(self) -> int:
        """Stop sampling and return the peak in bytes."""
        self._halt.set()
        self.join()
        return self.peak


def _kill_group(pid: int) -> None:
    """Kill the process group the child leads (it was started in its own session)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_measured(argv: list[str], env: dict[str, str], log_path: Path, cwd: Path | None = None,
                 timeout: float | None = None) -> dict:
    """Run ``argv`` to completion; returns exit code, wall and CPU seconds, peak memory in MiB, load.

    CPU seconds (user + system of the child and the children it waited for) are reported next to
    wall seconds because a shared machine's load inflates wall time; the 1-minute load average
    before and after says how shared the machine was.

    The child's stdout and stderr go to ``log_path`` (never a pipe, so a chatty child cannot block).
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        killer = threading.Timer(timeout, _kill_group, [proc.pid]) if timeout else None
        if killer:
            killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timed_out = bool(killer) and not killer.is_alive()
        if killer:
            killer.cancel()
        _kill_group(proc.pid)  # helpers the child left behind (e.g. a Prefect server)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        tree_peak = sampler.stop()
    return {
        "exit_code": proc.returncode,
        "timed_out_after_seconds": timeout if timed_out else None,
        "wall_seconds": round(wall, 3),
        "peak_rss_mib": round(usage.ru_maxrss * 1024 / MIB, 1),
        "peak_tree_rss_mib": round(tree_peak / MIB, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "load_1min_before": round(load_before, 2),
        "load_1min_after": round(os.getloadavg()[0], 2),
    }
