"""Dutch and English cues, language id."""

from __future__ import annotations

from kennismaker.classify.cues import CUE_FEATURES, cue_features, cue_rows
from kennismaker.classify.langid import message_languages


def cues(text: str, lang: str = "nl") -> dict:
    return cue_rows([text], [lang])[0]


def test_dutch_verb_first_questions_without_question_mark():
    for text in ("Heeft iemand de sleutel van kamer 3", "Weet jij waar de beamer is", "Kan ik morgen thuiswerken", "Is er nog koffie"):
        c = cues(text)
        assert c["has_qmark"] == 0 and c["question_opening"] == 1, text


def test_wh_words_in_both_languages():
    assert cues("hoe vraag ik een nieuwe laptop aan")["wh_words"] >= 1
    assert cues("waarom werkt de VPN niet")["question_opening"] == 1
    assert cues("where do I find the expense form", "en")["wh_words"] >= 1


def test_english_requests():
    assert cues("does anyone know the wifi password", "en")["request"] == 1
    assert cues("is there a way to share my screen", "en")["request"] == 1
    assert cues("iemand ervaring met Power BI")["request"] == 1
    assert cues("graag hulp bij mijn declaratie")["request"] == 1


def test_a_statement_is_no_question():
    statement, question = cue_rows(["De vergadering begint om tien uur.", "Weet iemand hoe laat de vergadering begint"], ["nl", "nl"])
    assert statement["question_score"] < question["question_score"]


def test_social_cues():
    assert cues("bedankt!")["gratitude"] == 1
    assert cues("thanks a lot", "en")["gratitude"] == 1
    assert cues("goedemorgen allemaal")["greeting"] == 1
    assert cues("Gefeliciteerd met je verjaardag")["congrats"] == 1
    assert cues("congrats!", "en")["congrats"] == 1
    assert cues("+1")["me_too"] == 1 and cues("+1")["congrats"] == 0
    assert cues("super 🎉")["emoji"] == 1


def test_link_share_ratio():
    only_link = cues("https://intranet.example.nl/nieuws/verhuizing-kantoor")
    mostly_text = cues("Lees dit even, het gaat over de verhuizing van ons kantoor naar de overkant: https://x.nl/a")
    assert only_link["url_share"] > 0.9 and only_link["has_url"] == 1
    assert 0 < mostly_text["url_share"] < 0.5


def test_explanation_and_list_markers():
    c = cues("Eerst naar instellingen.\n- klik op opslaan\n- daarna herstarten")
    assert c["explanation"] == 1 and c["list_lines"] == 2


def test_cue_matrix_shape_and_empty_text():
    m = cue_features(["", None, "hoi"], ["und", "und", "nl"])
    assert m.shape == (3, len(CUE_FEATURES))


def test_language_id_on_clear_examples():
    texts = ["Weet iemand of de printer op de derde verdieping weer werkt?", "Does anyone know whether the printer works again?", "ok"]
    assert message_languages(texts, ["nl", "en", "de", "fr"]) == ["nl", "en", "und"]


def test_mixed_text_gets_the_dominant_language():
    text = ("Heeft iemand dit al gezien? " + "The new expense policy says that every receipt above fifty euros has to be uploaded "
            "within two weeks, otherwise the claim is rejected automatically by the system. ") 
    assert message_languages([text], ["nl", "en"]) == ["en"]


def test_link_targets_kept_outside_the_text_count_as_links():
    import pyarrow as pa

    from kennismaker.classify.features import cue_texts

    frame = pa.table({"text": ["FYI: Trainingen Microsoft 365", "zie https://intranet.example/a", "geen link"],
                      "urls": [["https://intranet.example/m365"], ["https://intranet.example/a"], []]})
    texts = cue_texts(frame)
    assert texts == ["FYI: Trainingen Microsoft 365 https://intranet.example/m365", "zie https://intranet.example/a", "geen link"]
    assert [r["has_url"] for r in cue_rows(texts, ["nl"] * 3)] == [1.0, 1.0, 0.0]
    assert cue_texts(pa.table({"text": ["geen urls-kolom"]})) == ["geen urls-kolom"]


def test_me_too_replies():
    assert cues("Zelfde probleem hier")["me_too"] == 1
    assert cues("following", "en")["me_too"] == 1
    assert cues("Dat regel je via de servicedesk")["me_too"] == 0
