"""The staff of the fictional Gemeente Waterland: names, e-mail addresses, experts and bots."""

from __future__ import annotations

import random
import unicodedata

from kennismaker.demo.model import Person

DOMAIN = "waterland.example"
DUTCH_FIRST = (
    "Sanne", "Daan", "Lotte", "Bram", "Femke", "Joris", "Anouk", "Thijs", "Eva", "Ruben", "Maaike", "Stijn",
    "Iris", "Jeroen", "Marieke", "Koen", "Ilse", "Sander", "Nienke", "Wouter", "Esther", "Bas", "Lieke",
    "Maarten", "Sophie", "Pieter", "Floor", "Niels", "Merel", "Gijs", "Hanneke", "Jasper", "Roos", "Tim",
    "Marloes", "Erik", "Fleur", "Henk", "Willemijn", "Jan", "Annemiek", "Kees", "Lisa", "Dirk", "Ingrid",
)
DUTCH_LAST = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van Dijk", "Schouten", "Hoekstra", "Prins", "Kuipers", "Post",
)
INTERNATIONAL_FIRST = (
    "Mohammed", "Fatima", "Priya", "Wei", "Ana", "Ahmed", "Aylin", "Mehmet", "Elif", "Raj", "Chen", "Maria",
    "João", "Olga", "Piotr", "Katarzyna", "James", "Aisha", "Omar", "Kwame", "Amara", "Diego", "Lucía",
    "Hiroshi", "Yusuf", "Emily", "Oliver", "Nadia",
)
INTERNATIONAL_LAST = (
    "El Amrani", "Yılmaz", "Sharma", "Zhang", "Silva", "Kowalski", "Nowak", "Smith", "Brown", "Okafor",
    "Mensah", "García", "Rossi", "Tanaka", "Öztürk", "Haddad", "Novak", "Fernandes", "O'Brien", "Nguyen",
)
JOB_TITLES = (
    "Beleidsmedewerker", "Projectleider", "Adviseur ruimtelijke ordening", "Medewerker Burgerzaken",
    "Teamleider", "Communicatieadviseur", "Juridisch medewerker", "Data-analist", "Software developer",
    "Medewerker klantcontact", "Managementassistent", "Controller", "Inkoopadviseur", "Wijkcoördinator",
)
EXPERT_ROLES = (
    ("Senior servicedesk-medewerker", ("vpn-toegang", "laptop-hardware", "phishing-security")),
    ("Functioneel beheerder Microsoft 365", ("teams-migratie", "power-bi-dashboards")),
    ("HR-adviseur", ("verlof", "salaris-cao", "onboarding")),
    ("Medewerker financiële administratie", ("declaraties", "power-bi-dashboards")),
    ("Coördinator facilitaire zaken", ("facilitair-kantoor", "onboarding")),
)
BOTS = (("Helpdesk", "Bot", "helpdesk-bot"), ("Waterland", "CI", "build-bot"))
_ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def people_count(messages: int) -> int:
    """How many people the organisation has for a run of ``messages``: one per 50, 40 to 5000."""
    return max(40, min(5000, messages // 50))


def ascii_handle(first: str, last: str) -> str:
    """A lower-case ASCII login name such as ``sanne.devries``."""
    raw = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    return unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")


def guid(rng: random.Random) -> str:
    """A random (but seeded) GUID in the 8-4-4-4-12 form."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _name(rng: random.Random, international: bool) -> tuple[str, str]:
    if international:
        return rng.choice(INTERNATIONAL_FIRST), rng.choice(INTERNATIONAL_LAST)
    return rng.choice(DUTCH_FIRST), rng.choice(DUTCH_LAST)


def _person(rng: random.Random, index: int, taken: dict[str, int], role: tuple | None) -> Person:
    international = rng.random() < 0.22
    first, last = _name(rng, international)
    handle = ascii_handle(first, last)
    taken[handle] = taken.get(handle, 0) + 1
    if taken[handle] > 1:
        handle = f"{handle}{taken[handle]}"
    title, subjects = role if role else (rng.choice(JOB_TITLES), ())
    return Person(
        index=index, first=first, last=last, handle=handle, email=f"{handle}@{DOMAIN}", job_title=title,
        international=international, expert_subjects=subjects,
        deleted=role is None and rng.random() < 0.03,
    )


def _assign_ids(rng: random.Random, person: Person) -> None:
    tail = "".join(rng.choice(_ID_CHARS) for _ in range(6))
    person.slack_id = f"U{tail}{person.index:04X}"
    person.teams_id = guid(rng)
    person.yammer_id = str(1_480_000_000 + person.index * 1000 + rng.randrange(1000))


def staff(seed: int, count: int) -> list[Person]:
    """``count`` people; the first five are the experts who give most answers."""
    rng = random.Random(f"{seed}:people")
    taken: dict[str, int] = {}
    people = []
    for index in range(count):
        role = EXPERT_ROLES[index] if index < len(EXPERT_ROLES) else None
        person = _person(rng, index, taken, role)
        _assign_ids(rng, person)
        people.append(person)
    return people


def bots(seed: int, first_index: int) -> list[Person]:
    """The two bots: the helpdesk ticket bot and the build/stand-up bot."""
    rng = random.Random(f"{seed}:bots")
    made = []
    for offset, (first, last, handle) in enumerate(BOTS):
        bot = Person(index=first_index + offset, first=first, last=last, handle=handle,
                     email=f"{handle}@{DOMAIN}", job_title="Bot", international=False, is_bot=True)
        _assign_ids(rng, bot)
        made.append(bot)
    return made
