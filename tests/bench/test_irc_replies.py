"""The IRC reply-reconstruction harness (bench/irc_replies.py): addressing, link scores, and link F1
on one small gold file from ../shared (skipped without it)."""

from __future__ import annotations

from bench.irc_replies import addressed_nicks, evaluation, irc_file, irc_messages, link_scores
from kennismaker.classify.irc import gold_parents, parsed_line

GOLD_FILE = "2004-11-15_03"


def test_addressing_at_the_start_and_long_nicks_later_in_the_text():
    nicks = {"hikaru79": "Hikaru79", "yohannes": "yohannes", "bob": "bob"}
    assert addressed_nicks("yohannes, why not WinRAR? hikaru79 knows", nicks) == {"yohannes", "Hikaru79"}
    assert addressed_nicks("bob: hi", nicks) == {"bob"}
    assert addressed_nicks("ask bob about it", nicks) == frozenset()  # short nicks only count at the start


def test_link_scores_count_links():
    gold = {1000: {1000}, 1001: {1000}, 1002: {1000, 1001}}
    scores = link_scores({1000: 1000, 1001: 1000, 1002: 1000}, gold)
    assert scores["matched"] == 3 and scores["gold"] == 4 and scores["precision"] == 1.0


def test_f1_on_a_gold_file_beats_the_baselines(shared_dir):
    # flat.ffnn.v2, v3 and v4 were trained on this file too: this checks the wiring, not quality
    # (held-out figures: docs/answer-linking.md, from ``python -m bench.irc_replies cv``).
    folder = shared_dir / "datasets" / "irc-disentanglement" / "dev"
    assert gold_parents(folder / f"{GOLD_FILE}.annotation.txt")
    file = irc_file(folder, GOLD_FILE, embedder=None)
    ours = evaluation([file], "flat.ffnn.v2")
    previous = evaluation([file], "flat.previous.v1")
    none = evaluation([file], "flat.none.v1")
    assert 0.0 <= ours["f1"] <= 1.0
    assert ours["f1"] > max(previous["f1"], none["f1"], evaluation([file], "flat.linear.v1")["f1"])
    assert evaluation([file], "flat.ffnn.v3")["f1"] > max(previous["f1"], none["f1"])
    assert evaluation([file], "flat.ffnn.v4")["f1"] > max(previous["f1"], none["f1"])


def test_the_irc_reader_names_nicks_anywhere_but_not_short_words_or_strangers():
    lines = [parsed_line(f"[10:0{k}] {t}") for k, t in enumerate(
        ["<anna> how do I mount the share?", "<bram> anna: try smb", "<carl> I think bram is right", "<al> ok",
         "<dirk> ask erik", "<anna> thanks al and carl"])]
    named = [m.named for m in irc_messages(lines)]
    assert named[1] == {"anna"} and named[2] == {"bram"}  # at the start and later in the text
    assert named[4] == frozenset()  # erik never spoke in the file
    assert named[5] == {"carl"}  # "al" is shorter than three characters
