"""How many exported texts carry a full name of one of the demo's people (docs/privacy.md).

    python -m bench.names_in_exports --exports demo/data --out out/run_date=YYYY-MM-DD

Full names are the people's names in the demo's own user lists (Slack ``real_name``, Teams
``displayName``, Viva Engage ``name``); a text counts when one of them occurs in it as a whole
phrase (case-insensitive). Prints, per export and text column, rows with a name and occurrences.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq

TEXT_COLUMNS = {
    "tacit_knowledge_candidates": ("text",),
    "faq_candidates": ("representative_text", "best_answer_text"),
    "unanswered_questions": ("text",),
}


def demo_full_names(exports: Path) -> set[str]:
    """Every name of two words or more in the demo's Slack, Teams and Viva Engage user lists."""
    names = {u.get("real_name") for u in json.loads((exports / "slack" / "users.json").read_text(encoding="utf-8"))}
    names |= {u.get("displayName") for u in json.loads((exports / "teams" / "users.json").read_text(encoding="utf-8"))["value"]}
    with (exports / "yammer" / "Users.csv").open(encoding="utf-8-sig") as fh:
        names |= {row["name"] for row in csv.DictReader(fh)}
    return {n for n in names if n and len(n.split()) > 1}


def name_pattern(names: set[str]) -> re.Pattern:
    """One pattern matching any of ``names`` as a whole phrase, longest first."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def counts(folder: Path, pattern: re.Pattern) -> dict[str, dict[str, int]]:
    """Per export column: rows, rows with a full name, name occurrences."""
    out = {}
    for export, columns in TEXT_COLUMNS.items():
        table = pq.read_table(folder / f"{export}.parquet")
        for column in columns:
            texts = [t for t in table.column(column).to_pylist() if t]
            hits = [len(pattern.findall(t)) for t in texts]
            out[f"{export}.{column}"] = {"rows": table.num_rows, "rows_with_name": sum(1 for h in hits if h), "names": sum(hits)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=Path, default=Path("demo/data"), help="the demo's exports (kennismaker demo --out)")
    parser.add_argument("--out", type=Path, required=True, help="a run folder of exports (output_dir/run_date=...)")
    args = parser.parse_args()
    for name, figures in counts(args.out, name_pattern(demo_full_names(args.exports))).items():
        print(f"{name}: {figures['rows_with_name']} of {figures['rows']} rows carry a full name ({figures['names']} occurrences)")


if __name__ == "__main__":
    main()
