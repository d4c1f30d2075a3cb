"""Settings of answer linking and flat-channel reply reconstruction (``cfg.classify.linking``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

THANKS_PHRASES = (
    "bedankt", "dank je", "dank u", "dankjewel", "dankuwel", "dank!", "thanks", "thank you", "thx", "tnx",
    "dat werkt", "werkt!", "got it", "opgelost", "solved", "top, dank", "super, dank",
)
SELF_RESOLVED_PHRASES = (
    "laat maar", "gevonden", "al gevonden", "zelf gevonden", "opgelost", "never mind", "nevermind", "nvm",
    "found it", "figured it out", "solved it", "het is me gelukt", "is gelukt",
)
CHECKMARK_REACTIONS = (
    "white_check_mark", "heavy_check_mark", "ballot_box_with_check", "\u2705", "\u2714", "\u2714\ufe0f",
    "\u2611", "\u2611\ufe0f", "checkmark", "check", "heavy_check_mark_green",
)


class LinkingConfig(BaseModel):
    """How replies are reconstructed in flat channels and how answers are linked to questions."""

    model_config = ConfigDict(extra="forbid")

    scorer: str = Field("flat.linear.v1", description="Registered reply scorer for flat channels: flat.linear.v1 or flat.previous.v1.")
    max_candidates: int = Field(20, gt=0, description="How many earlier messages of a flat channel may be a message's parent.")
    max_gap_minutes: float = Field(60.0, gt=0, description="Earlier messages older than this are never a parent.")
    min_answer_p: float = Field(0.5, ge=0, le=1, description="p_answer from which a reply counts as an answer when its label is not answer.")
    max_answer_depth: int = Field(3, gt=0, description="Flat channels: how many reply steps up an answer may be from its question.")
    thanks_boost: float = Field(0.2, ge=0, le=1, description="Added to an answer's score when the asker thanks afterwards.")
    checkmark_boost: float = Field(0.2, ge=0, le=1, description="Added to an answer's score when it has a check-mark reaction.")
    thanks_phrases: list[str] = Field(default_factory=lambda: list(THANKS_PHRASES))
    self_resolved_phrases: list[str] = Field(default_factory=lambda: list(SELF_RESOLVED_PHRASES))
    checkmark_reactions: list[str] = Field(default_factory=lambda: list(CHECKMARK_REACTIONS))
