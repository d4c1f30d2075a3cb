"""Text helpers shared by readers: HTML to plain text, URL extraction, whitespace tidying.

HTML is parsed with selectolax (lexbor); nothing here is a hand-written HTML parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

_BLOCKS = "p, div, li, br, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, table"
URL_RE = re.compile(r"https?://[^\s<>\"'`|\]\[)(]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\""
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class HtmlText:
    """Plain text of an HTML body with what was linked and mentioned in it."""

    text: str
    urls: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    image_count: int = 0


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
    """Plain text of an HTML fragment; links go to ``urls``; ``<at id=..>`` mentions become ``@Name``."""
    if not html:
        return HtmlText("")
    tree = LexborHTMLParser(html)
    urls = [a.attributes.get("href") for a in tree.css("a") if a.attributes.get("href")]
    mention_ids = [m.attributes.get("id") or "" for m in tree.css("at")]
    images = len(tree.css("img"))
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
    return HtmlText(text, [u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))], mention_ids, images)
