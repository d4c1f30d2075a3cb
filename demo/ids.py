"""Native message ids per platform and the ids the kennismaker readers compute from them."""

from __future__ import annotations

from kennismaker.demo.model import Container

YAMMER_EPOCH_MS = 1_600_000_000_000
YAMMER_SLOTS = 64


def native_message_id(container: Container, ms: int) -> str:
    """The platform's own message id for a message at epoch ``ms`` (unique within the container).

    Slack: the ``ts`` string (seconds and six decimals); Teams: epoch milliseconds as a string;
    Viva Engage: an integer that grows with time and is unique across the network.
    """
    if container.platform == "slack":
        micros = (ms % 1000) * 1000 + (ms * 7919) % 1000
        return f"{ms // 1000}.{micros:06d}"
    if container.platform == "teams":
        return str(ms)
    return str((ms - YAMMER_EPOCH_MS) * YAMMER_SLOTS + container.slot)


def truth_message_id(container: Container, native: str) -> str:
    """The id kennismaker's readers give the message: ``slack:C..:ts``, ``teams:19..:id``, ``yammer:id``."""
    if container.platform == "yammer":
        return f"yammer:{native}"
    return f"{container.platform}:{container.native_id}:{native}"
