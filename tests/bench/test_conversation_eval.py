"""Conversation-level evaluation: components, the time-gap baseline and ARI on hand-made channels."""

from __future__ import annotations

from bench.conversation_eval import EvalChannel, best_gap, channel_ari, components, gap_parents, pooled
from kennismaker.classify.flat import FlatMessage, Similarity


def channel(times: list[float], gold: dict[int, set[int]]) -> EvalChannel:
    messages = [FlatMessage(str(k), f"u{k % 3}", t, f"bericht {k}") for k, t in enumerate(times)]
    return EvalChannel("c", messages, Similarity([m.text for m in messages]), gold, list(range(len(times))))


def test_components_follow_links_in_both_directions():
    assert components(5, {1: {0}, 3: {2}, 4: {1}}) == [0, 0, 2, 2, 0]


def test_gap_split_links_to_the_previous_message_within_the_gap():
    c = channel([0, 60, 7200, 7260], {})
    assert gap_parents(c.messages, 600) == [0, 0, 2, 2]
    assert gap_parents(c.messages, float("inf")) == [0, 0, 1, 2]


def test_ari_is_one_for_the_gold_split_and_counts_singletons():
    c = channel([0, 60, 7200, 7260, 9000], {1: {0}, 3: {2}})
    perfect = channel_ari(c, [0, 0, 2, 2, 4])
    assert perfect["ari"] == 1.0 and perfect["conversations"] == 3 and perfect["gold_singletons"] == 1
    merged = channel_ari(c, [0, 0, 1, 2, 3])
    assert merged["ari"] < 1.0 and merged["conversations"] == 1
    assert pooled([perfect, merged])["ari"] == (perfect["ari"] * 5 + merged["ari"] * 5) / 10


def test_best_gap_finds_the_silence_between_conversations():
    c = channel([0, 60, 7200, 7260], {1: {0}, 3: {2}})
    gap, ari = best_gap([c], gaps=(0.5, 30, 240))
    assert gap == 30 and ari == 1.0
