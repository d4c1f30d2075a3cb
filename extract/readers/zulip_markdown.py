"""The text of a Zulip message from its Markdown source (``zerver_message.content``).

Zulip keeps what the user typed; the markup that names people and channels is rewritten here:

* ``@**Full Name**`` / ``@**Full Name|12**`` (a mention) and ``@_**Full Name|12**`` (a silent
  mention) read ``@Full Name`` only when display names may be stored, otherwise ``@user``; the
  user id goes to the mentions. ``@**all**`` (``everyone``, ``channel``, ``stream``, ``topic``)
  reads ``@all`` and names nobody; a user group ``@*support*`` reads ``@support``.
* ``#**channel**`` and ``#**channel>topic**`` (``@id`` message links too) read ``#channel`` and
  ``#channel > topic``.
* A quote-and-reply block (``@_**Anna|12** [said](.../near/101):`` and a ```` ```quote ````
  fence) is removed from the text: those are someone else's words. The quoted message (``near/101``)
  is what the post replies to, and its author is a mention. Other quote fences are removed too.
* Links ``[label](https://...)`` read ``label (https://...)``; an uploaded file
  ``[report.pdf](/user_uploads/...)`` reads ``report.pdf`` and counts as an attachment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kennismaker.extract.text import tidy, urls_in

NEUTRAL_USER = "user"
WILDCARDS = frozenset({"all", "everyone", "channel", "stream", "topic"})
_QUOTE_REPLY = re.compile(
    r"@_\*\*(?P<name>[^*|]+?)(?:\|(?P<uid>\d+))?\*\* \[(?:said|wrote)\]\((?P<link>[^)\s]*)\):[ \t]*\n"
    r"(?P<fence>`{3,}|~{3,})quote[ \t]*\n.*?\n(?P=fence)[ \t]*(?:\n|$)",
    re.DOTALL,
)
_QUOTE = re.compile(r"(?P<fence>`{3,}|~{3,})quote[ \t]*\n.*?\n(?P=fence)[ \t]*(?:\n|$)", re.DOTALL)
_NEAR = re.compile(r"/near/(\d+)")
_USER = re.compile(r"@_?\*\*(?P<name>[^*|]+?)(?:\|(?P<uid>\d+))?\*\*")
_GROUP = re.compile(r"@_?\*(?P<name>[^*\s][^*]*?)\*")
_CHANNEL = re.compile(r"#\*\*(?P<channel>[^*>]+?)(?:>(?P<topic>[^*@]*?))?(?:@\d+)?\*\*")
_LINK = re.compile(r"\[(?P<label>[^\]]*)\]\((?P<url>[^)\s]+)\)")
_UPLOAD = "/user_uploads/"


@dataclass
class ZulipText:
    """Plain text of a message with the people it names, the message it quotes and its uploads."""

    text: str
    user_ids: list[int] = field(default_factory=list)
    quoted_message: int | None = None
    upload_count: int = 0
    urls: list[str] = field(default_factory=list)


def zulip_text(content: str, user_ids_by_name: dict[str, int | None], names: dict[int, str], named: bool) -> ZulipText:
    """The ``ZulipText`` of a message's Markdown; ``named`` says whether people may read as their name.

    ``user_ids_by_name`` maps a full name (case-folded) to the one user carrying it (None when
    shared), for mentions written without the ``|id`` that newer clients add.
    """
    out = ZulipText("")
    body = _QUOTE.sub("", _QUOTE_REPLY.sub(lambda m: _quote_reply(m, out, user_ids_by_name), content))

    def user(match: re.Match) -> str:
        name, uid = match.group("name").strip(), match.group("uid")
        if name.casefold() in WILDCARDS and uid is None:
            return "@all"
        user_id = int(uid) if uid else user_ids_by_name.get(name.casefold())
        if user_id is not None:
            out.user_ids.append(user_id)
        shown = names.get(user_id, name) if user_id is not None else name
        return "@" + (shown if named else NEUTRAL_USER)

    body = _USER.sub(user, body)
    body = _GROUP.sub(lambda m: "@" + m.group("name").strip(), body)
    body = _CHANNEL.sub(_channel_text, body)
    body = _LINK.sub(lambda m: _link_text(m, out), body)
    out.text = tidy(body)
    out.urls = urls_in(out.text)
    out.user_ids = list(dict.fromkeys(out.user_ids))
    return out


def _quote_reply(match: re.Match, out: ZulipText, user_ids_by_name: dict[str, int | None]) -> str:
    near = _NEAR.search(match.group("link"))
    if near and out.quoted_message is None:
        out.quoted_message = int(near.group(1))
    uid = match.group("uid")
    user_id = int(uid) if uid else user_ids_by_name.get(match.group("name").strip().casefold())
    if user_id is not None:
        out.user_ids.append(user_id)
    return ""


def _channel_text(match: re.Match) -> str:
    topic = (match.group("topic") or "").strip()
    return "#" + match.group("channel").strip() + (f" > {topic}" if topic else "")


def _link_text(match: re.Match, out: ZulipText) -> str:
    label, url = match.group("label").strip(), match.group("url")
    if _UPLOAD in url:
        out.upload_count += 1
        return label
    if url.startswith(("http://", "https://")):
        return f"{label} ({url})" if label and label != url else url
    return label or url
