"""The morning report: figures agree with the exports, privacy as in the exports, languages, safety, reruns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from kennismaker.exports.publish import export_tables, write_exports
from kennismaker.exports.report_figures import binned, overall_health, report_figures
from kennismaker.exports.report_html import report_html, without_run_metadata
from kennismaker.exports.report_svg import nice_max
from kennismaker.pipelines.app import app
from kennismaker.pipelines.config import config_from_dict
from kennismaker.errors import ConfigError
from tests.exports.conftest import OPT_OUT_TEXT

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")

XSS = {
    "q2": "<script>window.__xss = 'script'</script> Hoe kom ik bij de VPN?",
    "q4": "<img src=x onerror=\"window.__xss = 'img'\"> waar is het verlofformulier",
    "q6": "<svg onload=\"window.__xss = 'svg'\"></svg> <a href=\"javascript:window.__xss = 'link'\">klik</a> "
          "</textarea><script>window.__xss = 'textarea'</script> VPN laptop",
}
XSS_CHANNEL = "<b onmouseover=\"window.__xss = 'channel'\">it</b>"
XSS_TOPIC = "</title><script>window.__xss = 'topic'</script>"


def page(con, cfg) -> str:
    tables = export_tables(con, cfg)
    return report_html(report_figures(con, cfg, tables, None), cfg, {"run_id": "r1", "run_date": "2024-04-01", "created_at": "t"})


def plant_xss(con) -> None:
    """Put script payloads into message texts, a channel name and a topic label of the hand-made store."""
    for mid, text in XSS.items():
        con.execute("UPDATE messages SET text = ? WHERE message_id = ?", [text, mid])
    con.execute("UPDATE channels SET name = ? WHERE channel_id = 'c1'", [XSS_CHANNEL])
    con.execute("UPDATE topics SET label = ? WHERE topic_id = 1", [XSS_TOPIC])


def test_headline_agrees_with_the_exports(store):
    con, cfg = store
    tables = export_tables(con, cfg)
    fig = report_figures(con, cfg, tables, None)
    head = fig["headline"]["figures"]
    assert head["unanswered_waiting"] == tables["unanswered_questions"].num_rows == 3  # q2, q4, q6 (q5 opted out)
    assert head["faq_candidates"] == tables["faq_candidates"].num_rows
    # every channel together: 7 of the 8 questions are usable (q5's author is opted out but still counts as a message)
    period = next(r for r in overall_health(con, cfg) if r["grain"] == "all")
    assert head["questions"] == period["questions"] == 8 and head["answer_rate"] == pytest.approx(3 / 8, abs=1e-6)
    assert fig["headline"]["change"]["questions"] is None and fig["headline"]["previous_run_date"] is None


def test_weekly_series_follow_knowledge_health(store):
    con, cfg = store
    tables = export_tables(con, cfg)
    fig = report_figures(con, cfg, tables, None)
    assert [w.isoformat() for w in fig["weeks"]] == ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"]
    # the week of 2024-03-04 has five authors in #it-helpdesk (k=5); the others fewer: held back
    assert fig["overall"]["suppressed"] == [False, True, True, True]
    assert fig["overall"]["questions"][0] == 4 and fig["overall"]["questions"][1] is None
    it = next(c for c in fig["channels"] if c["channel"] == "it-helpdesk")
    health = {r["week"].isoformat(): r for r in tables["knowledge_health"].to_pylist()
              if r["grain"] == "channel_week" and r["channel"] == "it-helpdesk"}
    assert it["questions"][0] == health["2024-03-04"]["questions"] and it["answer_rate"][0] == health["2024-03-04"]["answer_rate"]
    assert [c["channel"] for c in fig["channels"]] == ["it-helpdesk"]  # hr-vragen never reaches k people
    assert fig["privacy"]["channels_hidden"] == 1


def test_small_groups_hold_back_the_period_figures(store, export_config):
    con, _ = store
    cfg = export_config(min_group_size=50)
    fig = report_figures(con, cfg, export_tables(con, cfg), None)
    assert fig["headline"]["figures"]["questions"] is None and fig["first_answer"] is None and fig["participation"] is None
    html = report_html(fig, cfg, {"run_id": "r", "run_date": "d", "created_at": "t"})
    assert "achtergehouden" in html and "minder dan 50" in html


def test_opted_out_people_and_contacts_never_reach_the_page(store):
    con, cfg = store
    html = page(con, cfg)
    assert OPT_OUT_TEXT not in html  # q5 (opted-out asker) and a7 (opted-out answerer)
    assert "intranet.example/verlof" not in html
    assert "piet.jansen@gemeente.nl" not in html and "06-12345678" not in html  # q2 masked like the export
    assert "Hoe kan ik mijn VPN wachtwoord resetten?" in html


def test_person_level_output_off_names_nobody(store, export_config):
    con, _ = store
    cfg = export_config(person_level_output=False)
    html = page(con, cfg)
    tables = export_tables(con, cfg)
    assert all(v is None for v in tables["unanswered_questions"].column("suggested_answerers").to_pylist())
    assert "person-" not in html and "staat uit" in html


def test_every_plot_and_list_is_on_the_page(store):
    con, cfg = store
    tree = HTMLParser(page(con, cfg))
    sections = {n.attributes["id"] for n in tree.css("section")}
    assert {"headline", "plot-weekly", "plot-channels", "plot-topics", "plot-first-answer", "plot-thread-length",
            "plot-participation", "plot-unanswered-age", "unanswered", "faq", "tacit", "privacy"} <= sections
    plots = {n.attributes["data-plot"] for n in tree.css("figure svg")}
    assert {"weekly", "channel-0", "first-answer", "thread-length", "participation", "unanswered-age"} <= plots
    for section in tree.css("section[id^=plot-]"):
        assert section.css_first("p.read"), f"{section.attributes['id']} has no how-to-read text"
    ids = {n.attributes["id"] for n in tree.css("tr[id]")}
    assert {"uq-" + __import__("hashlib").sha1(b"q2").hexdigest()[:12]} <= ids  # rows carry their Parquet candidate_id


def test_dutch_by_default_english_by_config(store, export_config):
    con, cfg = store
    assert '<html lang="nl">' in page(con, cfg) and "Ochtendrapport" in page(con, cfg)
    en = export_config()
    en = en.model_copy(update={"report": en.report.model_copy(update={"language": "en"})})
    html = page(con, en)
    assert '<html lang="en">' in html and "Morning report" in html and "How to read this" in html


def test_report_language_is_validated(tmp_path):
    with pytest.raises(ConfigError, match="report.language"):
        config_from_dict({"report": {"language": "de"}}, tmp_path)


def test_csp_forbids_scripts_and_requests(store):
    con, cfg = store
    tree = HTMLParser(page(con, cfg))
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "default-src 'none'" in csp and "script-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert not tree.css("script") and not tree.css("link") and not tree.css("img")


def test_planted_markup_stays_text(store):
    con, cfg = store
    plant_xss(con)
    tree = HTMLParser(page(con, cfg))
    assert not tree.css("script") and not tree.css("img") and not tree.css("textarea")
    for node in tree.css("*"):
        assert not any(a.lower().startswith("on") for a in node.attributes), node.tag
        assert not (node.attributes.get("href") or "").lower().startswith("javascript")
    text = tree.body.text()
    assert "<script>window.__xss = 'script'</script>" in text and "</textarea>" in text


def test_a_second_report_without_new_data_differs_only_in_run_metadata(store):
    con, cfg = store
    first = write_exports(con, cfg)
    html1 = Path(first["report"]).read_text(encoding="utf-8")
    second = write_exports(con, cfg)
    html2 = Path(second["report"]).read_text(encoding="utf-8")
    assert first["run_id"] in html1 and second["run_id"] in html2
    assert without_run_metadata(html1) == without_run_metadata(html2)


def test_change_against_the_previous_run(store, export_config):
    con, cfg = store
    write_exports(con, cfg)  # run of 2024-04-01
    con.execute("DELETE FROM question_status WHERE question_id = 'q6'")
    con.execute("UPDATE messages SET created_at = created_at - INTERVAL 20 DAY WHERE message_id = 'q6'")
    later = cfg.model_copy(update={"exports": cfg.exports.model_copy(update={"as_of": cfg.exports.as_of.replace(day=8)})})
    result = write_exports(con, later)
    manifest = json.loads(Path(result["manifest"]).read_text())
    assert manifest["report"]["headline"]["unanswered_waiting"] == 3 and manifest["files"]["report.html"]["sha256"]
    html = Path(result["report"]).read_text(encoding="utf-8")
    assert "ten opzichte van de run van 2024-04-01" in html


def test_report_command_rebuilds_the_page(store):
    con, cfg = store
    folder = Path(write_exports(con, cfg)["folder"])
    (folder / "report.html").unlink()
    con.close()
    config = cfg.database.parent / "cfg.json"
    config.write_text(json.dumps({"demo_mode": True, "database": str(cfg.database), "output_dir": str(cfg.output_dir),
                                  "exports": {"as_of": "2024-04-01T00:00:00Z"}, "report": {"language": "en"}}))
    result = CliRunner().invoke(app, ["report", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "report.html" in result.output
    manifest = json.loads((folder / "manifest.json").read_text())
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and manifest["report"]["language"] == "en"
    assert manifest["files"]["report.html"]["bytes"] == (folder / "report.html").stat().st_size


def test_faq_reasons_are_translated():
    from kennismaker.exports.report_html import faq_reason, page_texts

    nl = faq_reason("acknowledged by the asker; explanatory 0.52; explains in its own words", page_texts("nl"))
    assert nl == "erkend door de vrager \u00b7 uitleg 0,52 \u00b7 legt uit in eigen woorden"
    assert set(page_texts("nl")) == set(page_texts("en")) and set(page_texts("nl")["faq_reasons"]) == set(page_texts("en")["faq_reasons"])


def test_small_helpers():
    assert binned([0.5, 1, 3.9, 4, 200], (1, 4, 24)) == [1, 2, 1, 1]
    assert [nice_max(v) for v in (0, 0.38, 1.0, 11, 61)] == [4.0, 0.4, 1.0, 12.0, 80.0]
