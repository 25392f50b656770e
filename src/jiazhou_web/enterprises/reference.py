"""Loading the versioned industry file (``enterprises/data/industries.csv``, GB/T 4754-2017)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
INDUSTRIES_FILE = DATA_DIR / "industries.csv"


def load_industries(industry_model: Any) -> int:
    """Create or update every 门类/大类/中类/小类 of the data file; returns the number of rows.

    Takes the model class so data migrations can pass their historical model. Parents precede
    their children in the file (it is sorted by code).
    """
    with INDUSTRIES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_code: dict[str, Any] = {}
    for row in rows:
        industry, _ = industry_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": int(row["level"]),
                "parent": by_code[row["parent"]] if row["parent"] else None,
            },
        )
        by_code[row["code"]] = industry
    return len(rows)
