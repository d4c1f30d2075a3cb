"""Settings of answer linking and flat-channel reply reconstruction (``cfg.classify.linking``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kennismaker.classify.cue_lexicon import CHECKMARK_REACTIONS, ECHO_PHRASES, SELF_RESOLVED_PHRASES, THANKS_PHRASES

class LinkingConfig(BaseModel):
    """How replies are reconstructed in flat channels and how answers are linked to questions."""

    model_config = ConfigDict(extra="forbid")

    scorer: str = Field("flat.ffnn.v3", description="Registered reply scorer for flat channels: flat.ffnn.v3 (default), flat.ffnn.v4, flat.ffnn.v2, flat.linear.v1, flat.previous.v1 or flat.none.v1.")
    max_candidates: int = Field(50, gt=0, description="How many earlier messages of a flat channel may be a message's parent.")
    max_gap_minutes: float = Field(1440.0, gt=0, description="Earlier messages older than this are never a parent.")
    min_answer_p: float = Field(0.5, ge=0, le=1, description="Answer strength (p_answer plus reply boosts, thanks and check marks) from which a reply counts as an answer when its label is not answer or link_share.")
    max_answer_depth: int = Field(3, gt=0, description="How many reply steps up an answer may be from its question in explicit reply-to chains (threads).")
    max_flat_answer_depth: int = Field(1, gt=0, description="The same in flat channels, where every step is a reconstructed (uncertain) reply link.")
    direct_reply_boost: float = Field(0.5, ge=0, le=1, description="Added to the answer strength (p_answer) of a reply by someone else straight to the question that does not ask back, echo or thank.")
    chain_reply_boost: float = Field(0.25, ge=0, le=1, description="The same for a reply further down the question's reply chain, or linked by the fallback.")
    social_reply_boost: float = Field(0.4, ge=0, le=1, description="At most this reply boost for a reply labelled social (short answers such as \"nope\" often are; chatter too).")
    fallback_weight: float = Field(0.7, ge=0, le=1, description=(
        "Score factor of an answer whose reply chain reaches no question, linked to the latest earlier question by someone else"
        " (in its thread, or among the previous flat_fallback_window messages of a flat channel)."))
    flat_fallback_window: int = Field(3, ge=0, description="Flat channels: how many previous messages of the channel may hold the question of a reply whose reconstructed chain reaches none (0: no fallback).")
    thanks_boost: float = Field(0.2, ge=0, le=1, description="Added to a reply's answer strength when the asker thanks it (replies to it, or it is the latest candidate before the thanks).")
    checkmark_boost: float = Field(0.2, ge=0, le=1, description="Added to a reply's answer strength when it has a check-mark reaction.")
    thanks_phrases: list[str] = Field(default_factory=lambda: list(THANKS_PHRASES))
    echo_phrases: list[str] = Field(default_factory=lambda: list(ECHO_PHRASES), description="A reply saying one of these only echoes the question (gets no reply boost).")
    self_resolved_phrases: list[str] = Field(default_factory=lambda: list(SELF_RESOLVED_PHRASES))
    checkmark_reactions: list[str] = Field(default_factory=lambda: list(CHECKMARK_REACTIONS))

    @field_validator("scorer")
    @classmethod
    def _registered(cls, value: str) -> str:
        from kennismaker.classify.flat import SCORERS

        return SCORERS.checked(value)
