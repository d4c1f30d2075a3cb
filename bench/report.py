"""Markdown tables from a benchmark result (the dict ``bench.run`` writes as JSON)."""

from __future__ import annotations

STAGE_HEADER = ("| size | stage | status | stage s | process wall s | process CPU s | messages/s | peak RSS MiB | "
                "peak tree RSS MiB | load before/after |")
NIGHTLY_STAGES = ("extract", "classify", "topics", "export")
NIGHTLY_HEADER = ("| size | run | status | flow s | process wall s | process CPU s | extract s | classify s | topics s | export s "
                  "| extract peak MiB | classify peak MiB | topics peak MiB | export peak MiB | peak RSS MiB | peak tree RSS MiB |")
NIGHTLY_COLUMNS = NIGHTLY_HEADER.count("|") - 1


def _num(value, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _rate(messages: int, seconds: float | None) -> str:
    return "-" if not seconds else f"{messages / seconds:,.0f}"


def stage_rows(size: dict) -> list[str]:
    """One row per stage of one size (plus one per reader for extract)."""
    n = size["corpus"]["messages"]
    rows = [f"| {n:,} | generate corpus | ok | {_num(size['corpus']['seconds'])} | - | - | {_rate(n, size['corpus']['seconds'])} "
            "| - | - | - |"]
    for name, st in size["stages"].items():
        proc = st.get("process", {})
        load = f"{proc.get('load_1min_before', '-')}/{proc.get('load_1min_after', '-')}"
        rows.append(f"| {n:,} | {name} | {st['status']} | {_num(st.get('seconds'))} | {_num(proc.get('wall_seconds'))} | "
                    f"{_num(proc.get('cpu_seconds'))} | {_rate(n, st.get('seconds'))} | {_num(proc.get('peak_rss_mib'), 0)} | "
                    f"{_num(proc.get('peak_tree_rss_mib'), 0)} | {load} |")
        rows += [_step_row(n, step) for step in st.get("steps", [])]
    return rows


def _step_row(n: int, step: dict) -> str:
    """A sub-row: one reader of extract (rate over the messages it read) or one step of a stage."""
    if "format" in step:
        label, count = f"- reader {step['format']}", step["messages_read"]
        rate = f"{_rate(count, step['seconds'])} ({count:,} read)"
    else:
        label, rate = f"- {step['step']}", _rate(n, step.get("seconds"))
    return f"| {n:,} | {label} | {step.get('status', 'ok')} | {_num(step.get('seconds'))} | - | - | {rate} | - | - | - |"


def _nightly_row(n: int, label: str, run: dict | None) -> str:
    """Seconds and the flow process's peak memory per stage, then the whole process (tree) figures."""
    if not run:
        return f"| {n:,} | {label} | not measured |" + " - |" * (NIGHTLY_COLUMNS - 3)
    steps = {s["step"]: s for s in run.get("steps", [])}
    proc = run.get("process", {})
    seconds = " | ".join(_num(steps.get(k, {}).get("seconds")) for k in NIGHTLY_STAGES)
    peaks = " | ".join(_num(steps.get(k, {}).get("peak_rss_mib"), 0) for k in NIGHTLY_STAGES)
    status = run["status"] + (f" ({run['error'][:80]})" if run.get("error") else "")
    return (f"| {n:,} | {label} | {status} | {_num(run.get('seconds'))} | {_num(proc.get('wall_seconds'))} | "
            f"{_num(proc.get('cpu_seconds'))} | {seconds} | {peaks} | {_num(proc.get('peak_rss_mib'), 0)} | "
            f"{_num(proc.get('peak_tree_rss_mib'), 0)} |")


def nightly_rows(size: dict) -> list[str]:
    """The full nightly run and the incremental night of one size."""
    n = size["corpus"]["messages"]
    night = size.get("nightly") or {}
    return [_nightly_row(n, "full", night.get("full")), _nightly_row(n, "incremental (+~1%)", night.get("incremental"))]


def incremental_line(size: dict) -> str:
    """One sentence on the incremental night's cost as a fraction of the full run."""
    night = size.get("nightly") or {}
    ratio = night.get("ratio")
    if ratio is None or not night.get("extra"):
        return f"- {size['corpus']['messages']:,} messages: incremental ratio not measured."
    met = "met" if ratio["process_wall"] <= 0.05 else "missed"
    return (f"- {size['corpus']['messages']:,} messages (+{night['extra']['messages']:,}): incremental night = "
            f"{ratio['process_wall']:.1%} of the full run by process wall time, {ratio['flow']:.1%} by flow time "
            f"(target <= 5%: {met}).")


def ingest_line(size: dict) -> str:
    """Ingest messages/s and its ratio to plain standard-library parsing of the same files."""
    n, raw = size["corpus"]["messages"], size["corpus"].get("raw_parse")
    runs = [("extract stage", (size["stages"].get("extract") or {}).get("seconds"))]
    night = size.get("nightly") or {}
    steps = {s["step"]: s["seconds"] for s in (night.get("full") or {}).get("steps", [])}
    runs.append(("nightly extract", steps.get("extract")))
    parts = [f"{label} {_rate(n, s)} msg/s ({s:.1f} s; ratio to raw parsing {raw['seconds'] / s:.2f}x)"
             for label, s in runs if s and raw]
    if not raw or not parts:
        return f"- {n:,} messages: ingest ratio not measured."
    by_kind = ", ".join(f"{k} {v:.1f} s" for k, v in raw["seconds_by_kind"].items())
    return (f"- {n:,} messages: raw parsing of the same {sum(raw['files'].values()):,} files ({raw['bytes'] / 2**20:,.0f} MiB; "
            f"{by_kind}) {raw['seconds']:.1f} s = {_rate(n, raw['seconds'])} msg/s; " + "; ".join(parts) + " (target >= 0.3x).")


def markdown(result: dict) -> str:
    """The stage table, the nightly table and the incremental ratios."""
    sizes = result["sizes"]
    lines = ["### Stages (each in its own process, fresh DuckDB per size)", "", STAGE_HEADER, "|---" * 10 + "|"]
    for size in sizes:
        lines += stage_rows(size)
    lines += ["", "### Nightly flow (`pipelines.flows.nightly_flow`, as `kennismaker run`)", "",
              "Stage peaks: the flow process's peak resident memory during that stage; peak RSS / tree: the whole "
              "run (tree: with Prefect's server and any workers).", "", NIGHTLY_HEADER, "|---" * NIGHTLY_COLUMNS + "|"]
    for size in sizes:
        lines += nightly_rows(size)
    lines += ["", "### Ingest against raw parsing"] + [ingest_line(s) for s in sizes]
    lines += ["", "### Incremental night"] + [incremental_line(s) for s in sizes]
    return "\n".join(lines) + "\n"
