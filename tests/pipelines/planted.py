"""The demo exports with one planted person and canary strings, for the privacy tests.

Zorro Canaryman (``slack:UZORRO0077``) answers a question in #it-helpdesk, with his phone number
and e-mail address in the text; colleagues name him ("@Zorro Canaryman", "Dank je Zorro
Canaryman") and mention him (``<@UZORRO0077>``). A direct message and a private channel hold
canaries of their own (neither may be loaded under the default privacy config), and a malformed
record quotes his name and number (it goes to quarantine).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

PLANTED_ID = "UZORRO0077"
PLANTED_NAME = "Zorro Canaryman"
PLANTED_EMAIL = "zorro.canaryman@canary.example"
PLANTED_PHONE = "06-48151623"
ANSWER_CANARY = "CANARYANSWER7F3A"
DM_CANARY = "DMCANARY91C2"
PRIVATE_CANARY = "PRIVATECANARY44D8"
ASKER = "U1UVRHQ0000"  # Priya El Amrani in the demo organisation
HELPER = "UVHCFB10001"  # Stijn Mulder
T0 = 1793000000  # 2026-10-26, inside the demo's time span

# Byte strings that must appear in no export, report, log, quarantine excerpt or Prefect storage.
CANARIES = {
    "full name": PLANTED_NAME.encode(), "surname": b"Canaryman", "e-mail": PLANTED_EMAIL.encode(),
    "phone": PLANTED_PHONE.encode(), "phone digits": b"48151623", "DM text": DM_CANARY.encode(),
    "private channel text": PRIVATE_CANARY.encode(), "platform id": PLANTED_ID.encode(),
}


def _message(user: str, seconds: int, text: str, thread: int | None = None) -> dict:
    ts = f"{T0 + seconds}.000100"
    row = {"type": "message", "user": user, "ts": ts, "text": text}
    if thread is not None:
        row["thread_ts"] = f"{T0 + thread}.000100"
    return row


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _add(path: Path, *items: dict) -> None:
    _write(path, json.loads(path.read_text(encoding="utf-8")) + list(items))


def planted_exports(demo_exports: Path, target: Path) -> Path:
    """A copy of ``demo_exports`` (slack, teams, yammer) in ``target`` with the planted person; returns ``target``."""
    shutil.copytree(demo_exports, target)
    slack = target / "slack"
    _add(slack / "users.json", {
        "id": PLANTED_ID, "name": "zorro.canaryman", "real_name": PLANTED_NAME, "is_bot": False,
        "profile": {"email": PLANTED_EMAIL, "real_name": PLANTED_NAME, "display_name": "Zorro"}})
    day = "2026-10-26.json"
    _write(slack / "it-helpdesk" / day, [
        _message(ASKER, 0, "Weet iemand hoe ik de printer op de derde verdieping aan mijn laptop koppel?", thread=0),
        _message(PLANTED_ID, 60, f"Hoi @Priya, dat gaat via het Software Center: zoek op 'Printer verdieping 3', installeer "
                 f"het pakket en herstart de laptop. De wachtrij heet {ANSWER_CANARY}. Bel me op {PLANTED_PHONE} of mail "
                 f"{PLANTED_EMAIL} als het niet lukt.", thread=0),
        _message(ASKER, 120, f"Top, dank je {PLANTED_NAME}! Dat werkt.", thread=0),
        _message(HELPER, 600, f"Voor printers: vraag het aan @{PLANTED_NAME} of <@{PLANTED_ID}>, die weet daar alles van."),
        {"type": "message", "user": PLANTED_ID, "text": f"kapot record van {PLANTED_NAME}, bel {PLANTED_PHONE}"},  # no ts
    ])
    _add(slack / "dms.json", {"id": "DZORRO0001", "created": T0, "members": [PLANTED_ID, ASKER]})
    _write(slack / "DZORRO0001" / day, [_message(PLANTED_ID, 30, f"{DM_CANARY}: alleen tussen ons, {PLANTED_PHONE}")])
    _add(slack / "groups.json", {"id": "GZORRO0001", "name": "printer-geheim", "created": T0, "is_private": True,
                                 "members": [PLANTED_ID, ASKER, HELPER]})
    _write(slack / "printer-geheim" / day, [_message(HELPER, 90, f"{PRIVATE_CANARY} van {PLANTED_NAME}")])
    return target


def hits(root: Path, skip: Path | None = None) -> dict[str, list[str]]:
    """Per canary, the files under ``root`` (not under ``skip``) whose bytes contain it."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if skip is not None and path.is_relative_to(skip):
            continue
        data = path.read_bytes()
        for name, canary in CANARIES.items():
            if canary in data or canary.lower() in data.lower():
                found.setdefault(name, []).append(str(path.relative_to(root)))
    return found
