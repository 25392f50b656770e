"""ORM rows → the Polars panel the scoring engine reads (``jiazhou.schemes.panel``).

Four queries in all — enterprises, their annual figures (long: enterprise × fiscal year × field),
their certificates and their dated incidents — then the figures are pivoted to one column per canonical field of
``jiazhou/fields.toml`` in Polars. Title flags (``hnte_certified`` …) missing from the figures
are filled from the certificates valid at the end of the fiscal year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connections
from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast

from jiazhou.fields import annual_codes, field_map, identity_codes
from jiazhou.schemes import data_hash
from jiazhou.schemes.panel import EVENT_SCHEMA
from jiazhou_web.enterprises.choices import Programme, TechField
from jiazhou_web.enterprises.models import Certificate, Enterprise, EnterpriseFigure, Incident

NUMERIC_UNITS = frozenset(
    ("yuan", "ratio", "persons", "count", "points", "level", "mu", "m2", "tce", "kwh", "tonnes")
)

# Annual title flags of fields.toml that a valid certificate of the programme proves.
CERTIFICATE_FLAGS: dict[str, str] = {
    "hnte_certified": Programme.HNTE,
    "tech_sme_registered": Programme.TECH_SME,
    "innovative_sme_title": Programme.INNOVATIVE_SME,
    "srdi_sme_title": Programme.SRDI_SME,
}

# 《国家重点支持的高新技术领域》 first-level fields are numbered 1-8 in the annex's order, which
# is the order of ``TechField`` (fields.toml ``tech_field``).
TECH_FIELD_NUMBER: dict[str, str] = {
    str(v): str(i) for i, v in enumerate(TechField.values, start=1)
}

# Identity column of fields.toml → Enterprise attribute path for ``values_list``.
IDENTITY_SOURCES: dict[str, str] = {
    "uscc": "uscc",
    "name": "name",
    "registration_date": "registration_date",
    "region_code": "region__code",
    "in_zone": "zone_id",
    "industry_code": "industry__code",
    "tech_field": "tech_field",
    "strategic_emerging": "strategic_emerging",
    "key_chain_role": "key_chain_role",
    "sme_size_class": "size_class",
    "resident_enterprise_cn": "resident_enterprise_cn",
    "tax_collection_method": "tax_collection_method",
    "listed_status": "listed_status",
    "lifecycle_stage": "lifecycle_stage",
    "above_scale_industrial": "above_scale_industrial",
    "segment_start_date": "segment_start_date",
}


@dataclass(frozen=True)
class Facts:
    """The engine's inputs for a set of enterprises."""

    panel: pl.DataFrame  # uscc × fiscal_year, one column per annual field
    identity: pl.DataFrame  # one row per enterprise: identity fields + ``enterprise_id``
    events: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EVENT_SCHEMA))

    @property
    def data_hash(self) -> str:
        """SHA-256 over the frames (the engine's :func:`data_hash` of each, combined)."""
        h = hashlib.sha256(data_hash(self.panel).encode())
        h.update(data_hash(self.identity).encode())
        if self.events.height:  # no events: the same hash as before dated incidents existed
            h.update(data_hash(self.events.sort("uscc", "date", "kind")).encode())
        return h.hexdigest()

    def with_overrides(self, uscc: str, fiscal_year: int, values: dict[str, float]) -> Facts:
        """A copy where one enterprise-year carries other values (what-if; nothing is saved)."""
        panel = self.panel
        if not values:
            return self
        row = (pl.col("uscc") == uscc) & (pl.col("fiscal_year") == fiscal_year)
        if panel.filter(row).height == 0:
            blank = {"uscc": [uscc], "fiscal_year": [fiscal_year]}
            panel = pl.concat(
                [panel, pl.DataFrame(blank, schema=_key_schema(panel))], how="diagonal_relaxed"
            )
        panel = panel.with_columns(
            pl.when(row)
            .then(pl.lit(v).cast(panel.schema.get(c, pl.Float64)))
            .otherwise(pl.col(c) if c in panel.columns else pl.lit(None, pl.Float64))
            .alias(c)
            for c, v in values.items()
        )
        return Facts(panel.sort("uscc", "fiscal_year"), self.identity, self.events)


def _key_schema(panel: pl.DataFrame) -> dict[str, Any]:
    return {"uscc": panel.schema["uscc"], "fiscal_year": panel.schema["fiscal_year"]}


