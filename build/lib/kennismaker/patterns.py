"""The one web-address and the one e-mail pattern of kennismaker: link extraction, cues, the reply
scorer, the tacit score, topic vectorising, PII masking and quarantine excerpts all use these.

Data only (regular expressions); nothing here reads or writes.
"""

from __future__ import annotations

import re

# A web address: with a scheme, or starting with "www."; it ends before white space, quotes, angle or
# square brackets, parentheses and pipes (Markdown "[x](https://...)", Slack "<https://...|label>").
URL_PATTERN = r"(?i)\b(?:https?://|www\.)[^\s<>\"'`|\]\[)(]+"
# An e-mail address; not when a ":path" follows, as in the ssh remote "git@github.com:team/repo.git".
EMAIL_PATTERN = r"(?i)(?:mailto:)?[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9.-]*:[\w/~])"

URL_RE = re.compile(URL_PATTERN)
EMAIL_RE = re.compile(EMAIL_PATTERN)
