"""One benchmark stage, run in its own process: ``python -m bench.child STAGE CONFIG RESULT``.

STAGE is ``extract``, ``classify``, ``topics``, ``export`` or ``nightly``. The result JSON holds
``status`` (``ok``, ``not available`` when the stage's function cannot be imported yet, or
``failed``), the seconds spent importing and the seconds spent inside the stage function(s).
``--profile FILE`` writes cProfile statistics of the stage call to FILE.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

# Each stage: the (module, function) pairs it needs, in call order.
STAGE_FUNCTIONS = {
    "extract": [("kennismaker.extract.load", "ingest_export")],
    "classify": [("kennismaker.classify.stage", "classify_messages"), ("kennismaker.classify.linking", "link_answers")],
    "topics": [("kennismaker.topics.assign", "assign_topics")],
    "export": [("kennismaker.exports.publish", "write_exports")],
    "nightly": [("kennismaker.pipelines.flows", "nightly_flow")],
}


# Functions a stage can do without: reported as a "not available" step instead of failing the stage.
OPTIONAL = {("kennismaker.classify.linking", "link_answers")}


class NotAvailable(Exception):
    """A stage function that cannot be imported (yet)."""


def stage_functions(stage: str) -> list[Callable | str]:
    """The functions ``stage`` calls (an optional missing one is its error text instead).

    Raises ``NotAvailable`` naming the first required function that cannot be imported.
    """
    found: list[Callable | str] = []
    for module, name in STAGE_FUNCTIONS[stage]:
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError) as exc:
            error = f"{module}.{name}: {type(exc).__name__}: {exc}"
            if (module, name) not in OPTIONAL:
                raise NotAvailable(error) from None
            found.append(error)
    return found


def _timed(call: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return round(time.perf_counter() - started, 3), result


def run_extract(cfg, funcs) -> dict:
    """Ingest every configured source, timing each reader separately."""
    from kennismaker.extract.load import summary_dict
    from kennismaker.store import open_store

    (ingest,) = funcs
    per_source = []
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        for src in cfg.sources:
            seconds, summary = _timed(lambda src=src: ingest(con, src, cfg))
            per_source.append({"source": src.name, "format": src.format, "seconds": seconds, **summary_dict(summary)})
    return {"steps": per_source}


def run_classify(cfg, funcs) -> dict:
    """Label the messages, then link answers (timed as two steps)."""
    from kennismaker.store import open_store

    classify, link = funcs
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        classify_s, labels = _timed(lambda: classify(con, cfg))
        steps = [{"step": "classify_messages", "status": "ok", "seconds": classify_s, "result": labels}]
        if isinstance(link, str):
            return {"steps": steps + [{"step": "link_answers", "status": "not available", "error": link}]}
        link_s, links = _timed(lambda: link(con, cfg))
    return {"steps": steps + [{"step": "link_answers", "status": "ok", "seconds": link_s, "result": links}]}


def run_single(cfg, funcs, **kwargs) -> dict:
    """Call the stage's one ``(con, cfg)`` function."""
    from kennismaker.store import open_store

    (func,) = funcs
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        seconds, result = _timed(lambda: func(con, cfg, **kwargs))
    return {"steps": [{"step": func.__name__, "seconds": seconds, "result": result}]}


def run_nightly(config_path: Path, funcs) -> dict:
    """The nightly flow as ``kennismaker run --config`` runs it; per stage its seconds and the flow
    process's peak resident memory during it (``pipelines.memory``)."""
    from kennismaker.pipelines.tasks import ConfigRef

    (nightly,) = funcs
    seconds, result = _timed(lambda: nightly(ConfigRef(config_path=str(config_path))))
    steps = [{"step": name, "seconds": stage["seconds"], "peak_rss_mib": stage.get("peak_rss_mib")}
             for name, stage in result["stages"].items()]
    return {"steps": steps, "result": result}


def run_stage(stage: str, config_path: Path, funcs) -> dict:
    """Dispatch ``stage`` to its runner."""
    if stage == "nightly":
        return run_nightly(config_path, funcs)
    from kennismaker.pipelines.config import load_config

    cfg = load_config(config_path)
    runners = {"extract": run_extract, "classify": run_classify, "topics": lambda c, f: run_single(c, f, refit=False),
               "export": run_single}
    return runners[stage](cfg, funcs)


def measure(stage: str, config_path: Path, profile: Path | None) -> dict:
    """Import and run ``stage``; never raises, the outcome is in the returned ``status``."""
    import_s, funcs = 0.0, None
    try:
        import_s, funcs = _timed(lambda: stage_functions(stage))
    except NotAvailable as exc:
        return {"stage": stage, "status": "not available", "error": str(exc)}
    profiler = cProfile.Profile() if profile else None
    try:
        if profiler:
            profiler.enable()
        seconds, out = _timed(lambda: run_stage(stage, config_path, funcs))
    except Exception as exc:  # the benchmark reports a failing stage instead of stopping
        traceback.print_exc()
        return {"stage": stage, "status": "failed", "import_seconds": import_s,
                "error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:500]}
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile))
    return {"stage": stage, "status": "ok", "import_seconds": import_s, "seconds": seconds, **out}


def main(argv: list[str] | None = None) -> int:
    """Command line of the child process."""
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    parser.add_argument("stage", choices=sorted(STAGE_FUNCTIONS))
    parser.add_argument("config", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="demo mode")
    result = measure(args.stage, args.config, args.profile)
    args.result.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["status"] != "failed" else 1


if __name__ == "__main__":
    sys.exit(main())
