"""``report_html(figures, cfg, meta)``: the morning report as one self-contained HTML page.

The page is rendered by Jinja2 with autoescaping on, so message text (untrusted input) is
always text, never markup; the plots are inline SVG from ``exports/report_svg.py`` (sanitised
with nh3). The Content-Security-Policy allows no script at all, no request to any host and only
the page's own stylesheet (by its hash). Page texts are data: ``report_texts/{nl,en}.yaml``.
Only ``meta`` (run id, creation time) changes between two runs on the same data.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kennismaker.exports import report_svg as svg
from kennismaker.exports.report_figures import AGE_EDGES_DAYS, HOURS_EDGES

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

HERE = Path(__file__).resolve().parent
TEXT_CHARS = 600
RUN_META = re.compile(r'<p class="meta" id="run-meta">.*?</p>')  # the one line that differs between reruns


@lru_cache(maxsize=None)
def page_texts(language: str) -> dict[str, str]:
    """The page texts of one language (``report_texts/{language}.yaml``)."""
    return yaml.safe_load((HERE / "report_texts" / f"{language}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=False, keep_trailing_newline=True)


def stylesheet() -> str:
    """The page's CSS (``templates/report.css``)."""
    return (HERE / "templates" / "report.css").read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    """No scripts, no requests, no forms or frames; only the embedded stylesheet (by hash) and inline images."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'none'; style-src 'sha256-{digest}'; img-src data:; font-src 'none'; "
            "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """``value`` with a decimal comma in Dutch, a point in English."""
    if value is None:
        return "\u2013"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",") if lang == "nl" else text


def percent(value: float | None, lang: str) -> str:
    """A share 0-1 as a whole percentage."""
    return "\u2013" if value is None else number(100 * value, lang) + "%"


def hours(value: float | None, t: dict) -> str:
    """Hours as ``3.5 h``, or days past 48 hours."""
    if value is None:
        return "\u2013"
    if value >= 48:
        return f"{number(value / 24, t['lang'], 1)} {t['days_unit']}"
    return f"{number(value, t['lang'], 1)} {t['hours_unit']}"


def week_label(week: date, t: dict) -> str:
    """``wk 37`` (ISO week)."""
    return f"{t['week']} {week.isocalendar()[1]}"


def short(text: str | None) -> str:
    """Text cut to ``TEXT_CHARS`` characters."""
    text = (text or "").strip()
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "\u2026"


def headline_cards(head: dict, t: dict) -> list[dict]:
    """The headline figures as (label, value, change) cards."""
    lang, fig, change, new = t["lang"], head["figures"], head["change"], head["new"]
    shown = {
        "questions": ("fig_questions", lambda v: number(v, lang)),
        "answer_rate": ("fig_answer_rate", lambda v: percent(v, lang)),
        "median_hours_to_first_answer": ("fig_median", lambda v: hours(v, t)),
        "unanswered_waiting": ("fig_unanswered", lambda v: number(v, lang)),
        "faq_candidates": ("fig_faq", lambda v: number(v, lang)),
        "tacit_candidates": ("fig_tacit", lambda v: number(v, lang)),
    }
    cards = []
    for key, (label, fmt) in shown.items():
        value = fig[key]
        delta = change.get(key)
        text = ""
        if delta is not None:
            sign = "+" if delta > 0 else "\u2212" if delta < 0 else "\u00b1"
            amount = percent(abs(delta), lang) if key == "answer_rate" else hours(abs(delta), t) if key.startswith("median") else number(abs(delta), lang)
            text = f"{sign}{amount}"
        if key in new and new[key] is not None:
            text = (text + " \u00b7 " if text else "") + f"{number(new[key], lang)} {t['new']}"
        cards.append({"key": key, "label": t[label], "value": t["suppressed_value"] if value is None else fmt(value), "change": text})
    return cards


def _weekly_plot(fig: dict, t: dict, name: str, title: str, series: dict) -> Markup:
    weeks = [week_label(w, t) for w in fig["weeks"]]
    return svg.weekly_bars_and_rate(name, title, weeks, series["questions"], series["answer_rate"], t["questions"],
                                    t["answer_rate"], lambda v: percent(v, t["lang"]))


def _bins(edges: tuple, unit: str, lang: str, sep: str = " ") -> list[str]:
    labels = [f"< {number(edges[0], lang)}{sep}{unit}"]
    labels += [f"{number(a, lang)}\u2013{number(b, lang)}{sep}{unit}" for a, b in zip(edges, edges[1:])]
    return labels + [f"\u2265 {number(edges[-1], lang)}{sep}{unit}"]


def _section(pid: str, key: str, t: dict, svgs: list, note: str | None = None, caption: str | None = None,
             labels: list[str] | None = None) -> dict:
    figures = [{"svg": s, "label": label} for s, label in zip(svgs, labels or [None] * len(svgs))]
    return {"id": pid, "title": t[key], "read": t[key + "_read"], "svgs": figures, "note": note or t["no_data"], "caption": caption}


def weekly_sections(fig: dict, t: dict) -> list[dict]:
    """Questions and answer rate per week, every channel together and per channel."""
    if not fig["weeks"]:
        return [_section("plot-weekly", "plot_weekly", t, []), _section("plot-channels", "plot_channels", t, [])]
    overall = [_weekly_plot(fig, t, "weekly", t["plot_weekly"], fig["overall"])]
    channels = [_weekly_plot(fig, t, f"channel-{i}", c["channel"], c) for i, c in enumerate(fig["channels"])]
    return [_section("plot-weekly", "plot_weekly", t, overall),
            _section("plot-channels", "plot_channels", t, channels, labels=[c["channel"] for c in fig["channels"]])]


def topics_section(fig: dict, t: dict) -> dict:
    """The topics that grew and shrank most, one line each (the legend shows the growth)."""
    weeks = [week_label(w, t) for w in fig["weeks"]]
    series = [(f"{'+' if m['growth'] > 0 else ''}{m['growth']} {m['label']}", m["threads"]) for m in fig["topics"]]
    return _section("plot-topics", "plot_topics", t, [svg.weekly_lines("topics", t["plot_topics"], weeks, series)] if series else [])


def first_answer_section(fig: dict, t: dict) -> dict:
    """Answered questions by hours to the first answer, and the unanswered ones."""
    fa, lang = fig["first_answer"], t["lang"]
    if not fa:
        return _section("plot-first-answer", "plot_first_answer", t, [], t["period_hidden"])
    values = fa["counts"] + [fa["not_answered"]]
    labels = _bins(HOURS_EDGES, t["hours_unit"], lang, sep="") + [t["not_answered"]]
    colors = [svg.BAR] * len(fa["counts"]) + [svg.SUPPRESSED]
    plot = svg.bars("first-answer", t["plot_first_answer"], labels, values, [number(v, lang) for v in values], colors)
    return _section("plot-first-answer", "plot_first_answer", t, [plot])


def thread_length_section(fig: dict, t: dict) -> dict:
    """Shares of conversations ending after 1, 2, 3-4 and 5+ messages."""
    tl, lang = fig["thread_lengths"], t["lang"]
    if not tl or not tl["threads"]:
        return _section("plot-thread-length", "plot_thread_length", t, [], t["period_hidden"] if tl is None else None)
    shares = [s or 0.0 for s in tl["shares"]]
    plot = svg.bars("thread-length", t["plot_thread_length"], ["1", "2", "3\u20134", "5+"], shares, [percent(s, lang) for s in shares])
    return _section("plot-thread-length", "plot_thread_length", t, [plot], caption=f"{number(tl['threads'], lang)} {t['conversations']}")


def participation_section(fig: dict, t: dict) -> dict:
    """Shares of messages by the most active 1% and 10% of people, and by the rest."""
    pp, lang = fig["participation"], t["lang"]
    if not pp or not pp["messages"]:
        return _section("plot-participation", "plot_participation", t, [], t["period_hidden"] if pp is None else None)
    shares = [pp["top1"] or 0.0, pp["top10"] or 0.0, 1.0 - (pp["top10"] or 0.0)]
    plot = svg.bars("participation", t["plot_participation"], [t["top1"], t["top10"], t["rest"]], shares,
                    [percent(s, lang) for s in shares], [svg.LINE, svg.COLORS[1], svg.BAR])
    caption = f"{number(pp['authors'], lang)} {t['people_posted']}, {number(pp['messages'], lang)} {t['messages_label']}"
    return _section("plot-participation", "plot_participation", t, [plot], caption=caption)


def unanswered_age_section(fig: dict, t: dict) -> dict:
    """The waiting unanswered questions by age in days."""
    ages, lang = fig["unanswered_age"], t["lang"]
    labels = _bins(AGE_EDGES_DAYS, t["days_unit"], lang)
    plot = svg.bars("unanswered-age", t["plot_unanswered_age"], labels, ages, [number(v, lang) for v in ages])
    return _section("plot-unanswered-age", "plot_unanswered_age", t, [plot] if sum(ages) else [])


def plots(fig: dict, t: dict) -> list[dict]:
    """Every plot section, in page order: id, title, how-to-read text, its SVGs (none: a note says why)."""
    return [*weekly_sections(fig, t), topics_section(fig, t), first_answer_section(fig, t), thread_length_section(fig, t),
            participation_section(fig, t), unanswered_age_section(fig, t)]


def unanswered_rows(fig: dict, t: dict) -> list[dict]:
    """Top unanswered questions, ready to print."""
    return [{
        "candidate_id": r["candidate_id"], "text": short(r["text"]), "channel": r["channel"], "topic_label": r["topic_label"],
        "age": hours(r["age_hours"], t), "reason": t.get(f"reason_{r['reason']}", r["reason"]),
        "answerers": ", ".join(r["suggested_answerers"] or []),
        "suggestions": [{**s, "question_text": short(s["question_text"]), "answer_text": short(s["answer_text"]),
                         "similarity": number(s["similarity"], t["lang"], 2)} for s in r["suggestions"]],
    } for r in fig["unanswered"]]


def tacit_rows(fig: dict, t: dict) -> list[dict]:
    """Top tacit-knowledge candidates with their score parts as the reason."""
    lang, out = t["lang"], []
    for r in fig["tacit"]:
        parts = [f"{t['explanatory']} {number(r['explanatory'], lang, 2)}", f"{t['acknowledged']} {number(r['acknowledged'], lang, 2)}",
                 f"{t['repeat_answerer']} {number(r['repeat_answerer'], lang, 2)}"]
        if not r["not_link_only"]:
            parts.append(t["link_only"])
        if r["cues"]:
            parts.append(f"{t['cues']}: {', '.join(r['cues'])}")
        out.append({"candidate_id": r["candidate_id"], "text": short(r["text"]), "channel": r["channel"], "topic_label": r["topic_label"],
                    "answerer": r["answerer"], "score": number(r["score"], lang, 2), "reason": " \u00b7 ".join(parts)})
    return out


def faq_reason(reason: str | None, t: dict) -> str | None:
    """``best_answer_reason`` of the FAQ export in the page's language (``faq_reasons`` in the texts)."""
    if not reason:
        return None
    parts = []
    for part in reason.split("; "):
        if part.startswith("explanatory "):
            parts.append(f"{t['explanatory']} {number(float(part.split()[1]), t['lang'], 2)}")
        else:
            parts.append(t["faq_reasons"].get(part, part))
    return " \u00b7 ".join(parts)


