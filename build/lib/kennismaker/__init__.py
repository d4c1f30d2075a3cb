"""kennismaker: kennis delen is kennis maken.

Turns intranet conversation exports into a DuckDB store, labels, topics and Parquet exports.
"""

__version__ = "0.1.0"
