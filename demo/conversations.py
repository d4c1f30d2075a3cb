"""Question conversations: a question from a family plus answers, follow-ups, thanks and +1s.

About one in six questions stays unanswered, in three ways: nobody replies, only social
replies ("+1, zelfde probleem"), or only the asker bumps the question ("iemand?").
"""

from __future__ import annotations

from kennismaker.demo import content, phrases
from kennismaker.demo.model import Conversation, Family, Message, Person, Subject
from kennismaker.demo.room import MINUTE_MS, Room
from kennismaker.demo.timeline import TOTAL_WORK_MS, WORK_DAY_MS, epoch_ms

ANSWER_STYLES = ("explain", "explain", "short", "link")


def reply_plan(room: Room) -> list[str]:
    """The roles of the replies to a question, in order (at most six)."""
    rng = room.rng
    roll = rng.random()
    if roll < 0.075:
        return []
    if roll < 0.13:
        return ["metoo"] * rng.randint(1, 3)
    if roll < 0.175:
        return ["bump"] * rng.randint(1, 2)
    plan = []
    if rng.random() < 0.12:
        plan.append("metoo")
    if rng.random() < 0.06:
        plan.append("bump")
    plan.append(rng.choice(ANSWER_STYLES))
    if rng.random() < 0.25:
        plan += ["followup", rng.choice(ANSWER_STYLES)]
    elif rng.random() < 0.2:
        plan.append("second")
    if rng.random() < 0.5:
        plan.append("thanks")
    return plan[:6]


def reply_delay(room: Room, first: bool) -> int:
    """Work-clock milliseconds between two messages of a question conversation."""
    rng = room.rng
    if room.container.flat:
        return rng.randrange(2 * MINUTE_MS, 10 * MINUTE_MS) if first else rng.randrange(MINUTE_MS, 10 * MINUTE_MS)
    mean = 40 * MINUTE_MS if first else 15 * MINUTE_MS
    return min(int(rng.expovariate(1.0 / mean)) + 30_000, 2 * WORK_DAY_MS)


class _Thread:
    """Builds the replies of one question; keeps who answered last for thanks and reactions."""

    def __init__(self, room: Room, subject: Subject, family: Family, root: Message) -> None:
        self.room, self.subject, self.family, self.root = room, subject, family, root
        self.messages = [root]
        self.answerer: Person | None = None
        self.last_answer = 0
        self.followup = 0
        self.clock = root.ms

    def add(self, author: Person, kind: str, lang: str, parts: list, parent: int) -> Message:
        """Append a reply a little later on the work clock."""
        self.clock = min(self.clock + reply_delay(self.room, len(self.messages) == 1), TOTAL_WORK_MS - 1)
        message = Message(author, kind, lang, parts, parent, self.clock)
        self.messages.append(message)
        return message

    def answer(self, style: str, author: Person, parent: int) -> None:
        """Append an answer in ``style`` by ``author``."""
        room, asker = self.room, self.root.author
        lang = room.reply_language(self.root.lang, author)
        parts = content.answer_parts(room.rng, style, self.subject, self.family, lang, asker, room.container.flat)
        message = self.add(author, "answer", lang, parts, parent)
        if room.rng.random() < 0.03:
            message.attachment = room.attachment(phrases.FILES[2])
        if not room.container.flat and room.rng.random() < 0.03:
            message.broadcast = True
        self.answerer, self.last_answer = author, len(self.messages) - 1

    def step(self, role: str) -> None:
        """Append the reply for one role of the plan."""
        room, rng, asker, lang = self.room, self.room.rng, self.root.author, self.root.lang
        if role == "metoo":
            other = room.someone(exclude=asker)
            self.add(other, "social", lang, content.pick_parts(rng, phrases.ME_TOO, lang), 0)
        elif role == "bump":
            self.add(asker, "other", lang, content.pick_parts(rng, phrases.BUMPS, lang), 0)
        elif role == "followup":
            self.add(asker, "question", lang, content.followup_parts(rng, self.subject, lang), self.last_answer)
            self.followup = len(self.messages) - 1
        elif role == "second":
            other = room.answerer(self.subject.name, asker)
            self.answer(rng.choice(("short", "link")), other, 0)
        elif role == "thanks":
            self.thanks()
        else:
            author = self.answerer if self.answerer is not None else room.answerer(self.subject.name, asker)
            self.answer(role, author, self.followup)

    def thanks(self) -> None:
        """Append the asker's thank-you to the last answer."""
        rng, asker = self.room.rng, self.root.author
        lang = self.root.lang
        parts = content.pick_parts(rng, phrases.THANKS, lang)
        if self.room.container.flat and self.answerer is not None and rng.random() < 0.5:
            parts = [self.answerer, " "] + parts
        self.add(asker, "social", lang, parts, self.last_answer)

    def react(self) -> None:
        """Add a check mark from the asker (and now and then a +1) to the last answer."""
        rng, asker = self.room.rng, self.root.author
        if self.answerer is None:
            return
        answer = self.messages[self.last_answer]
        if rng.random() < 0.4:
            answer.reactions.append(("white_check_mark", [asker]))
        if rng.random() < 0.2:
            answer.reactions.append(("+1", [self.room.someone(exclude=asker)]))


def question_conversation(room: Room, start: int, budget: int) -> Conversation:
    """A question from the container's next family and up to six replies (never more than ``budget``)."""
    rng = room.rng
    subject, family = room.next_family()
    asker = room.someone()
    lang = room.language(asker)
    root = Message(asker, "question", lang, content.question_parts(rng, family, lang), None, start)
    if rng.random() < 0.05:
        root.attachment = room.attachment(phrases.FILES[rng.randrange(2)])
        root.parts = root.parts + [rng.choice(phrases.FILE_NOTES[lang])]
    thread = _Thread(room, subject, family, root)
    for role in reply_plan(room)[: max(budget - 1, 0)]:
        thread.step(role)
    thread.react()
    return Conversation(room.container, "question", lang, subject.name, subject.family_id(family),
                        epoch_ms(start), thread.messages, asker=asker)
