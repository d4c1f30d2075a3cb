"""The cue phrases (Dutch and English) that ``classify.cues``, answer linking and the tacit score
match, by name; the phrases themselves are data, in ``kennismaker/lexicons/cues.yaml``.

Every phrase is matched case-insensitively on token text in every message, whatever its
language: chat is full of code switching ("thanks!" under a Dutch answer).
"""

from __future__ import annotations

from kennismaker.lexicon import lexicon, phrases

_CUES = lexicon("cues")

# Finite verbs that open a yes/no question when followed by a subject ("Heeft iemand", "Does anyone").
QUESTION_VERBS_NL = list(_CUES["question_verbs_nl"])
QUESTION_VERBS_EN = list(_CUES["question_verbs_en"])
SUBJECTS = list(_CUES["subjects"])
WH_WORDS = list(_CUES["wh_words"])

REQUEST_PHRASES = list(_CUES["request_phrases"])
GRATITUDE_PHRASES = list(_CUES["gratitude_phrases"])
GREETING_PHRASES = list(_CUES["greeting_phrases"])
CONGRATS_PHRASES = list(_CUES["congrats_phrases"])
ME_TOO_PHRASES = list(_CUES["me_too_phrases"])
# Replies that only echo a question: the me-too phrases and a few that praise or follow it.
ECHO_PHRASES = ME_TOO_PHRASES + list(_CUES["echo_phrases_more"])
INVITATION_PHRASES = list(_CUES["invitation_phrases"])
LEISURE_WORDS = list(_CUES["leisure_words"])
EXPLANATION_PHRASES = list(_CUES["explanation_phrases"])
# Regular expressions, matched case-insensitively on the opening post only.
PROBLEM_REPORT_PATTERNS = list(_CUES["problem_report_patterns"])

# Answer linking's signals, also read by the tacit score.
THANKS_PHRASES = phrases("cues", "thanks_phrases")
SELF_RESOLVED_PHRASES = phrases("cues", "self_resolved_phrases")
CHECKMARK_REACTIONS = phrases("cues", "checkmark_reactions")
