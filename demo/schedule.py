"""Spreads the message budget over containers and streams each container's conversations in time order."""

from __future__ import annotations

from collections.abc import Iterator

from kennismaker.demo.conversations import question_conversation
from kennismaker.demo.model import Container, Conversation
from kennismaker.demo.posts import bot_post, join_event, link_share, off_hours_shift, other_post, social_post
from kennismaker.demo.room import MINUTE_MS, Room
from kennismaker.demo.timeline import HOUR_MS, TOTAL_WORK_MS, WORK_DAY_MS

BUILDERS = {
    "question": question_conversation,
    "link_share": link_share,
    "social": social_post,
    "other": other_post,
    "bot": bot_post,
    "system": join_event,
}
MIN_PER_CONTAINER = 3
MESSAGES_PER_SESSION = 12
SESSION_START_MS = 4 * HOUR_MS


def container_budgets(containers: list[Container], messages: int) -> list[int]:
    """Messages per container, proportional to each share, summing to ``messages`` (at least 3 each)."""
    spare = max(messages - MIN_PER_CONTAINER * len(containers), 0)
    total_share = sum(c.share for c in containers)
    exact = [spare * c.share / total_share for c in containers]
    budgets = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (budgets[i] - exact[i], i))
    for i in by_remainder[: spare - sum(budgets)]:
        budgets[i] += 1
    return [b + MIN_PER_CONTAINER for b in budgets]


def start_position(container: Container, produced: int, budget: int) -> int:
    """Work-clock position for a conversation after ``produced`` of ``budget`` messages.

    Threaded containers spread evenly over the 12 weeks. The flat question-hour channel is
    busy in lunchtime sessions (12:00-13:00) of about a dozen messages, so that answers
    interleave with other questions and chatter.
    """
    if container.kind != "flat":
        return produced * TOTAL_WORK_MS // budget
    days = TOTAL_WORK_MS // WORK_DAY_MS
    sessions = max(1, min(days, budget // MESSAGES_PER_SESSION))
    position = produced * sessions / budget
    session = int(position)
    day = session * days // sessions
    return day * WORK_DAY_MS + SESSION_START_MS + int((position - session) * HOUR_MS)


def container_conversations(container: Container, seed: int, budget: int) -> Iterator[Conversation]:
    """The container's conversations, ordered by start time, with exactly ``budget`` messages in all.

    Conversation ``i`` starts where the share of the budget used so far falls on the work clock,
    so every container spans the whole 12 weeks whatever its size.
    """
    room = Room(container, seed)
    rng = room.rng
    produced = last_start = 0
    while produced < budget:
        target = start_position(container, produced, budget) + rng.randrange(0, 5 * MINUTE_MS)
        last_start = start = max(last_start, min(target, TOTAL_WORK_MS - 1))
        conv = BUILDERS[room.kind()](room, start, budget - produced)
        room.finalize(conv, off_hours_shift(room, conv))
        produced += len(conv.messages)
        yield conv
