"""Loading the versioned region file (``regions/data/regions.csv``) into the database."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "regions.csv"


def load_regions(region_model: Any) -> int:
    """Create or update every region of the data file; returns how many rows were read.

    Takes the model class so data migrations can pass their historical model.
    """
    with DATA_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_code: dict[str, Any] = {}
    for row in rows:
        parent = by_code.get(row["parent"]) if row["parent"] else None
        region, _ = region_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "gb2260_code": row["gb2260_code"],
                "name": row["name"],
                "name_en": row["name_en"],
                "kind": row["kind"],
                "parent": parent,
                "source": row["source"],
            },
        )
        by_code[row["code"]] = region
    for row in rows:
        if row["overlays"]:
            by_code[row["code"]].overlays.set([by_code[c] for c in row["overlays"].split(";")])
    return len(rows)
