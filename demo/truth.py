"""The ground truth of what the generator planted: per message, per conversation, and a summary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kennismaker.demo.ids import truth_message_id
from kennismaker.demo.jsonl import to_json
from kennismaker.demo.model import Conversation, Person


def raw_author_id(platform: str, person: Person) -> str:
    """The author id as the platform's export shows it."""
    if platform == "slack":
        return person.slack_id
    return person.teams_id if platform == "teams" else person.yammer_id


def thread_outcome(conv: Conversation) -> tuple[bool, str | None]:
    """``(answered, unanswered_reason)``; the reason is ``None`` for answered and non-question conversations."""
    if conv.kind != "question":
        return False, None
    replies = conv.messages[1:]
    if any(m.kind == "answer" for m in replies):
        return True, None
    if not replies:
        return False, "no_replies"
    if all(m.author is conv.root.author for m in replies):
        return False, "only_asker"
    return False, "no_answer"


def message_records(conv: Conversation) -> list[dict]:
    """One truth record per message of the conversation."""
    container = conv.container
    platform = container.platform
    ids = [truth_message_id(container, m.native) for m in conv.messages]
    return [{
        "message_id": ids[i],
        "source": platform,
        "thread_id": ids[i] if container.flat else ids[0],
        "conversation_id": ids[0],
        "reply_to_id": None if m.parent is None else ids[m.parent],
        "kind": m.kind,
        "lang": m.lang,
        "subject": conv.subject,
        "family_id": conv.family_id,
        "private": container.private,
        "deleted": m.deleted,
        "author": raw_author_id(platform, m.author),
    } for i, m in enumerate(conv.messages)]


def thread_record(conv: Conversation) -> dict:
    """The truth record of the conversation as a whole."""
    container, root = conv.container, conv.root
    root_id = truth_message_id(container, root.native)
    answered, reason = thread_outcome(conv)
    return {
        "conversation_id": root_id, "thread_id": root_id, "source": container.platform,
        "channel_id": container.native_id, "private": container.private, "subject": conv.subject,
        "family_id": conv.family_id, "kind": conv.kind,
        "question_id": root_id if conv.kind == "question" else None, "answered": answered,
        "unanswered_reason": reason, "asker": raw_author_id(container.platform, root.author),
    }


ALWAYS_COUNTED = (
    "messages", "messages_slack", "messages_teams", "messages_yammer", "conversations", "conversations_question",
    "answered", "unanswered_no_replies", "unanswered_no_answer", "unanswered_only_asker", "lang_nl", "lang_en",
    "private_messages", "deleted_messages", "edited_messages",
)


class Tally:
    """Running counts for ``summary.json``; memory is bounded by the number of families."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.families: Counter[str] = Counter()

    def conversation(self, conv: Conversation) -> None:
        """Count one conversation, its messages and, for questions, its outcome and family."""
        platform, private = conv.container.platform, conv.container.private
        keys = ["conversations", f"conversations_{conv.kind}"]
        for m in conv.messages:
            keys += ("messages", f"messages_{platform}", f"kind_{m.kind}", f"lang_{m.lang}")
            if private:
                keys.append("private_messages")
            if m.deleted:
                keys.append("deleted_messages")
            if m.earlier_parts is not None:
                keys.append("edited_messages")
        if conv.kind == "question":
            answered, reason = thread_outcome(conv)
            keys.append("answered" if answered else f"unanswered_{reason}")
            self.families[conv.family_id] += 1
        self.counts.update(keys)

    def summary(self) -> dict:
        """All counts, with family statistics, keys sorted."""
        out = dict.fromkeys(ALWAYS_COUNTED, 0)
        out.update(self.counts)
        out["unanswered"] = sum(v for k, v in self.counts.items() if k.startswith("unanswered_"))
        out["families_asked"] = len(self.families)
        out["families_repeated"] = sum(1 for n in self.families.values() if n >= 3)
        out["family_max_repeats"] = max(self.families.values(), default=0)
        return dict(sorted(out.items()))


class TruthWriter:
    """Streams ``truth/messages.jsonl`` and ``truth/threads.jsonl``; writes ``summary.json`` at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root / "truth"
        self.root.mkdir(parents=True, exist_ok=True)
        self._messages = (self.root / "messages.jsonl").open("w", encoding="utf-8", newline="\n")
        self._threads = (self.root / "threads.jsonl").open("w", encoding="utf-8", newline="\n")
        self.tally = Tally()

    def write(self, conv: Conversation) -> None:
        """Record one conversation and its messages."""
        self.tally.conversation(conv)
        self._messages.write("".join(to_json(r) + "\n" for r in message_records(conv)))
        self._threads.write(to_json(thread_record(conv)) + "\n")

    def close(self, extra: dict) -> dict:
        """Close the JSON lines files, write ``summary.json`` and return the summary."""
        self._messages.close()
        self._threads.close()
        summary = {**extra, **self.tally.summary()}
        (self.root / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        return summary
