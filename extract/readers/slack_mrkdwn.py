"""Slack mrkdwn to clean text, plus the URLs and user mentions a Slack message carries.

Slack marks up links and mentions as ``<...>`` tokens and escapes only ``&``, ``<`` and ``>``
(https://api.slack.com/reference/surfaces/formatting#escaping); everything else is literal text,
so one token pattern is all the parsing Slack's own format asks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kennismaker.extract.text import tidy, urls_in

_TOKEN = re.compile(r"<([^<>\n]*)>")
_BROADCASTS = {"here", "channel", "everyone"}
NEUTRAL_USER = "user"  # how a mentioned user reads when names are not shown (``@user``)


@dataclass
class SlackText:
    """Clean text of a Slack message with what it links to and whom it mentions (raw user ids)."""

    text: str
    urls: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)


def unescape(text: str) -> str:
    """Undo Slack's three escapes (``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def slack_text(
    raw: str | None, user_names: Mapping[str, str], channel_names: Mapping[str, str], named: bool = True
) -> SlackText:
    """Clean text of a mrkdwn string: mentions become ``@Name``, links keep their label.

    ``user_names`` maps Slack user ids to display names and ``channel_names`` channel ids to
    names; link targets go to ``urls`` and mentioned user ids to ``user_ids``. With
    ``named=False`` every user mention reads ``@user``: neither the name nor the label (a
    handle) reaches the text.
    """
    out = SlackText("")
    names = user_names if named else {}
    text = _TOKEN.sub(lambda m: _token_text(m.group(1), out, names, channel_names, named), raw or "")
    out.text = tidy(unescape(text))
    for url in urls_in(out.text):
        _add(out.urls, url)
    return out


def _token_text(token: str, out: SlackText, user_names: Mapping[str, str], channel_names: Mapping[str, str], named: bool) -> str:
    target, _, label = token.partition("|")
    target, label = unescape(target), unescape(label)
    if target.startswith("@"):
        uid = target[1:]
        _add(out.user_ids, uid)
        # An unknown user is not named by raw id in the text; the id is kept in the mentions.
        return "@" + (user_names.get(uid) or (label if named else "") or NEUTRAL_USER)
    if target.startswith("#"):
        return "#" + (label or channel_names.get(target[1:]) or target[1:])
    if target.startswith("!"):
        return _special(target[1:], label)
    if target.startswith(("http://", "https://")):
        _add(out.urls, target)
        return label or target
    return label or target.removeprefix("mailto:")


def _special(command: str, label: str) -> str:
    """``<!here>``, ``<!channel>``, ``<!subteam^S1|@team>``, ``<!date^...|fallback>``."""
    name = command.split("^", 1)[0]
    if name in _BROADCASTS:
        return "@" + name
    return label or ""


def _add(items: list[str], item: str) -> None:
    if item and item not in items:
        items.append(item)


def extra_urls(message: Mapping[str, Any]) -> list[str]:
    """Link targets outside the text: unfurls/attachments and rich_text ``link`` elements."""
    urls: list[str] = []
    for att in message.get("attachments") or []:
        if isinstance(att, dict):
            for key in ("from_url", "title_link", "original_url"):
                url = att.get(key)
                if isinstance(url, str) and url.startswith(("http://", "https://")):
                    _add(urls, url)
    for element in _block_elements(message.get("blocks")):
        url = element.get("url")
        if element.get("type") == "link" and isinstance(url, str) and url.startswith(("http://", "https://")):
            _add(urls, url)
    return urls


def block_user_ids(message: Mapping[str, Any]) -> list[str]:
    """User ids mentioned in rich_text blocks (``{"type": "user", "user_id": ...}``)."""
    return [e["user_id"] for e in _block_elements(message.get("blocks")) if e.get("type") == "user" and isinstance(e.get("user_id"), str)]


def _block_elements(node: Any) -> Iterator[dict]:
    """Every dict inside a blocks structure, depth first."""
    if isinstance(node, list):
        for item in node:
            yield from _block_elements(item)
    elif isinstance(node, dict):
        yield node
        for key in ("elements", "blocks"):
            if key in node:
                yield from _block_elements(node[key])
