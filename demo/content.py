"""Message texts as parts: question variants, answers, follow-ups, link shares, social and bot posts.

Every function takes the random generator first and returns a list of parts (``str``,
:class:`~demo.model.Person` for a mention, :class:`~demo.model.Link`).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from kennismaker.demo import phrases
from kennismaker.demo.families_more import MORE_FAMILIES
from kennismaker.demo.model import Family, Link, Person, Subject
from kennismaker.demo.subjects_hr import HR_SUBJECTS
from kennismaker.demo.subjects_it import IT_SUBJECTS
from kennismaker.demo.subjects_ops import OPS_SUBJECTS

SUBJECTS: dict[str, Subject] = {
    s.name: replace(s, families=s.families + MORE_FAMILIES[s.name]) for s in IT_SUBJECTS + HR_SUBJECTS + OPS_SUBJECTS
}
INTRANET = "https://intranet.waterland.example/"
_PLACEHOLDER = re.compile(r"(\{who\}|\{link\}|\{name\})")


def filled_parts(template: str, who: Person | None = None, link: Link | None = None) -> list:
    """The parts of ``template`` with ``{who}`` as a mention, ``{name}`` as plain text and ``{link}``."""
    if "{" not in template:
        return [template]
    parts: list = []
    for piece in _PLACEHOLDER.split(template):
        if piece == "{who}":
            parts.append(who)
        elif piece == "{link}":
            parts.append(link)
        elif piece == "{name}":
            parts.append(who.name)
        elif piece:
            parts.append(piece)
    return parts


def intranet_link(path_title: tuple[str, str]) -> Link:
    """A link to a page on the fictional intranet."""
    return Link(INTRANET + path_title[0], path_title[1])


def question_parts(rng: random.Random, family: Family, lang: str) -> list:
    """One paraphrased variant of a family's question, with an optional greeting and closing."""
    text = rng.choice(family.nl if lang == "nl" else family.en)
    roll = rng.random()
    if roll < 0.12 and text.endswith("?"):
        text = text[:-1]
    elif roll < 0.2:
        text = text[0].lower() + text[1:]
    opener = rng.choice(phrases.OPENERS[lang])
    if opener.endswith((", ", ": ")) and text[1:2].islower():
        text = text[0].lower() + text[1:]
    return [opener + text + rng.choice(phrases.CLOSERS[lang])]


def answer_parts(rng: random.Random, style: str, subject: Subject, family: Family, lang: str,
                 asker: Person, flat: bool) -> list:
    """An answer of ``style`` ``explain``, ``short`` or ``link``, addressed to ``asker`` now and then."""
    if style == "explain":
        body = family.answer_nl if lang == "nl" else family.answer_en
    elif style == "short":
        body = rng.choice(subject.short_nl if lang == "nl" else subject.short_en)
    else:
        body = rng.choice(phrases.LINK_ANSWERS[lang])
    openers = phrases.FLAT_OPENERS if flat else phrases.ANSWER_OPENERS
    opener = rng.choice(openers[lang])
    if opener.endswith(", ") and body[1:2].islower():
        body = body[0].lower() + body[1:]
    return filled_parts(opener + body, who=asker, link=intranet_link(family.link))


def followup_parts(rng: random.Random, subject: Subject, lang: str) -> list:
    """A follow-up question from the asker after a first answer."""
    return [rng.choice(subject.followup_nl if lang == "nl" else subject.followup_en)]


def pick_parts(rng: random.Random, texts: dict[str, tuple[str, ...]], lang: str,
               who: Person | None = None) -> list:
    """A random text from a ``{lang: texts}`` table, with ``{who}`` filled in when given."""
    return filled_parts(rng.choice(texts[lang]), who=who)


def news_parts(rng: random.Random, subject: Subject, lang: str) -> list:
    """A subject announcement or status update."""
    return [rng.choice(subject.news_nl if lang == "nl" else subject.news_en)]


def link_share_parts(rng: random.Random, subject: Subject | None, lang: str) -> list:
    """A shared intranet link with a short introduction."""
    pages = subject.links if subject is not None else phrases.GENERAL_LINKS
    link = intranet_link(rng.choice(pages))
    parts = filled_parts(rng.choice(phrases.LINK_SHARES[lang]), link=link)
    if rng.random() < 0.3:
        parts.append(" " + link.label)
    return parts


def bot_parts(rng: random.Random, bot: Person, subject: Subject | None, lang: str) -> list:
    """A bot post: a helpdesk ticket notice or a build/stand-up notice."""
    table = phrases.HELPDESK_BOT if bot.handle == "helpdesk-bot" else phrases.BUILD_BOT
    topic = subject.name.replace("-", " ") if subject is not None else "Teams"
    return [rng.choice(table[lang]).format(n=rng.randrange(10000, 99999), topic=topic)]


def earlier_parts(rng: random.Random, parts: list) -> list:
    """An earlier version of an edited text: the first plain piece with a typo or a missing end."""
    for i, part in enumerate(parts):
        if isinstance(part, str) and len(part) > 8:
            cut = rng.randrange(2, len(part) - 2)
            if rng.random() < 0.5:
                changed = part[:cut] + part[cut + 1] + part[cut] + part[cut + 2:]
            else:
                changed = part[: max(cut, len(part) // 2)].rstrip()
            return parts[:i] + [changed] + parts[i + 1:]
    return parts + ["."]