def build_facts(enterprises: QuerySet[Enterprise]) -> Facts:
    """The panel and identity frame of ``enterprises`` (a queryset, already scoped)."""
    fields = field_map()
    ident_codes = [c for c in identity_codes() if c in IDENTITY_SOURCES]
    rows = list(
        enterprises.order_by("uscc").values_list("id", *(IDENTITY_SOURCES[c] for c in ident_codes))
    )
    identity = pl.DataFrame(
        rows,
        schema={
            "enterprise_id": pl.Int64,
            **{c: _identity_dtype(c, fields[c].unit) for c in ident_codes},
        },
        orient="row",
    ).with_columns(
        *(
            pl.col(c).replace("", None).cast(pl.Float64, strict=False)
            for c in ident_codes
            if fields[c].unit in NUMERIC_UNITS
        ),
        pl.col("in_zone").is_not_null(),
        pl.col("tech_field").replace_strict(
            TECH_FIELD_NUMBER, default=None, return_dtype=pl.String
        ),
    )
    figures = EnterpriseFigure.objects.filter(enterprise__in=enterprises).annotate(
        number=Cast("value", FloatField())
    )
    long = _read_frame(
        figures.values_list("enterprise_id", "fiscal_year", "field", "number", "text_value"),
        {
            "enterprise_id": pl.Int64,
            "fiscal_year": pl.Int64,
            "field": pl.String,
            "number": pl.Float64,
            "text": pl.String,
        },
    ).filter(pl.col("field").is_in(list(fields)))
    panel = _with_all_annual_columns(_pivot(long, fields), fields)
    panel = _with_certificate_flags(panel, enterprises)
    panel = (
        panel.join(identity.select("enterprise_id", "uscc"), on="enterprise_id", how="inner")
        .drop("enterprise_id")
        .select("uscc", "fiscal_year", pl.exclude("uscc", "fiscal_year"))
        .sort("uscc", "fiscal_year")
    )
    return Facts(panel, identity, _events(enterprises, identity))


def _events(enterprises: QuerySet[Enterprise], identity: pl.DataFrame) -> pl.DataFrame:
    """Dated incidents (``uscc``, ``date``, ``kind``) of ``enterprises`` (one query)."""
    rows = list(
        Incident.objects.filter(enterprise__in=enterprises).values_list(
            "enterprise_id", "occurred_on", "kind"
        )
    )
    frame = pl.DataFrame(
        rows, schema={"enterprise_id": pl.Int64, "date": pl.Date, "kind": pl.String}, orient="row"
    )
    return frame.join(identity.select("enterprise_id", "uscc"), on="enterprise_id").select(
        *EVENT_SCHEMA
    )


FETCH_CHUNK = 200_000  # rows per fetchmany when a frame is read through the DB-API (SQLite)