def faq_rows(fig: dict, t: dict) -> list[dict]:
    """Top FAQ candidates, askers held back where the export holds them back."""
    return [{"candidate_id": r["candidate_id"], "representative_text": short(r["representative_text"]), "variants": r["variants"],
             "askers": t["suppressed_value"] if r["askers"] is None else r["askers"], "topic_label": r["topic_label"],
             "best_answer_text": short(r["best_answer_text"]) if r["best_answer_text"] else None,
             "best_answer_reason": faq_reason(r["best_answer_reason"], t)} for r in fig["faq"]]


def privacy_lines(p: dict, t: dict) -> list[str]:
    """The privacy section: the rules that applied and what they held back."""
    k = p["k"]
    lines = [t["privacy_k"].format(k=k),
             t["privacy_channel_weeks"].format(n=p["channel_weeks_suppressed"], total=p["channel_weeks"], k=k),
             t["privacy_topic_weeks"].format(n=p["topic_weeks_suppressed"], total=p["topic_weeks"], k=k)]
    if p["faq_askers_suppressed"]:
        lines.append(t["privacy_faq"].format(n=p["faq_askers_suppressed"], k=k))
    if p["channels_hidden"]:
        lines.append(t["privacy_channels"].format(n=p["channels_hidden"], k=k))
    if p["period_suppressed"]:
        lines.append(t["privacy_period"].format(k=k))
    lines.append(t["privacy_opt_out"].format(n=p["opted_out_people"]))
    lines.append(t["privacy_mask_on"] if p["mask_contacts"] else t["privacy_mask_off"])
    if p["person_level_output"]:
        lines.append(t["privacy_person_on"].format(names=t["privacy_names"] if p["show_display_names"] else ""))
    else:
        lines.append(t["privacy_person_off"])
    lines.append(t["privacy_private"])
    return lines


def report_html(fig: dict, cfg: Config, meta: dict) -> str:
    """The whole page. ``meta``: ``run_id``, ``run_date`` and ``created_at`` (the only values that vary between reruns)."""
    t = page_texts(cfg.report.language)
    css = stylesheet()
    head = fig["headline"]
    weeks = fig["weeks"]
    period = f"{weeks[0].isoformat()} {t['to']} {(weeks[-1] + timedelta(days=6)).isoformat()}" if weeks else "\u2013"
    comparison = (f"{t['change_vs']} {head['previous_run_date']}" if head["previous_run_date"] else t["no_previous"])
    return _environment().get_template("report.html.j2").render(
        t=t, css=Markup(css), csp=content_security_policy(css), period=period, comparison=comparison,
        cards=headline_cards(head, t), plots=plots(fig, t), unanswered=unanswered_rows(fig, t), faq=faq_rows(fig, t),
        tacit=tacit_rows(fig, t), privacy=privacy_lines(fig["privacy"], t), **meta,
    )


def without_run_metadata(html: str) -> str:
    """The page with its run-metadata line blanked: what must be byte-identical between reruns on the same data."""
    return RUN_META.sub('<p class="meta" id="run-meta"></p>', html, count=1)
