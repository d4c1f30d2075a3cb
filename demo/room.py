"""A container's generation state: its seeded random generator, clock, posters and question deck."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

from kennismaker.demo.content import SUBJECTS, earlier_parts
from kennismaker.demo.ids import native_message_id
from kennismaker.demo.model import Attachment, Container, Conversation, Family, Person, Subject
from kennismaker.demo.timeline import HOUR_MS, UniqueClock, epoch_ms

MINUTE_MS = 60_000


class Room:
    """Everything one container needs while its conversations are generated, in time order."""

    def __init__(self, container: Container, seed: int) -> None:
        self.container = container
        self.rng = random.Random(f"{seed}:{container.key}")
        self.clock = UniqueClock()
        self.people = list(container.members)
        self.rng.shuffle(self.people)
        self._cum = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(self.people))))
        experts = [p for p in self.people if p.expert_subjects]
        self.experts = experts
        self.subject_experts = {s: [p for p in experts if s in p.expert_subjects] for s in container.subjects}
        self._kinds = [k for k, _ in container.kind_weights]
        self._kind_cum = list(accumulate(w for _, w in container.kind_weights))
        self._deck: list[tuple[Subject, Family]] = []

    def someone(self, exclude: Person | None = None) -> Person:
        """A member, the more active ones more often (a power law over a shuffled order)."""
        rng, people, cum = self.rng, self.people, self._cum
        for _ in range(8):
            person = people[min(bisect(cum, rng.random() * cum[-1]), len(people) - 1)]
            if person is not exclude:
                return person
        return next((p for p in people if p is not exclude), people[0])

    def answerer(self, subject: str, asker: Person) -> Person:
        """Who answers a question: mostly the subject's expert, sometimes another expert or anyone."""
        roll = self.rng.random()
        pool = self.subject_experts.get(subject, []) if roll < 0.6 else self.experts if roll < 0.75 else []
        pool = [p for p in pool if p is not asker]
        return self.rng.choice(pool) if pool else self.someone(exclude=asker)

    def language(self, person: Person) -> str:
        """The language a person starts a conversation in (international staff prefer English)."""
        return "en" if self.rng.random() < (0.62 if person.international else 0.33) else "nl"

    def reply_language(self, lang: str, person: Person) -> str:
        """The language of a reply: usually the conversation's, now and then switched."""
        switch = 0.25 if person.international and lang == "nl" else 0.04
        if self.rng.random() < switch:
            return "en" if lang == "nl" else "nl"
        return lang

    def kind(self) -> str:
        """The kind of the next conversation, drawn from the container's mix."""
        cum = self._kind_cum
        return self._kinds[min(bisect(cum, self.rng.random() * cum[-1]), len(self._kinds) - 1)]

    def subject(self) -> Subject:
        """One of the container's subjects."""
        return SUBJECTS[self.rng.choice(self.container.subjects)]

    def next_family(self) -> tuple[Subject, Family]:
        """The next question family, from a shuffled deck where each family appears a few times."""
        if not self._deck:
            deck = [(SUBJECTS[s], f) for s in self.container.subjects for f in SUBJECTS[s].families]
            self._deck = [item for item in deck for _ in range(self.rng.randint(1, 3))]
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def attachment(self, file: tuple[str, str]) -> Attachment:
        """A seeded attachment for a ``(name, mimetype)`` pair."""
        rng = self.rng
        return Attachment(f"F{rng.getrandbits(40):010X}", file[0], file[1], rng.randrange(20_000, 2_000_000))

    def finalize(self, conv: Conversation, shift_ms: int = 0) -> None:
        """Turn work-clock positions into unique epoch times and native ids; plant edits."""
        rng, clock, container = self.rng, self.clock, self.container
        clock.advance(conv.start_ms)
        previous = 0
        for message in conv.messages:
            ms = max(epoch_ms(message.ms) + shift_ms, previous + 1000)
            message.ms = previous = clock.claim(ms)
            message.native = native_message_id(container, message.ms)
            if not message.system and not message.author.is_bot and rng.random() < 0.05:
                message.earlier_parts = earlier_parts(rng, message.parts)
                message.edited_ms = message.ms + rng.randrange(MINUTE_MS, HOUR_MS // 2)
