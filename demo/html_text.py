"""Message parts as one HTML paragraph, shared by the writers whose exports carry HTML bodies."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kennismaker.demo.model import Link, Person


def html_paragraph(parts: list, mention: Callable[[Person], str]) -> str:
    """``<p>`` with escaped text, ``<br>`` for new lines, ``<a href>`` links and ``mention(person)`` markup."""
    out = []
    for part in parts:
        if type(part) is str:
            out.append(escape(part, quote=False).replace("\n", "<br>"))
        elif type(part) is Link:
            out.append(f'<a href="{escape(part.url)}">{escape(part.label, quote=False)}</a>')
        else:
            out.append(mention(part))
    return "<p>" + "".join(out) + "</p>"
