"""Text helpers shared by readers: HTML to plain text, URL extraction, whitespace tidying.

HTML is parsed with selectolax (lexbor); nothing here is a hand-written HTML parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from kennismaker.patterns import URL_RE

_BLOCKS = "p, div, li, br, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, table"
_TRAILING = ".,;:!?'\""
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Inline pictures that are not content: emoji and avatars (Discourse classes, Teams' Skype itemtype).
_NOT_IMAGES = "img.emoji, img.avatar, img[itemtype='http://schema.skype.com/Emoji']"


@dataclass
class HtmlText:
    """Plain text of an HTML body with what was linked and mentioned in it."""

    text: str
    urls: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    image_count: int = 0
    image_urls: list[str] = field(default_factory=list)


def tidy(text: str) -> str:
    """Collapse runs of spaces, trim lines and drop runs of blank lines."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def urls_in(text: str) -> list[str]:
    """URLs in plain text, in order, without trailing punctuation, each once."""
    found = []
    for match in URL_RE.findall(text or ""):
        url = match.rstrip(_TRAILING)
        if url not in found:
            found.append(url)
    return found


def html_to_text(html: str | None) -> HtmlText:
    """Plain text of an HTML fragment; links go to ``urls``; ``<at id=..>`` mentions become ``@Name``.

    Pictures other than emoji and avatars are counted in ``image_count``; their http(s) sources
    are in ``image_urls`` (not in ``urls``: a reader decides whether an image is a link).
    """
    if not html:
        return HtmlText("")
    tree = LexborHTMLParser(html)
    urls = [a.attributes.get("href") for a in tree.css("a") if a.attributes.get("href")]
    mention_ids = [m.attributes.get("id") or "" for m in tree.css("at")]
    images = content_images(tree)
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    for node in tree.css("li"):
        node.insert_before("- ")
    for node in tree.css("at"):
        node.insert_before("@")
    body = tree.body if tree.body is not None else tree.root
    text = tidy(body.text(separator="", strip=False)) if body is not None else ""
    for url in urls_in(text):
        if url not in urls:
            urls.append(url)
    return HtmlText(text, _web(urls), mention_ids, len(images), _web(images))


def content_images(tree: LexborHTMLParser) -> list[str]:
    """The ``src`` of every picture in a parsed fragment that is not an emoji or avatar ("" when none)."""
    skip = {node.mem_id for node in tree.css(_NOT_IMAGES)}
    return [img.attributes.get("src") or "" for img in tree.css("img") if img.mem_id not in skip]


def _web(urls: list[str]) -> list[str]:
    """The http(s) URLs among ``urls``, each once, in order."""
    return [u for u in dict.fromkeys(urls) if u and u.startswith(("http://", "https://"))]
