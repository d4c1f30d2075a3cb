"""One rule in one place: the asker's thanks and check marks read the same in answer linking and in the tacit score."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kennismaker.classify.answer_decision import decided_links
from kennismaker.classify.conversation_messages import checkmarked, thanked_by_asker
from kennismaker.classify.linking import Post
from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.exports.tacit import acknowledged

T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def post(mid, author, minute, text, label, parent=None, reactions=()):
    return Post(mid, "c", parent, 0.0, False, author, T0 + timedelta(minutes=minute), text, tuple(reactions), False, False,
                label, 0.3, 0.1, 0.9 if label == "question" else 0.05, 0.05)


def linking_score(followup: str | None, reactions=()) -> float:
    """The link score of a weak reply (p_answer 0.3, labelled other) after the asker's ``followup``."""
    conv = [post("q", "anna", 0, "Hoe zet ik de VPN aan?", "question"),
            post("a", "bram", 1, "Via het icoontje rechtsonder.", "other", parent="q", reactions=reactions)]
    if followup:
        conv.append(post("f", "anna", 2, followup, "other", parent="a"))
    rows = decided_links(conv, {p.message_id: p for p in conv}, {}, LinkingConfig())
    return next((r["score"] for r in rows if r["answer_id"] == "a"), 0.0)


def tacit_ack(followup: str | None, reactions=()) -> float:
    """The tacit score's acknowledgement, with thanks and check marks as int_conversation_messages reads them."""
    linking = LinkingConfig()
    row = {"marked_answer": False, "reactions": list(reactions), "reaction_count": len(reactions),
           "thanked": thanked_by_asker([followup] if followup else [], linking), "checkmarked": checkmarked(reactions, linking)}
    return acknowledged(row)


@pytest.mark.parametrize("followup, reactions, thanked", [
    ("Nee, dat werkt niet", (), False),
    ("Top, dank je!", (), True),
    ("not solved yet", (), False),
    (None, (":white_check_mark:",), True),
    (None, ("white_check_mark",), True),
    (None, (":thumbsup:",), False),
])
def test_thanks_and_check_marks_read_the_same_in_linking_and_in_the_tacit_score(followup, reactions, thanked):
    plain = linking_score(None)
    raised = linking_score(followup, reactions) > plain
    assert raised is thanked
    assert (tacit_ack(followup, reactions) == 1.0) is thanked
