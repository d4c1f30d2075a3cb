"""IRC disentanglement logs: parsing lines and reading gold reply links (the scoring harness: tests/bench/test_irc_replies.py)."""

from __future__ import annotations

import pytest

from kennismaker.classify.irc import gold_parents, line_times, log_lines, parsed_line

def test_parsing_lines():
    line = parsed_line("[03:10] <Hikaru79> yohannes, why not WinRAR?")
    assert (line.seconds, line.nick, line.text, line.is_system) == (3 * 3600 + 600, "Hikaru79", "yohannes, why not WinRAR?", False)
    assert parsed_line("rust 2018-05-29 [21:20:37] <talchas> but").seconds == 21 * 3600 + 20 * 60 + 37
    assert parsed_line("=== tvon has joined #ubuntu").is_system


def test_gold_links_pair_the_later_message_with_the_earlier_and_times_cross_midnight(tmp_path):
    (tmp_path / "a.annotation.txt").write_text("1000 1000 -\n1002 1000 -\n1001 1003 -\n", encoding="utf-8")
    assert gold_parents(tmp_path / "a.annotation.txt") == {1000: {1000}, 1002: {1000}, 1003: {1001}}
    (tmp_path / "a.ascii.txt").write_text("[23:59] <a> laat\n=== b joined\n[00:01] <b> vroeg\n", encoding="utf-8")
    lines = log_lines(tmp_path / "a.ascii.txt")
    assert [line.is_system for line in lines] == [False, True, False]
    assert line_times(lines) == pytest.approx([86340.0, 86340.0, 86460.0])
