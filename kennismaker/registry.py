"""One registry style for every pluggable part (spaCy's ``catalogue``).

Readers, embedders, classifier heads, reply scorers, topic parts and task runners are each a
:class:`Registry`: implementations are registered under a versioned name (``slack_export.v1``),
so a published name never changes behaviour; older unversioned names stay as aliases. A
configured name is checked when the config loads (:meth:`Registry.checked`, used by the pydantic
validators), so a typo is one sentence before anything runs. Third parties register the same way,
or through the ``kennismaker_<kind>`` entry-point group.

The registry objects live with the stage that owns the implementations; this module only holds
the style (it imports no stage).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import catalogue

from kennismaker.errors import ConfigError

VERSIONED = re.compile(r"^[a-z][a-z0-9_.-]*\.v\d+$")


class UnknownName(ValueError):
    """A configured name no registry knows (raised in pydantic validators; load_config words it).

    ``key`` is the config key when the validator knows it better than pydantic's error location.
    """

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class Registry:
    """Versioned names -> implementations, with aliases, one-sentence errors and lazy imports.

    A registered value may be the string ``"module:attribute"``; it is imported on first use, so
    listing the names never imports every implementation.
    """

    def __init__(self, kind: str, label: str, aliases: dict[str, str] | None = None, error: type[Exception] = ConfigError) -> None:
        self.kind = kind
        self.label = label
        self.aliases = dict(aliases or {})
        self.error = error
        self._catalogue = catalogue.Registry(("kennismaker", kind))
        # Installed plugins (entry-point group ``kennismaker_<kind>``) are looked up only for a name not
        # registered in-process: scanning the installed packages costs milliseconds per lookup.
        self._plugins = catalogue.Registry(("kennismaker", kind), entry_points=True)

    def register(self, name: str, func: Any = None) -> Any:
        """Register ``func`` under the versioned ``name`` (a decorator when ``func`` is None)."""
        if not VERSIONED.match(name):
            raise ValueError(f"{self.label} name '{name}' needs a version suffix such as '{name}.v1'.")
        return self._catalogue.register(name, func=func)

    def alias(self, short: str, name: str) -> None:
        """Let ``short`` (an older, unversioned name) stand for the registered ``name``."""
        self.aliases[short] = name

    def names(self) -> list[str]:
        """Every registered versioned name, in registration order (entry points last)."""
        own = list(self._catalogue.get_all())
        return own + [name for name in self._plugins.get_entry_points() if name not in own]

    def canonical(self, name: str) -> str:
        """The versioned name ``name`` stands for (itself unless it is an alias)."""
        return self.aliases.get(name, name)

    def __contains__(self, name: str) -> bool:
        name = self.canonical(name)
        return catalogue.check_exists(*self._catalogue.namespace, name) or self._plugins.get_entry_point(name) is not None

    def unknown_message(self, name: str, extra: tuple[str, ...] = ()) -> str:
        """The one sentence for a name that is not registered."""
        return f"unknown {self.label} '{name}'; known: {', '.join([*extra, *self.names()])}"

    def checked(self, name: str, extra: tuple[str, ...] = (), key: str | None = None) -> str:
        """``name`` unchanged when it is registered (or one of ``extra``); else ``UnknownName`` (for pydantic validators)."""
        if name in extra or name in self:
            return name
        raise UnknownName(self.unknown_message(name, extra), key)

    def get(self, name: str) -> Any:
        """The implementation registered as ``name`` (or its alias); ``ConfigError`` when there is none."""
        if name not in self:
            message = self.unknown_message(name)
            raise self.error(message[0].upper() + message[1:] + ".")
        name = self.canonical(name)
        value = self._catalogue.get(name) if catalogue.check_exists(*self._catalogue.namespace, name) else self._plugins.get_entry_point(name)
        return _imported(value) if isinstance(value, str) else value


def _imported(target: str) -> Any:
    module_name, attr = target.split(":")
    return getattr(importlib.import_module(module_name), attr)

