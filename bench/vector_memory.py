"""``python -m bench.vector_memory [--rows 229190] [--dim 512] [--how arrow|python]``: peak memory of
moving one classify partition's vectors into an Arrow ``list<float32>`` column and back.

``arrow`` is what the classify stage does (``classify.cache.vector_column`` / ``vector_matrix``,
straight from and to the matrix's buffer); ``python`` is the row-wise way it did before (a Python
list per vector into ``pa.array``, ``to_pylist`` back), which holds a Python object per number.
Run each ``--how`` in its own process: the peak is this process's ``VmHWM`` (Linux), reset just
before. The default size is one of four partitions of the 916,759 messages labelled at 1,000,000
(512-d ``use_multilingual`` vectors).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pyarrow as pa

from kennismaker.classify.cache import vector_column, vector_matrix
from kennismaker.pipelines.memory import peak_rss_mib, reset_peak_rss


def round_trip(vectors: np.ndarray, how: str) -> np.ndarray:
    """``vectors`` to a list column and back, the ``how`` way."""
    if how == "arrow":
        return vector_matrix(vector_column(vectors))[0]
    column = pa.array([list(v) for v in vectors], pa.list_(pa.float32()))
    return np.array(column.to_pylist(), dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    """Print the peak resident memory before and during the round trip."""
    parser = argparse.ArgumentParser(prog="python -m bench.vector_memory", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=229_190)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--how", choices=("arrow", "python"), default="arrow")
    args = parser.parse_args(argv)
    vectors = np.random.default_rng(0).standard_normal((args.rows, args.dim), dtype=np.float32)
    reset_peak_rss()
    before = peak_rss_mib()
    same = np.array_equal(round_trip(vectors, args.how), vectors)
    print(f"{args.how}: {args.rows:,} x {args.dim} vectors ({vectors.nbytes / 2**20:,.0f} MiB): "
          f"resident {before:,.0f} MiB before, peak {peak_rss_mib():,.0f} MiB during the round trip; equal: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
