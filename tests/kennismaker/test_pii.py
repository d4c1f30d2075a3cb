"""kennismaker.pii: the checks, the masks, and precision and recall per kind on the hand-written sets."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from kennismaker.pii import KINDS, bsn_is_valid, iban_is_valid, masked_text, pii_spans

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pii"
# labelled.jsonl: the rules were refined while looking at it. fresh.jsonl: written afterwards (docs/privacy.md).
SETS = ("labelled.jsonl", "fresh.jsonl")
MIN_PRECISION = MIN_RECALL = 0.9


def labelled_lines(name: str) -> list[dict]:
    """The lines of one labelled set: text, language and entity spans (kind, start, end, surface)."""
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]


def scores_per_kind(lines: list[dict]) -> dict[str, dict[str, float]]:
    """Exact-span precision and recall per kind (a span counts only with the same start, end and kind)."""
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    for line in lines:
        gold = {(e["start"], e["end"], e["kind"]) for e in line["entities"]}
        found = {(s.start, s.end, s.kind) for s in pii_spans(line["text"])}
        for _, _, kind in gold & found:
            counts[kind]["tp"] += 1
        for _, _, kind in found - gold:
            counts[kind]["fp"] += 1
        for _, _, kind in gold - found:
            counts[kind]["fn"] += 1
    return {
        kind: {
            "precision": c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0,
            "recall": c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0,
            "support": c["tp"] + c["fn"],
        }
        for kind, c in counts.items()
    }


@pytest.mark.parametrize("name", SETS)
def test_labelled_sets_are_consistent(name):
    lines = labelled_lines(name)
    for line in lines:
        for e in line["entities"]:
            assert line["text"][e["start"]:e["end"]] == e["surface"] and e["kind"] in KINDS
    assert sum(not line["entities"] for line in lines) >= len(lines) // 4  # hard negatives
    assert {line["lang"] for line in lines} == {"nl", "en"}


def test_the_main_set_has_60_to_100_lines_and_every_kind_several_times():
    lines = labelled_lines("labelled.jsonl")
    assert 60 <= len(lines) <= 100
    kinds = [e["kind"] for line in lines for e in line["entities"]]
    assert all(kinds.count(kind) >= 8 for kind in KINDS)


@pytest.mark.parametrize("name", SETS)
def test_precision_and_recall_per_kind(name):
    scores = scores_per_kind(labelled_lines(name))
    for kind, s in scores.items():
        assert s["support"] > 0, kind
        assert s["precision"] >= MIN_PRECISION, (kind, s)
        assert s["recall"] >= MIN_RECALL, (kind, s)


def test_iban_check():
    assert iban_is_valid("NL91ABNA0417164300") and iban_is_valid("gb82west12345698765432")
    assert not iban_is_valid("NL91ABNA0417164301")  # one digit off: mod-97 fails
    assert not iban_is_valid("NL91ABNA041716430")  # one character short for NL
    assert not iban_is_valid("XX91ABNA0417164300")  # unknown country


def test_bsn_eleven_check():
    assert bsn_is_valid("111222333") and bsn_is_valid("123456782")
    assert not bsn_is_valid("123456789") and not bsn_is_valid("000000000") and not bsn_is_valid("12345678")


@pytest.mark.parametrize("text, expected", [
    ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [iban] graag"),
    ("rekening nl91abna0417164300.", "rekening [iban]."),
    ("NL44RABO0123456789 of NL20INGB0001234567", "[iban] of [iban]"),
    ("code NL12 fout, NL91 ABNA 0417 1643 00", "code NL12 fout, [iban]"),
    ("Mijn bsn is 1112.22.333, niet 111222334", "Mijn bsn is [bsn], niet 111222334"),
    ("Hoofdstraat 1, 1234 ab Ergens", "Hoofdstraat 1, [postcode] Ergens"),
    ("postcode 1234AB", "postcode [postcode]"),
    ("Bel (020) 123 45 67 of mail a@b.nl", "Bel [telefoon] of mail [e-mail]"),
    ("Order 123456782 en bestelling 111222333", "Order 123456782 en bestelling 111222333"),
    ("2048 MB vrij, 1234 en 2025", "2048 MB vrij, 1234 en 2025"),
])
def test_each_kind_gets_its_placeholder(text, expected):
    assert masked_text(text) == expected


@pytest.mark.parametrize("text", [
    "1793888719.024056",  # a Slack timestamp
    "8e3da424-675b-0514-4989-797ccfe0f278",  # a GUID
    "0001-01-01T00:00:00Z",
    "teams:19:fec30b90_334ee099@unq.gbl.spaces:1791439230616",  # a Teams conversation id
    "IP 10.0.12.254, build 3.0612345678",
])
def test_ids_and_timestamps_in_export_fields_are_left_alone(text):
    assert pii_spans(text) == []


def test_a_number_at_the_very_start_or_end_is_masked():
    assert masked_text("06-12345678") == "[telefoon]"
    assert masked_text("+31 6 1234 5678 is mijn nummer") == "[telefoon] is mijn nummer"


@pytest.mark.parametrize("text, expected", [
    ("Bel 020-1234567 even", "Bel [telefoon] even"),
    ("mobiel 06 12 34 56 78", "mobiel [telefoon]"),
    ("+31 (0)20 123 4567 is de receptie", "[telefoon] is de receptie"),
    ("0031 20 123 4567", "[telefoon]"),
    ("Belgie: +32 2 123 45 67", "Belgie: [telefoon]"),
    ("bel 0800-0123 gratis", "bel [telefoon] gratis"),
    ("tel.nr: 06-1234 5678.", "tel.nr: [telefoon]."),
])
def test_phone_numbers_libphonenumber_reads_are_masked_in_the_ways_people_type_them(text, expected):
    assert masked_text(text) == expected


@pytest.mark.parametrize("text", [
    "Op 12-03-2024 om 14:30", "datum 2024-03-12", "versie 10.2.3 en 3.11.7", "factuur #0612345678",
    "kosten EUR 1.250.000,00", "ticket INC0012345", "ordernummer 20240312001", "het duurde 1234567 ms",
    "job 0612345678a",
])
def test_dates_versions_amounts_and_ids_are_not_phone_numbers(text):
    assert masked_text(text) == text


def test_the_phone_region_reads_national_numbers():
    assert masked_text("Bel 06-12345678") == "Bel [telefoon]"
    assert masked_text("Bel 06-12345678", region="US") == "Bel 06-12345678"
    assert masked_text("call 1-202-555-0173", region="US") == "call [telefoon]"
    assert masked_text("call 1-202-555-0173") == "call 1-202-555-0173"


def test_spans_do_not_overlap_and_empty_text_passes_through():
    spans = pii_spans("Mail jan@06-12345678.nl of bel 06-12345678 (NL91ABNA0417164300)")
    assert [s.kind for s in spans] == ["email", "phone", "iban"]
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert masked_text(None) is None and masked_text("") == ""