def _read_frame(qs: QuerySet[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of a ``values_list`` query as a frame of ``schema``, straight from the database.

    Millions of figure rows per population: Django's per-row iterator is skipped. PostgreSQL
    sends the result as CSV through ``COPY (query) TO STDOUT``, which Polars parses without a
    Python object per value (floats in their shortest round-trip form, so the values — and
    the data hash — are those a cursor would return). SQLite: ``fetchmany`` in chunks, each
    turned into a frame at once, so only one chunk of Python tuples is alive at a time. Only
    for columns that need no Python-side conversion (ints, floats, text).
    """
    sql, params = qs.query.sql_with_params()
    connection = connections[qs.db]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = bytearray()
            # CSV's NULL is an unquoted empty field; an empty string is written quoted ("")
            copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
            with cursor.cursor.copy(copy_sql, params or None) as copy:
                for block in copy:
                    buffer += block
            if not buffer:
                return pl.DataFrame(schema=schema)
            return pl.read_csv(
                bytes(buffer),
                has_header=False,
                new_columns=list(schema),
                schema_overrides=schema,
            )
        cursor.execute(sql, params)
        parts = [pl.DataFrame(schema=schema)]
        while rows := cursor.fetchmany(FETCH_CHUNK):
            parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
    return pl.concat(parts, rechunk=True)


def _with_all_annual_columns(panel: pl.DataFrame, fields: dict[str, Any]) -> pl.DataFrame:
    """Every annual field as a column (null where nothing is on file → ``unknown`` results)."""
    missing = [c for c in annual_codes() if c not in panel.columns]
    return panel.with_columns(
        pl.lit(
            None,
            pl.Boolean
            if fields[c].unit == "bool"
            else pl.Float64
            if fields[c].unit in NUMERIC_UNITS
            else pl.String,
        ).alias(c)
        for c in missing
    )


def _identity_dtype(code: str, unit: str) -> Any:
    if code == "in_zone":
        return pl.Int64  # the zone's id, turned into a flag below
    return {"date": pl.Date, "bool": pl.Boolean}.get(unit, pl.String)


def _pivot(long: pl.DataFrame, fields: dict[str, Any]) -> pl.DataFrame:
    """Long figures → wide panel; each field typed by its catalogue unit."""
    keys = long.select("enterprise_id", "fiscal_year").unique()
    if long.height == 0:
        return keys
    numeric = long.filter(pl.col("number").is_not_null()).pivot(
        on="field",
        index=["enterprise_id", "fiscal_year"],
        values="number",
        aggregate_function="first",
    )
    text = long.filter(pl.col("number").is_null() & (pl.col("text") != "")).pivot(
        on="field",
        index=["enterprise_id", "fiscal_year"],
        values="text",
        aggregate_function="first",
    )
    wide = keys.join(numeric, on=["enterprise_id", "fiscal_year"], how="left")
    if text.width > 2:
        clash = [c for c in text.columns[2:] if c in wide.columns]
        wide = wide.join(
            text.rename({c: f"{c}__text" for c in clash}),
            on=["enterprise_id", "fiscal_year"],
            how="left",
        )
        wide = wide.with_columns(
            pl.coalesce(pl.col(c).cast(pl.String), pl.col(f"{c}__text")).alias(c)
            for c in clash
            if fields[c].unit not in NUMERIC_UNITS
        ).drop(f"{c}__text" for c in clash)
    casts = []
    for c in wide.columns[2:]:
        unit = fields[c].unit
        if unit == "bool":
            casts.append(pl.col(c).cast(pl.Float64, strict=False).ne(0).alias(c))
        elif unit in NUMERIC_UNITS:
            casts.append(pl.col(c).cast(pl.Float64, strict=False).alias(c))
    return wide.with_columns(casts) if casts else wide


def _with_certificate_flags(panel: pl.DataFrame, enterprises: QuerySet[Enterprise]) -> pl.DataFrame:
    """Fill title flags from certificates valid on 31 December of each fiscal year."""
    certs = pl.DataFrame(
        list(
            Certificate.objects.filter(
                enterprise__in=enterprises, programme__in=list(CERTIFICATE_FLAGS.values())
            ).values_list("enterprise_id", "programme", "valid_from", "valid_to", "revoked_on")
        ),
        schema={
            "enterprise_id": pl.Int64,
            "programme": pl.String,
            "valid_from": pl.Date,
            "valid_to": pl.Date,
            "revoked_on": pl.Date,
        },
        orient="row",
    )
    if panel.height == 0:
        return panel
    year_end = pl.date(pl.col("fiscal_year"), 12, 31)
    joined = panel.select("enterprise_id", "fiscal_year").join(
        certs, on="enterprise_id", how="inner"
    )
    valid = joined.filter(
        (pl.col("valid_from") <= year_end)
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= year_end))
        & (pl.col("revoked_on").is_null() | (pl.col("revoked_on") > year_end))
    )
    flags = []
    for flag, programme in CERTIFICATE_FLAGS.items():
        held = (
            valid.filter(pl.col("programme") == programme)
            .select("enterprise_id", "fiscal_year", pl.lit(True).alias(f"{flag}__cert"))
            .unique()
        )
        panel = panel.join(held, on=["enterprise_id", "fiscal_year"], how="left")
        figure = pl.col(flag) if flag in panel.columns else pl.lit(None, pl.Boolean)
        flags.append(pl.coalesce(pl.col(f"{flag}__cert"), figure, pl.lit(False)).alias(flag))
    return panel.with_columns(flags).drop(f"{f}__cert" for f in CERTIFICATE_FLAGS)


def fiscal_years(facts: Facts) -> list[int]:
    """The fiscal years the panel holds, ascending."""
    return sorted(facts.panel["fiscal_year"].unique().to_list())


def default_eval_year(facts: Facts, today: dt.date) -> int:
    """The evaluation year whose 上年度 (Y-1) is the latest fiscal year on file (≤ last year)."""
    years = [y for y in fiscal_years(facts) if y < today.year]
    return (years[-1] if years else today.year - 1) + 1
