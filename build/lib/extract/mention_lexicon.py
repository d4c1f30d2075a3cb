"""Words that ``extract.typed_mentions`` treats specially when a message opens with a name; data only.

Compared case-insensitively, Dutch and English side by side (chat switches between them).
"""

from __future__ import annotations

# A word that may come before the name a message opens with: "Hoi Anna, ..." / "Thanks Bram: ...".
OPENING_WORDS = frozenset(
    "hoi hi hey hallo hello hoy dag beste goedemorgen goedemiddag goedenavond morgen morning "
    "thanks thx bedankt dank merci ja jep nee yes yep no nope ok oke oké sorry".split()
)

# Labels a message opens with ("PS: ...", "Update: ..."), never read as the name of the addressee,
# even when somebody's nick happens to be the same word.
NOT_ADDRESSEES = frozenset(
    "ps pps nb edit update fyi fw fwd re note tip vraag antwoord question answer oplossing solution "
    "error fout waarschuwing warning info todo".split()
) | {"let op"}
