"""The versioned files of ``monitoring/data/`` and how they load.

``indicators.csv``, ``targets.csv`` and ``observations.csv`` are copies of the Leshan extraction
(facts from the five seed documents in ``docs/sources/``, each row citing its seed file and an
exact quote). ``source_documents.csv`` names the seeds (title, 文号, date) and
``indicator_config.csv`` holds the project's own settings per indicator: the reporting frequency
and a responsible department — the latter is **demo configuration**, not stated in the seeds.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

# Region names in the seed files → Region.code: the city and its zone are configured
# (core.locality: JIAZHOU_CITY_CODE, JIAZHOU_ZONE_CODE), every other name is looked up.


def read(name: str) -> list[dict[str, str]]:
    """The rows of one data file as dicts of strings."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def region_code(name: str, region_model: Any) -> str:
    """The ``Region.code`` of a region named in the seeds; ``ValueError`` naming it otherwise."""
    from jiazhou_web.core.locality import locality

    place = locality()
    if name == place.city_name:
        return place.city_code
    if name == place.zone_name:
        return place.zone_code
    region = region_model.objects.filter(name=name).first()
    if region is None:
        raise ValueError(f"未知地区「{name}」 / unknown region {name!r}")
    return str(region.code)


def source_files(notes: str) -> str:
    """Seed numbers a catalogue note cites (``000``–``004``), as their file names."""
    documents = {row["file_name"][:3]: row["file_name"] for row in read("source_documents.csv")}
    cited = [file for number, file in documents.items() if number in notes]
    return "; ".join(cited)


def load_reference(indicator_model: Any, document_model: Any) -> int:
    """Create or update the source documents and the indicator catalogue; returns indicators.

    Takes model classes so the data migration can pass its historical models.
    """
    for row in read("source_documents.csv"):
        document_model.objects.update_or_create(
            file_name=row["file_name"],
            defaults={
                "title": row["title"],
                "document_number": row["document_number"],
                "issued_on": row["issued_on"] or None,
                "date_basis": row["date_basis"],
            },
        )
    config = {row["code"]: row for row in read("indicator_config.csv")}
    rows = read("indicators.csv")
    has_position = any(f.name == "position" for f in indicator_model._meta.get_fields())
    for position, row in enumerate(rows, start=1):
        indicator_model.objects.update_or_create(
            code=row["code"],
            defaults={
                **({"position": position} if has_position else {}),
                "name": row["name_zh"],
                "name_en": row["name_en"],
                "unit": row["unit"],
                "direction": row["direction"],
                "kind": row["kind"],
                "scope": row["scope"],
                "frequency": config[row["code"]]["frequency"],
                "definition": row["notes"],
                "source": source_files(row["notes"]),
            },
        )
    return len(rows)
