"""Entry point: ``generate_demo(out_dir, messages, seed)`` and ``python -m kennismaker.demo.generate``.

Writes the exports of the fictional Gemeente Waterland (Slack, Teams, Viva Engage) and the
truth files under ``out_dir``. The same seed and size give byte-identical files. Conversations
are generated container by container in time order and written as they are made, so memory
stays bounded whatever the size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from kennismaker.demo.channels import containers
from kennismaker.demo.people import bots, people_count, staff
from kennismaker.demo.schedule import container_budgets, container_conversations
from kennismaker.demo.truth import TruthWriter
from kennismaker.demo.write_slack import SlackWriter
from kennismaker.demo.write_teams import TeamsWriter
from kennismaker.demo.write_yammer import YammerWriter

OUTPUT_FOLDERS = ("slack", "teams", "yammer", "truth")


def generate_demo(out_dir: Path, messages: int = 3000, seed: int = 42) -> dict:
    """Write the demo exports and truth files into ``out_dir`` and return the summary counts.

    ``slack/``, ``teams/``, ``yammer/`` and ``truth/`` under ``out_dir`` are replaced, so no
    day file of an earlier, larger run is left behind.
    """
    out_dir = Path(out_dir)
    if messages < 1:
        raise ValueError(f"messages must be at least 1, got {messages}")
    for folder in OUTPUT_FOLDERS:
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    humans = staff(seed, people_count(messages))
    robots = bots(seed, len(humans))
    rooms = containers(seed, humans, robots)
    writers = {"slack": SlackWriter(out_dir), "teams": TeamsWriter(out_dir), "yammer": YammerWriter(out_dir)}
    for writer in writers.values():
        writer.write_directory(humans + robots, rooms)
    truth = TruthWriter(out_dir)
    for container, budget in zip(rooms, container_budgets(rooms, messages)):
        writer = writers[container.platform]
        writer.open_container(container)
        for conv in container_conversations(container, seed, budget):
            writer.write(conv)
            truth.write(conv)
        writer.close_container(container)
    for writer in writers.values():
        writer.close()
    extra = {"seed": seed, "requested_messages": messages, "people": len(humans), "bots": len(robots),
             "containers": len(rooms), "private_containers": sum(c.private for c in rooms)}
    return truth.close(extra)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m kennismaker.demo.generate --out DIR --messages N --seed S``."""
    parser = argparse.ArgumentParser(prog="python -m kennismaker.demo.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("demo/data"), help="folder to write into")
    parser.add_argument("--messages", type=int, default=3000, help="number of messages (default 3000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    counts = generate_demo(args.out, messages=args.messages, seed=args.seed)
    print(f"wrote {counts['messages']} messages in {counts['conversations']} conversations to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
