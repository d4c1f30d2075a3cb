"""Conversations that are not questions: link shares, social posts, announcements, bots, joins."""

from __future__ import annotations

from kennismaker.demo import content, phrases
from kennismaker.demo.model import Conversation, Message
from kennismaker.demo.room import MINUTE_MS, Room
from kennismaker.demo.timeline import HOUR_MS, TOTAL_WORK_MS, epoch_ms

SOCIAL_REACTIONS = ("tada", "heart", "+1", "clap", "joy")
LINK_REACTIONS = ("+1", "eyes", "bookmark")


def _replies(room: Room, root: Message, texts: dict, budget: int, most: int) -> list[Message]:
    rng = room.rng
    count = min(rng.randint(0, most), max(budget - 1, 0))
    messages, clock = [root], root.ms
    for _ in range(count):
        author = room.someone(exclude=root.author)
        clock = min(clock + rng.randrange(MINUTE_MS, 60 * MINUTE_MS), TOTAL_WORK_MS - 1)
        lang = room.reply_language(root.lang, author)
        messages.append(Message(author, "social", lang, content.pick_parts(rng, texts, lang), 0, clock))
    return messages


def _react(room: Room, message: Message, names: tuple[str, ...], chance: float) -> None:
    rng = room.rng
    if rng.random() >= chance:
        return
    for name in rng.sample(names, rng.randint(1, 2)):
        message.reactions.append((name, [room.someone() for _ in range(rng.randint(1, 4))]))


def _maybe_delete(room: Room, messages: list[Message]) -> None:
    """Delete a root now and then: only threaded roots with replies, which Slack keeps as tombstones."""
    container = room.container
    if container.platform == "slack" and container.flat:
        return
    if len(messages) > 1 and room.rng.random() < 0.04:
        messages[0].deleted = True


def _conversation(room: Room, kind: str, messages: list[Message], subject: str | None) -> Conversation:
    root = messages[0]
    return Conversation(room.container, kind, root.lang, subject, None, epoch_ms(root.ms), messages)


def link_share(room: Room, start: int, budget: int) -> Conversation:
    """A shared intranet page ("ter info: https://..."), sometimes with a thank-you or two."""
    rng = room.rng
    author = room.someone()
    lang = room.language(author)
    subject = room.subject() if rng.random() < 0.7 else None
    root = Message(author, "link_share", lang, content.link_share_parts(rng, subject, lang), None, start)
    _react(room, root, LINK_REACTIONS, 0.3)
    messages = _replies(room, root, phrases.ACK_REPLIES, budget, 2)
    return _conversation(room, "link_share", messages, subject.name if subject else None)


def social_post(room: Room, start: int, budget: int) -> Conversation:
    """A greeting, congratulation, lunch call or thank-you, with social replies and reactions."""
    rng = room.rng
    author = room.someone()
    lang = room.language(author)
    parts = content.pick_parts(rng, phrases.SOCIAL_POSTS, lang, who=room.someone(exclude=author))
    root = Message(author, "social", lang, parts, None, start)
    _react(room, root, SOCIAL_REACTIONS, 0.45)
    messages = _replies(room, root, phrases.SOCIAL_REPLIES, budget, 3)
    _maybe_delete(room, messages)
    return _conversation(room, "social", messages, None)


def other_post(room: Room, start: int, budget: int) -> Conversation:
    """An announcement on one of the container's subjects, or a personal status update."""
    rng = room.rng
    author = room.someone()
    lang = room.language(author)
    subject = room.subject() if rng.random() < 0.6 else None
    if subject is not None:
        parts = content.news_parts(rng, subject, lang)
        if rng.random() < 0.08:
            parts = parts + [" Zie bijlage." if lang == "nl" else " See attachment."]
    else:
        parts = content.pick_parts(rng, phrases.STATUS_POSTS, lang, who=room.someone(exclude=author))
    root = Message(author, "other", lang, parts, None, start)
    if subject is not None and len(parts) > 1:
        root.attachment = room.attachment(phrases.FILES[rng.choice((3, 4, 5))])
    messages = _replies(room, root, phrases.ACK_REPLIES, budget, 1)
    _maybe_delete(room, messages)
    return _conversation(room, "other", messages, subject.name if subject else None)


def bot_post(room: Room, start: int, budget: int) -> Conversation:
    """A single bot message (ticket notice or build/stand-up notice)."""
    rng = room.rng
    bot = rng.choice(room.container.bots)
    lang = "nl" if rng.random() < 0.6 else "en"
    subject = room.subject()
    root = Message(bot, "bot", lang, content.bot_parts(rng, bot, subject, lang), None, start)
    return _conversation(room, "bot", [root], None)


def join_event(room: Room, start: int, budget: int) -> Conversation:
    """A member joining the channel (a system event)."""
    root = Message(room.someone(), "system", "en", [], None, start, system=True)
    return _conversation(room, "system", [root], None)


def off_hours_shift(room: Room, conv: Conversation) -> int:
    """Milliseconds to push a social or bot conversation into the evening now and then."""
    if conv.kind in ("bot", "social") and room.rng.random() < 0.08:
        return room.rng.randrange(8 * HOUR_MS, 13 * HOUR_MS)
    return 0
