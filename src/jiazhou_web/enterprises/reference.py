"""Loading the versioned industry file (``enterprises/data/industries.csv``, GB/T 4754-2017)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
INDUSTRIES_FILE = DATA_DIR / "industries.csv"


def load_industries(industry_model: Any) -> int:
    """Create or update every 门类/大类/中类/小类 of the data file; returns the number of rows.

    Takes the model class so data migrations can pass their historical model. Writes level by
    level in bulk (a parent's level precedes its children's), rows already as in the file left
    untouched: every test database loads the file four times through its migrations.
    """
    with INDUSTRIES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_code: dict[str, Any] = {i.code: i for i in industry_model.objects.all()}
    for level in sorted({int(row["level"]) for row in rows}):
        new, changed = [], []
        for row in rows:
            if int(row["level"]) != level:
                continue
            parent = by_code[row["parent"]] if row["parent"] else None
            industry = by_code.get(row["code"])
            if industry is None:
                industry = industry_model(code=row["code"], name=row["name"], level=level)
                industry.parent = parent
                new.append(industry)
                by_code[row["code"]] = industry
            elif (industry.name, industry.level, industry.parent_id) != (
                row["name"],
                level,
                parent.pk if parent else None,
            ):
                industry.name, industry.level, industry.parent = row["name"], level, parent
                changed.append(industry)
        industry_model.objects.bulk_create(new, batch_size=500)
        industry_model.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=500)
    return len(rows)
