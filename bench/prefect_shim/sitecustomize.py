"""Benchmark-only shim (``python -m bench.run --prefect-shim``): lets Prefect 3.8.8's ephemeral
server import under FastAPI 0.165, whose ``Body()`` no longer accepts ``min_items`` / ``max_items``.

Python imports this file at start-up when its folder is on PYTHONPATH; ``bench.run`` puts it there
only for the nightly-flow children, and only when asked. It maps the two old keywords to
``min_length`` / ``max_length`` (their pydantic v2 names) and changes nothing else.
"""

import inspect

import fastapi

if "min_items" not in inspect.signature(fastapi.Body).parameters:
    _body = fastapi.Body

    def _compatible_body(*args, min_items=None, max_items=None, **kwargs):
        if min_items is not None:
            kwargs.setdefault("min_length", min_items)
        if max_items is not None:
            kwargs.setdefault("max_length", max_items)
        return _body(*args, **kwargs)

    fastapi.Body = _compatible_body
