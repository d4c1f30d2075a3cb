"""The per-stage peak memory of the nightly flow."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from kennismaker.pipelines.memory import peak_rss_mib, reset_peak_rss


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM and clear_refs are Linux files")
def test_peak_covers_an_allocation_and_resets_after_it():
    assert reset_peak_rss()
    before = peak_rss_mib()
    block = np.ones(64 * 2**20 // 8)  # 64 MiB, touched
    during = peak_rss_mib()
    del block
    reset_peak_rss()
    assert during - before >= 60
    assert peak_rss_mib() < during - 30
