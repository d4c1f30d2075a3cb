"""A description of the machine and software a benchmark ran on."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

KEY_PACKAGES = ("duckdb", "pyarrow", "prefect", "torch", "transformers", "sentence-transformers",
                "bertopic", "spacy", "scikit-learn", "fastapi", "psutil")


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo ("unknown" elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def total_ram_gib() -> float:
    """Physical memory in GiB."""
    import psutil

    return round(psutil.virtual_memory().total / 1024**3, 1)


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that matter for speed ("not installed" when absent)."""
    out = {}
    for name in KEY_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def machine_info() -> dict:
    """CPU count and model, RAM, OS, Python and key package versions."""
    return {"nproc": os.cpu_count(), "cpu_model": cpu_model(), "ram_gib": total_ram_gib(),
            "os": platform.platform(), "python": platform.python_version(), "packages": package_versions()}
