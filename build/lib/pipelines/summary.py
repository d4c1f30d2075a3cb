"""The end-of-run summary: pure functions from the nightly result to printable rows."""

from __future__ import annotations

from typing import Any


def _sum(results: dict[str, dict], key: str) -> int:
    return sum(int(r.get(key) or 0) for r in results.values())


def summary_rows(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(stage, seconds, what it did) rows for the nightly summary table."""
    stages = result["stages"]
    rows = []
    ex = stages.get("extract", {}).get("result", {})
    rows.append((
        "extract", f"{stages['extract']['seconds']:.1f}",
        f"read {_sum(ex, 'messages_read')}, new {_sum(ex, 'messages_new')}, changed {_sum(ex, 'messages_changed')}, "
        f"excluded by privacy {_sum(ex, 'messages_excluded')}, quarantined {_sum(ex, 'quarantined')}",
    ))
    if "classify" in stages:
        cl = stages["classify"]["result"]
        links = cl.get("links", {})
        rows.append(("classify", f"{stages['classify']['seconds']:.1f}",
                     f"labelled {cl.get('labelled', 0)}, embedded {cl.get('embedded', 0)}, "
                     f"answer links {links.get('answer_links', 0)}, questions {links.get('question_status', 0)}"))
    if "topics" in stages:
        tp = stages["topics"]["result"]
        share = tp.get("outlier_share")
        rows.append(("topics", f"{stages['topics']['seconds']:.1f}",
                     f"topics {tp.get('topics', 0)}, threads {tp.get('threads', 0)}, "
                     f"outlier share {share if share is None else f'{share:.1%}'}, refitted {tp.get('fitted', False)}"))
    if "export" in stages:
        exp = stages["export"]["result"]
        files = ", ".join(f"{name} {rows_}" for name, rows_ in exp.get("rows", {}).items())
        rows.append(("export", f"{stages['export']['seconds']:.1f}", f"{files} -> {exp.get('folder', '')}"))
    if "purge" in stages:
        gone = stages["purge"]["result"]
        rows.append(("purge", f"{stages['purge']['seconds']:.1f}",
                     "removed " + ", ".join(f"{kind} {n}" for kind, n in gone.items()) + " (retention_days)"))
    return rows


def report_path(result: dict[str, Any]) -> str | None:
    """Where the export stage wrote the morning report (the summary's last line), if it ran."""
    return result["stages"].get("export", {}).get("result", {}).get("report")
