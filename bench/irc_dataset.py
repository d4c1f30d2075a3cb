"""Our IRC labels' held-out files as a labelled dataset, for ``kennismaker eval --dataset`` (a research harness).

    python -m bench.irc_dataset --data ../shared/datasets/irc-disentanglement --out /tmp/irc-heldout
    kennismaker eval --dataset /tmp/irc-heldout --split test     # the held-out files, whole pipeline

The labels are ``classify/data/irc_labels.csv`` (``kennismaker.classify.irc_labels``); the text is
the dataset's (CC BY 4.0), so the output folder must be outside the repository.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kennismaker.classify.irc import gold_parents, line_times, log_lines
from kennismaker.classify.irc_labels import IRC_LABELS, SPLITS, irc_labels

EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)  # logs give times of day only


def irc_dataset(folder: Path, out: Path, split: str = "heldout", context: int = 100, path: Path = IRC_LABELS) -> int:
    """Write the labelled IRC files of ``split`` to ``out`` in the shared dataset shape (``messages.jsonl``,
    ``gold.jsonl``), so ``kennismaker eval --dataset out --split test`` runs the whole pipeline on them.

    Each file is one flat channel (no reply ids: the pipeline reconstructs them); the ``context`` lines
    before the first labelled one come along with gold label null. Gold ``responds_to`` is the file's
    reply links, ``answer_to`` the linked earlier questions of a labelled answer. ``heldout`` files get
    split ``test``, ``train`` files ``dev``. Returns the number of messages written. The text is the
    dataset's (CC BY 4.0): write it outside the repository."""
    by_file: dict[str, dict[int, str]] = {}
    for r in irc_labels(path):
        if r["split"] == split:
            by_file.setdefault(r["file"], {})[r["line"]] = r["label"]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    messages, gold = [], []
    for name, labels in sorted(by_file.items()):
        lines = log_lines(Path(folder) / f"{name}.ascii.txt")
        times = line_times(lines)
        parents = gold_parents(Path(folder) / f"{name}.annotation.txt")
        for k in range(max(0, min(labels) - context), max(labels) + 1):
            if lines[k].is_system:
                continue
            mid = f"{name}:{k}"
            earlier = sorted(p for p in parents.get(k, ()) if p < k and not lines[p].is_system)
            label = labels.get(k)
            messages.append({"message_id": mid, "channel": name, "author": lines[k].nick, "text": lines[k].text,
                             "created_at": (EPOCH + timedelta(seconds=times[k])).isoformat()})
            gold.append({"message_id": mid, "dialogue_id": name, "split": "test" if split == "heldout" else "dev", "label": label,
                         "responds_to": [f"{name}:{p}" for p in earlier],
                         "answer_to": [f"{name}:{p}" for p in earlier if label == "answer" and labels.get(p) == "question"]})
    for file, rows in (("messages.jsonl", messages), ("gold.jsonl", gold)):
        (out / file).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(messages)


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.irc_dataset --data DIR --out DIR [--split heldout|train]``: write a labelled split as a dataset."""
    parser = argparse.ArgumentParser(prog="python -m bench.irc_dataset", description=main.__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the irc-disentanglement folder (dev/, new-domains/)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write messages.jsonl and gold.jsonl to (outside the repository)")
    parser.add_argument("--split", choices=SPLITS, default="heldout")
    parser.add_argument("--context", type=int, default=100, help="unlabelled lines before each file's first labelled one")
    args = parser.parse_args(argv)
    n = irc_dataset(args.data, args.out, args.split, args.context)
    print(f"{n} messages written to {args.out}; score them with: kennismaker eval --dataset {args.out} --split "
          + ("test" if args.split == "heldout" else "dev"))


if __name__ == "__main__":
    main()
