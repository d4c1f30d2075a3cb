"""Words that ``extract.typed_mentions`` treats specially when a message opens with a name, by name;
the words are data, in ``kennismaker/lexicons/mentions.yaml``. Compared case-insensitively.
"""

from __future__ import annotations

from kennismaker.lexicon import words

# A word that may come before the name a message opens with: "Hoi Anna, ..." / "Thanks Bram: ...".
OPENING_WORDS = words("mentions", "opening_words")

# Labels a message opens with ("PS: ...", "Update: ..."), never read as the name of the addressee.
NOT_ADDRESSEES = words("mentions", "not_addressees")
