"""The report of a demo run in headless Chromium: no console error, no request, every plot drawn; a screenshot."""

from __future__ import annotations

import pytest

from kennismaker.pipelines.flows import nightly_flow
from kennismaker.pipelines.tasks import ConfigRef
from tests.browser import CHROMIUM, open_page

pytestmark = [pytest.mark.filterwarnings("ignore:demo mode"),
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")]

PLOTS = {"weekly", "channel-0", "topics", "first-answer", "thread-length", "participation", "unanswered-age"}
PROBE = """({plots: Array.from(document.querySelectorAll('figure svg')).map(s => {
    const box = s.getBoundingClientRect();
    return {name: s.dataset.plot, width: box.width, height: box.height, marks: s.querySelectorAll('rect, polyline, circle').length};
  }),
  empty: Array.from(document.querySelectorAll('[data-empty-plot]')).map(e => e.dataset.emptyPlot),
  lang: document.documentElement.lang, title: document.title})"""


def test_demo_report_renders_every_plot_offline(flow_config, tmp_path):
    ref = ConfigRef(config_path=str(flow_config()))
    result = nightly_flow(ref)
    report = result["stages"]["export"]["result"]["report"]
    page = open_page(report, PROBE)
    errors = [c for c in page.console if c["level"] in ("error", "warning")]
    assert not errors, f"console: {errors}"
    assert [u for u in page.requests if u != ref.load().output_dir.joinpath(*report.split("/")[-2:]).as_uri()] == [], page.requests
    drawn = {p["name"] for p in page.probe["plots"] if p["width"] > 100 and p["height"] > 50 and p["marks"] > 2}
    assert PLOTS <= drawn, f"not drawn: {PLOTS - drawn}; empty: {page.probe['empty']}"
    assert page.probe["empty"] == [] and page.probe["lang"] == "nl" and page.probe["title"].startswith("Ochtendrapport")
    shot = tmp_path / "report.png"
    shot.write_bytes(page.screenshot)
    assert page.screenshot[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
