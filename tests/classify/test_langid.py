"""Language on short lines: a line too short to tell takes its author's, else its channel's, usual language."""

from __future__ import annotations

import pyarrow as pa

from kennismaker.classify.config import ClassifyConfig
from kennismaker.classify.features import frame_languages
from kennismaker.classify.langid import letter_counts, usual_languages


def test_short_line_takes_the_authors_usual_language():
    langs = ["en", "en", "nl", "fr"]
    letters = [60, 45, 8, 9]  # the last two are too short to tell
    authors = ["a", "a", "a", "b"]
    channels = ["c", "c", "c", "c"]
    assert usual_languages(langs, letters, authors, channels, 30) == ["en", "en", "en", "en"]


def test_stored_usual_language_comes_before_this_nights_rows():
    out = usual_languages(["nl"], [10], ["a"], ["c"], 30, stored_author=["en"], stored_channel=["nl"])
    assert out == ["en"]


def test_channel_language_when_the_author_has_no_long_lines():
    out = usual_languages(["en", "fr", "nl"], [50, 5, 60], ["a", "b", "c"], ["x", "x", "y"], 30)
    assert out == ["en", "en", "nl"]


def test_long_lines_and_unknown_context_keep_their_detected_language():
    out = usual_languages(["nl", "fr"], [80, 5], ["a", None], ["x", None], 30)
    assert out == ["nl", "fr"]


def test_letters_leave_out_links_and_mentions():
    assert letter_counts(["zie https://example.org/abc @piet ok"]) == [5]


def test_frame_languages_uses_author_and_channel_columns():
    cfg = ClassifyConfig()
    long_en = "Could someone tell me where the quarterly planning documents are stored these days?"
    frame = pa.table({
        "text": [long_en, "or too smart?", "coexistence?", "Waar staan de notulen van het overleg van vorige week eigenlijk?", "ja hoor"],
        "author_key": ["a", "a", "b", "c", "c"],
        "channel_id": ["en-room", "en-room", "en-room", "nl-room", "nl-room"],
    })
    assert frame_languages(frame, cfg) == ["en", "en", "en", "nl", "nl"]


def test_a_given_language_is_never_overridden():
    frame = pa.table({"text": ["ok"], "lang": ["nl"], "author_key": ["a"], "channel_id": ["c"]})
    assert frame_languages(frame, ClassifyConfig()) == ["nl"]
