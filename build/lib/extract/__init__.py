"""extract: readers for intranet exports and the loader into the DuckDB store."""
