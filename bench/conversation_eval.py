"""Conversation-level evaluation of flat-channel reconstruction, against time-gap and trivial baselines.

Conversations are the connected components of the reply links. Predicted conversations are the
roots of the reconstructed reply trees (``conversation_roots``); gold ones come from each data
set's annotation. The score is the adjusted Rand index (ARI) per channel, averaged with each
channel weighted by its number of scored messages. Data sets (under ``../shared/datasets``):

* ``irc``: irc-disentanglement ``dev`` / ``new-domains``; gold links of annotated messages (>= 1000).
* ``dutch``: dutch-issue-threads ``flat.jsonl`` + ``flat.gold.jsonl`` (issue threads interleaved per project).
* ``stac``: stac ``messages.jsonl`` + ``gold.jsonl`` (``responds_to``), one channel per game, by split.

    python -m bench.conversation_eval --shared ../shared
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from bench.eval_vectors import cached_vectors
from kennismaker.classify.flat import FlatMessage, ReplyScorer, Similarity, conversation_roots, question_likelihood, reply_parents, scorer_named
from bench.irc_replies import irc_files, link_scores
from kennismaker.classify.irc import FIRST_ANNOTATED

GAPS_MINUTES = (1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 240, 480, 1440)


@dataclass(frozen=True)
class EvalChannel:
    """One flat channel with gold conversations for the messages in ``scored``."""

    name: str
    messages: list[FlatMessage]
    similarity: Similarity
    gold_links: dict[int, set[int]]
    scored: list[int]


def components(n: int, links: dict[int, set[int]]) -> list[int]:
    """Connected-component label per message index, given links child -> parents."""
    label = list(range(n))

    def find(x: int) -> int:
        while label[x] != x:
            label[x] = label[label[x]]
            x = label[x]
        return x

    for child, parents in links.items():
        for p in parents:
            a, b = find(child), find(p)
            if a != b:
                label[max(a, b)] = min(a, b)
    return [find(x) for x in range(n)]


def gap_parents(messages: Sequence[FlatMessage], gap_seconds: float) -> list[int]:
    """The time-gap baseline: link to the previous message unless more than ``gap_seconds`` passed."""
    parents, last = [], None
    for i, m in enumerate(messages):
        linked = last is not None and not m.is_system and m.at - messages[last].at <= gap_seconds
        parents.append(last if linked else i)
        if not m.is_system:
            last = i
    return parents


def channel_ari(channel: EvalChannel, parents: Sequence[int]) -> dict[str, float]:
    """ARI of predicted parents' conversations on the scored messages, conversation counts and link counts.

    Link counts treat the gold links as parents (a message without one starts a conversation);
    they mean something for IRC and STAC, not for data sets whose gold is only the conversation.
    """
    gold = components(len(channel.messages), channel.gold_links)
    pred = conversation_roots(list(parents))
    g = [gold[i] for i in channel.scored]
    p = [pred[i] for i in channel.scored]
    sizes = np.unique(p, return_counts=True)[1]
    gold_sizes = np.unique(g, return_counts=True)[1]
    links = link_scores({i: parents[i] for i in channel.scored}, {i: channel.gold_links.get(i) or {i} for i in channel.scored}, first=0)
    return {
        "matched": links["matched"], "predicted": links["predicted"], "gold": links["gold"],
        "ari": float(adjusted_rand_score(g, p)), "n": len(channel.scored), "conversations": len(sizes),
        "singletons": int((sizes == 1).sum()), "gold_conversations": len(gold_sizes), "gold_singletons": int((gold_sizes == 1).sum()),
    }


def pooled(results: Sequence[dict[str, float]]) -> dict[str, float]:
    """Message-weighted mean ARI and summed counts over channels."""
    n = sum(r["n"] for r in results)
    out = {k: sum(r[k] for r in results) for k in ("n", "conversations", "singletons", "gold_conversations", "gold_singletons", "matched", "predicted", "gold")}
    out["ari"] = sum(r["ari"] * r["n"] for r in results) / n if n else 0.0
    p, r = out["matched"] / max(out["predicted"], 1), out["matched"] / max(out["gold"], 1)
    out["link_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def model_parents(channel: EvalChannel, scorer: ReplyScorer, max_candidates: int, max_gap_seconds: float) -> list[int]:
    """Parents from a reply scorer."""
    return [p for p, _ in reply_parents(channel.messages, channel.similarity, scorer, max_candidates, max_gap_seconds)]


def best_gap(channels: Sequence[EvalChannel], gaps: Sequence[float] = GAPS_MINUTES) -> tuple[float, float]:
    """(gap in minutes, pooled ARI) of the best time-gap split on ``channels``."""
    scored = [(pooled([channel_ari(c, gap_parents(c.messages, g * 60)) for c in channels])["ari"], g) for g in gaps]
    ari, gap = max(scored)
    return gap, ari


def irc_channels(folder: Path, embedder: str | None = "use_multilingual") -> list[EvalChannel]:
    """The annotated IRC logs of ``folder`` as evaluation channels (scored: messages >= 1000)."""
    return [
        EvalChannel(f.name, f.messages, f.similarity, f.gold, [i for i in range(len(f.messages)) if i >= FIRST_ANNOTATED and i in f.gold])
        for f in irc_files(folder, embedder)
    ]


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def jsonl_channels(messages_path: Path, gold_links: dict[str, list[str]], embedder: str | None = "use_multilingual", keep: Callable | None = None) -> list[EvalChannel]:
    """Channels of a generic-JSONL file in time order; ``gold_links`` maps message id -> ids it is linked to."""
    by_channel: dict[str, list[dict]] = {}
    for line in messages_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if keep is None or keep(row):
            by_channel.setdefault(row["channel"], []).append(row)
    channels = []
    for name, rows in sorted(by_channel.items()):
        rows.sort(key=lambda r: _epoch(r["created_at"]))
        texts = [r.get("text") or "" for r in rows]
        index = {r["message_id"]: k for k, r in enumerate(rows)}
        messages = [
            FlatMessage(r["message_id"], r.get("author") or "", _epoch(r["created_at"]), texts[k], p_question=question_likelihood(texts[k]))
            for k, r in enumerate(rows)
        ]
        links = {index[m]: {index[p] for p in ps if p in index} for m, ps in gold_links.items() if m in index}
        vectors = list(cached_vectors(texts, embedder)) if embedder else None
        channels.append(EvalChannel(name, messages, Similarity(texts, vectors), links, list(range(len(rows)))))
    return channels


def dutch_channels(folder: Path, embedder: str | None = "use_multilingual") -> list[EvalChannel]:
    """dutch-issue-threads ``flat.jsonl``: gold conversation = the original issue thread."""
    gold = [json.loads(line) for line in (folder / "flat.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    links = {g["message_id"]: [g["conversation_id"]] for g in gold}
    return jsonl_channels(folder / "flat.jsonl", links, embedder)


def stac_channels(folder: Path, split: str, embedder: str | None = "use_multilingual") -> list[EvalChannel]:
    """The STAC games of one split (``dev`` / ``test``); gold links = ``responds_to``."""
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    links = {g["message_id"]: [r["id"] for r in g["responds_to"]] for g in gold if g["split"] == split}
    return jsonl_channels(folder / "messages.jsonl", links, embedder, keep=lambda row: row["message_id"] in links)


def report_rows(channels: Sequence[EvalChannel], gap_minutes: float, scorers: Sequence[str], max_candidates: int, max_gap_seconds: float) -> list[tuple[str, dict]]:
    """(method, pooled scores) for each scorer, the time-gap split (``gap_minutes`` and the set's own best gap) and the trivial baselines."""
    def with_scorer(scorer):
        return lambda c: model_parents(c, scorer, max_candidates, max_gap_seconds)

    methods = {name: with_scorer(scorer_named(name)) for name in scorers if name}
    methods[f"time gap {gap_minutes:g} min"] = lambda c: gap_parents(c.messages, gap_minutes * 60)
    own_gap, _ = best_gap(channels)
    methods[f"time gap {own_gap:g} min (oracle)"] = lambda c: gap_parents(c.messages, own_gap * 60)
    methods["previous message"] = lambda c: gap_parents(c.messages, float("inf"))
    methods["no link"] = lambda c: list(range(len(c.messages)))
    return [(name, pooled([channel_ari(c, fn(c)) for c in channels])) for name, fn in methods.items()]


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ARI per data set for the given scorers and the baselines."""
    parser = argparse.ArgumentParser(prog="python -m bench.conversation_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="The ../shared folder.")
    parser.add_argument("--scorers", default="flat.ffnn.v2,flat.linear.v1")
    parser.add_argument("--max-candidates", type=int, default=20)
    parser.add_argument("--max-gap-minutes", type=float, default=60.0)
    args = parser.parse_args(argv)
    data = args.shared / "datasets"
    irc_dev = irc_channels(data / "irc-disentanglement" / "dev")
    gap, dev_ari = best_gap(irc_dev)
    print(f"best time gap on IRC dev: {gap:g} min (ARI {dev_ari:.3f}); candidates {args.max_candidates} / {args.max_gap_minutes:g} min")
    print("oracle: the gap that is best on the set itself. flat.ffnn.v2 was trained on all IRC files: its IRC rows are in-sample")
    print("(held-out IRC figures: python -m bench.irc_replies cv).")
    sets = {
        "irc dev": irc_dev,
        "irc new-domains": irc_channels(data / "irc-disentanglement" / "new-domains"),
        "dutch flat": dutch_channels(data / "dutch-issue-threads"),
        "stac test": stac_channels(data / "stac", "test"),
    }
    for set_name, channels in sets.items():
        for name, s in report_rows(channels, gap, args.scorers.split(","), args.max_candidates, args.max_gap_minutes * 60):
            link = "" if set_name.startswith("dutch") else f"link F1 {s['link_f1']:.3f}  "
            print(f"{set_name:16s} {name:26s} {link}ARI {s['ari']:.3f}  conversations {s['conversations']} (gold {s['gold_conversations']}), "
                  f"one-message {s['singletons']} (gold {s['gold_singletons']})")


if __name__ == "__main__":
    main()
