"""Channels, groups, chats and DMs of the demo organisation on Slack, Teams and Viva Engage."""

from __future__ import annotations

import random
from typing import NamedTuple

from kennismaker.demo.model import Container, Person
from kennismaker.demo.people import guid

ALL = ("vpn-toegang", "laptop-hardware", "phishing-security", "teams-migratie", "declaraties", "onboarding",
       "verlof", "salaris-cao", "facilitair-kantoor", "power-bi-dashboards")
IT = ("vpn-toegang", "laptop-hardware", "phishing-security", "teams-migratie")
HR = ("verlof", "salaris-cao", "onboarding")
MIXES = {
    "helpdesk": (("question", .5), ("link_share", .1), ("social", .06), ("other", .14), ("bot", .15),
                 ("system", .05)),
    "questions": (("question", .52), ("link_share", .14), ("social", .1), ("other", .19), ("system", .05)),
    "onboarding": (("question", .45), ("link_share", .15), ("social", .25), ("other", .1), ("system", .05)),
    "general": (("question", .12), ("link_share", .18), ("social", .45), ("other", .2), ("system", .05)),
    "dev": (("question", .35), ("link_share", .15), ("social", .1), ("other", .15), ("bot", .2),
            ("system", .05)),
    "flat": (("question", .55), ("social", .3), ("link_share", .1), ("other", .05)),
    "private": (("question", .35), ("social", .3), ("other", .25), ("link_share", .1)),
    "chat": (("question", .5), ("social", .5)),
}


class Spec(NamedTuple):
    """The fixed description of one container."""

    platform: str
    name: str
    kind: str
    subjects: tuple[str, ...]
    mix: str
    share: float
    topic: str = ""


SPECS = (
    Spec("slack", "algemeen", "public", ("facilitair-kantoor", "teams-migratie", "phishing-security"), "general",
         .06, "Algemene mededelingen en gezelligheid"),
    Spec("slack", "it-helpdesk", "public", IT, "helpdesk", .12, "Vragen over VPN, laptops en beveiliging"),
    Spec("slack", "hr-vragen", "public", HR, "questions", .06, "Verlof, salaris en cao"),
    Spec("slack", "finance-declaraties", "public", ("declaraties",), "questions", .05, "Declaraties en vergoedingen"),
    Spec("slack", "onboarding", "public", ("onboarding", "laptop-hardware", "vpn-toegang"), "onboarding", .03,
         "Voor en door nieuwe collega's"),
    Spec("slack", "dev-team", "public", ("power-bi-dashboards", "vpn-toegang", "teams-migratie"), "dev", .05,
         "Ontwikkelteam waterland-portaal"),
    Spec("slack", "facilitair", "public", ("facilitair-kantoor",), "questions", .03, "Kantoor, ruimtes en parkeren"),
    Spec("slack", "vragenuur", "flat", ALL, "flat", .05, "Stel je vraag, iemand weet het antwoord"),
    Spec("slack", "directie-overleg", "private", ALL, "private", .01, "Vertrouwelijk: directie"),
    Spec("slack", "ondernemingsraad", "private", HR, "private", .01, "Vertrouwelijk: OR"),
    Spec("slack", "dm-1", "dm", ALL, "chat", .003),
    Spec("slack", "dm-2", "dm", ALL, "chat", .003),
    Spec("slack", "dm-3", "dm", ALL, "chat", .002),
    Spec("slack", "dm-4", "dm", ALL, "chat", .002),
    Spec("slack", "mpim-1", "mpim", ALL, "chat", .005),
    Spec("slack", "mpim-2", "mpim", ALL, "chat", .005),
    Spec("teams", "General", "standard", ("teams-migratie", "facilitair-kantoor"), "general", .05),
    Spec("teams", "IT Servicedesk", "standard", IT, "helpdesk", .09),
    Spec("teams", "HR & Salaris", "standard", HR, "questions", .05),
    Spec("teams", "Financiën", "standard", ("declaraties", "power-bi-dashboards"), "questions", .04),
    Spec("teams", "Data & BI", "standard", ("power-bi-dashboards",), "dev", .03),
    Spec("teams", "MT-overleg", "private", ALL, "private", .015),
    Spec("teams", "chat-1", "oneOnOne", ALL, "chat", .005),
    Spec("teams", "chat-2", "oneOnOne", ALL, "chat", .004),
    Spec("teams", "chat-3", "oneOnOne", ALL, "chat", .003),
    Spec("teams", "Lunchclub", "group", ALL, "chat", .003),
    Spec("yammer", "Alle medewerkers", "public_group", ("facilitair-kantoor", "onboarding", "teams-migratie"), "general",
         .06, "Het netwerk van iedereen bij Gemeente Waterland"),
    Spec("yammer", "Vraag het IT", "public_group", IT, "questions", .05, "Stel je IT-vraag aan de community"),
    Spec("yammer", "HR-plein", "public_group", HR, "questions", .04, "Alles over werken bij Waterland"),
    Spec("yammer", "Kantoor & Facilitair", "public_group", ("facilitair-kantoor", "declaraties"), "questions", .025,
         "Huisvesting, declaraties en faciliteiten"),
    Spec("yammer", "Power BI Community", "public_group", ("power-bi-dashboards",), "questions", .02,
         "Tips en vragen over dashboards"),
    Spec("yammer", "Ondernemingsraad", "private_group", HR, "private", .0075, "Besloten groep van de OR"),
    Spec("yammer", "pm-1", "conversation", ALL, "chat", .004),
    Spec("yammer", "pm-2", "conversation", ALL, "chat", .0035),
)
PRIVATE_KINDS = ("private", "dm", "mpim", "oneOnOne", "group", "private_group", "conversation")
FLAT_KINDS = ("flat", "dm", "mpim", "oneOnOne", "group")
_SIZES = {"dm": 2, "oneOnOne": 2, "conversation": 2, "mpim": 3, "group": 4, "private": 8, "private_group": 9}
_ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def _slack_id(rng: random.Random, prefix: str, index: int) -> str:
    return prefix + "".join(rng.choice(_ID_CHARS) for _ in range(7)) + f"{index:03X}"


