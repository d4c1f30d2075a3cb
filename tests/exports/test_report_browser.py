"""The report in a real browser (headless Chromium): planted script payloads in message texts never run."""

from __future__ import annotations

import pytest

from tests.browser import CHROMIUM, open_page
from tests.exports.test_report import XSS, page, plant_xss

pytestmark = [pytest.mark.filterwarnings("ignore:demo mode"),
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")]

PROBE = """({xss: window.__xss === undefined ? null : String(window.__xss),
  scripts: document.scripts.length, images: document.images.length,
  handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
  jsLinks: Array.from(document.links).filter(a => a.href.startsWith('javascript:')).length,
  text: document.body.innerText})"""


def test_planted_payloads_do_not_execute(store, tmp_path):
    con, cfg = store
    plant_xss(con)
    path = tmp_path / "report.html"
    path.write_text(page(con, cfg), encoding="utf-8")
    result = open_page(path, PROBE)
    probe = result.probe
    assert probe["xss"] is None, f"a payload ran: {probe['xss']}"
    assert probe["scripts"] == probe["images"] == probe["handlers"] == probe["jsLinks"] == 0
    assert "<script>window.__xss = 'script'</script>" in probe["text"]  # shown as text
    assert "</textarea>" in probe["text"] and "onerror" in probe["text"]
    assert result.requests == [path.as_uri()], f"the page asked for {result.requests}"
    assert not [c for c in result.console if c["level"] == "error"], result.console
    assert set(XSS) == {"q2", "q4", "q6"}