def _native_id(rng: random.Random, spec: Spec, index: int, members: list[Person]) -> str:
    if spec.platform == "slack":
        return _slack_id(rng, {"public": "C", "flat": "C", "dm": "D"}.get(spec.kind, "G"), index)
    if spec.platform == "teams":
        if spec.kind == "oneOnOne":
            return f"19:{members[0].teams_id}_{members[1].teams_id}@unq.gbl.spaces"
        suffix = "@thread.v2" if spec.kind == "group" else "@thread.tacv2"
        return f"19:{rng.getrandbits(128):032x}{suffix}"
    return str(5_100_000 + index * 97 + rng.randrange(90))


def _members(rng: random.Random, spec: Spec, humans: list[Person]) -> list[Person]:
    active = [p for p in humans if not p.deleted]
    size = _SIZES.get(spec.kind, 2)
    if spec.kind in ("standard", "public", "flat", "public_group"):
        return list(humans)
    chosen = rng.sample(active[:5], 2) if spec.kind in ("private", "private_group") else []
    rest = [p for p in active if p not in chosen]
    return chosen + rng.sample(rest, min(size - len(chosen), len(rest)))


def containers(seed: int, humans: list[Person], bots: list[Person]) -> list[Container]:
    """Every container of every platform, with seeded ids and members, in a fixed order."""
    rng = random.Random(f"{seed}:containers")
    team_id = guid(rng)
    made = []
    for index, spec in enumerate(SPECS):
        members = _members(rng, spec, humans)
        weights = MIXES[spec.mix]
        if spec.platform == "yammer":
            weights = tuple((k, w) for k, w in weights if k not in ("system", "bot"))
        made.append(Container(
            key=f"{spec.platform}/{spec.name}", platform=spec.platform, name=spec.name, kind=spec.kind,
            private=spec.kind in PRIVATE_KINDS, flat=spec.kind in FLAT_KINDS,
            subjects=spec.subjects, kind_weights=weights, share=spec.share, topic=spec.topic,
            native_id=_native_id(rng, spec, index, members), team_id=team_id if spec.platform == "teams" else "",
            slot=index, members=members, bots=list(bots) if spec.mix in ("helpdesk", "dev") else [],
        ))
    return made
