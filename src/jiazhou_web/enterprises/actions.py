"""Writes on the 一企一档 record; each writes one audit row (one per enterprise in bulk).

``import_enterprises`` is the bulk path used by the Excel import and the demo: one transaction,
``bulk_create``/``bulk_update`` for enterprises and figures, one audit row per enterprise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from jiazhou.uscc import validate_uscc
from jiazhou_web.core import audit
from jiazhou_web.enterprises.choices import EnterpriseEvent
from jiazhou_web.enterprises.figures import FigureValue, annual_field_map, stored
from jiazhou_web.enterprises.models import (
    Certificate,
    Enterprise,
    EnterpriseFigure,
    Incident,
    IPAsset,
)

# Identity fields an action may set, in the order of the audit record.
IDENTITY_FIELDS: tuple[str, ...] = (
    "uscc",
    "name",
    "registration_date",
    "region",
    "zone",
    "industry",
    "tech_field",
    "size_class",
    "lifecycle_stage",
    "strategic_emerging",
    "key_chain_role",
    "resident_enterprise_cn",
    "tax_collection_method",
    "listed_status",
    "above_scale_industrial",
    "segment_start_date",
    "synthetic",
    "source_note",
)
_CODED_FK = {"region": "code", "zone": "code", "industry": "code"}
BULK_BATCH = 2000


def _audit_value(enterprise: Enterprise, name: str) -> Any:
    """A field as the audit log shows it: foreign keys by code."""
    value = getattr(enterprise, name)
    if name in _CODED_FK and value is not None:
        return getattr(value, _CODED_FK[name])
    return value


def _figure_audit(value: Decimal | None, text_value: str) -> str | None:
    """A figure as the audit log shows it: code text, or the number without trailing zeros."""
    if text_value:
        return text_value
    return None if value is None else format(value.normalize(), "f")


def identity_snapshot(enterprise: Enterprise) -> dict[str, Any]:
    return {name: _audit_value(enterprise, name) for name in IDENTITY_FIELDS}


def _check_fields(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"未知字段 / unknown enterprise fields: {sorted(unknown)}")
    uscc = fields.get("uscc")
    if uscc is not None:
        error = validate_uscc(uscc)
        if error:
            raise ValidationError({"uscc": f"统一社会信用代码「{uscc}」无效：{error}"})


def _check_figures(values: Mapping[str, FigureValue]) -> None:
    unknown = set(values) - set(annual_field_map())
    if unknown:
        raise ValueError(f"未知年度字段 / unknown annual field codes: {sorted(unknown)}")


@transaction.atomic
def create_enterprise(*, actor: Any, **fields: Any) -> Enterprise:
    """A new enterprise record (``uscc`` may be ``None`` only for seed-named real firms)."""
    _check_fields(fields)
    enterprise = Enterprise(**fields)
    enterprise.full_clean()
    enterprise.save()
    audit.record(
        EnterpriseEvent.CREATED,
        actor=actor,
        target=enterprise,
        after=identity_snapshot(enterprise),
    )
    return enterprise


@transaction.atomic
def update_enterprise(enterprise: Enterprise, *, actor: Any, **changes: Any) -> list[str]:
    """Change identity fields; the audit row holds before/after of the changed ones only."""
    _check_fields(changes)
    before = identity_snapshot(enterprise)
    for name, value in changes.items():
        setattr(enterprise, name, value)
    after = identity_snapshot(enterprise)
    changed = [name for name in changes if before[name] != after[name]]
    if not changed:
        return []
    enterprise.full_clean()
    enterprise.save(update_fields=[*changed, "updated"])
    audit.record(
        EnterpriseEvent.UPDATED,
        actor=actor,
        target=enterprise,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return changed


@dataclass
class _FigurePlan:
    """Figure rows to insert, update and delete, and the before/after of each change."""

    create: list[tuple[Any, ...]] = field(default_factory=list)  # rows of INSERT_COLUMNS
    update: list[EnterpriseFigure] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    before: dict[int, dict[str, Any]] = field(default_factory=dict)
    after: dict[int, dict[str, Any]] = field(default_factory=dict)


def _plan_figures(
    enterprise: Enterprise,
    figures: Mapping[int, Mapping[str, FigureValue]],
    existing: Mapping[tuple[int, str], EnterpriseFigure],
    *,
    source: str,
    as_of: dt.date,
    plan: _FigurePlan,
) -> None:
    specs = annual_field_map()
    before = plan.before.setdefault(enterprise.pk, {})
    after = plan.after.setdefault(enterprise.pk, {})
    for year, values in figures.items():
        for code, raw in values.items():
            value, text_value = stored(specs[code], raw)
            key = f"{year}.{code}"
            old = existing.get((year, code))
            if old is None:
                if value is None and not text_value:
                    continue
                plan.create.append((enterprise.pk, year, code, value, text_value, source, as_of))
                after[key] = _figure_audit(value, text_value)
                continue
            if value is None and not text_value:
                plan.delete.append(old.pk)
                before[key] = _figure_audit(old.value, old.text_value)
                after[key] = None
                continue
            same_value = old.value == value and old.text_value == text_value
            if same_value and old.source == source and old.as_of == as_of:
                continue
            if not same_value:
                before[key] = _figure_audit(old.value, old.text_value)
                after[key] = _figure_audit(value, text_value)
            old.value, old.text_value, old.source, old.as_of = value, text_value, source, as_of
            plan.update.append(old)


INSERT_COLUMNS = ("enterprise", "fiscal_year", "field", "value", "text_value", "source", "as_of")
INSERT_CHUNK = 20_000


def _insert_figures(rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT many figure rows with one prepared statement (``executemany``).

    ``bulk_create`` builds a model instance and compiles SQL per value, which is most of the
    cost of storing half a million figures; the values are adapted here exactly as the ORM
    adapts them (``connection.ops``), so both SQLite and PostgreSQL store the same thing.
    """
    if not rows:
        return
    meta = EnterpriseFigure._meta
    fields = [meta.get_field(name) for name in INSERT_COLUMNS]
    columns = [str(f.column) for f in fields if isinstance(f, models.Field)]
    value_field = meta.get_field("value")
    assert isinstance(value_field, models.DecimalField)
    ops = connection.ops
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(meta.db_table),
        ", ".join(ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    digits, places = value_field.max_digits, value_field.decimal_places
    adapted = [
        (
            enterprise_id,
            year,
            code,
            None if value is None else ops.adapt_decimalfield_value(value, digits, places),
            text_value,
            source,
            ops.adapt_datefield_value(as_of),
        )
        for enterprise_id, year, code, value, text_value, source, as_of in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(adapted), INSERT_CHUNK):
            cursor.executemany(sql, adapted[start : start + INSERT_CHUNK])


def _apply_figures(plan: _FigurePlan) -> None:
    _insert_figures(plan.create)
    EnterpriseFigure.objects.bulk_update(
        plan.update, ["value", "text_value", "source", "as_of"], batch_size=BULK_BATCH
    )
    if plan.delete:
        EnterpriseFigure.objects.filter(pk__in=plan.delete).delete()


def _existing_figures(
    enterprise_ids: Iterable[int], years: Iterable[int]
) -> dict[int, dict[tuple[int, str], EnterpriseFigure]]:
    found: dict[int, dict[tuple[int, str], EnterpriseFigure]] = {}
    ids, year_list = list(enterprise_ids), sorted(set(years))
    if not ids or not year_list:
        return found
    for start in range(0, len(ids), 500):
        rows = EnterpriseFigure.objects.filter(
            enterprise_id__in=ids[start : start + 500], fiscal_year__in=year_list
        )
        for row in rows:
            found.setdefault(row.enterprise_id, {})[(row.fiscal_year, row.field)] = row
    return found


@transaction.atomic
def set_annual_figures(
    enterprise: Enterprise,
    fiscal_year: int,
    values: Mapping[str, FigureValue],
    *,
    source: str,
    as_of: dt.date,
    actor: Any,
) -> dict[str, Any]:
    """Upsert figures of one fiscal year (``None`` deletes); audits the changed values.

    Returns the after-values of the changed figures, keyed ``"<year>.<code>"``.
    """
    _check_figures(values)
    existing = _existing_figures([enterprise.pk], [fiscal_year]).get(enterprise.pk, {})
    plan = _FigurePlan()
    _plan_figures(
        enterprise, {fiscal_year: values}, existing, source=source, as_of=as_of, plan=plan
    )
    _apply_figures(plan)
    after = plan.after.get(enterprise.pk, {})
    if after or plan.update:
        audit.record(
            EnterpriseEvent.FIGURES_SET,
            actor=actor,
            target=enterprise,
            before=plan.before.get(enterprise.pk, {}),
            after=after,
            extra={"fiscal_year": fiscal_year, "source": source, "as_of": as_of},
        )
    return after


@dataclass(frozen=True)
class EnterpriseRecord:
    """One enterprise for the bulk path: identity field values and figures by fiscal year."""

    identity: Mapping[str, Any]
    figures: Mapping[int, Mapping[str, FigureValue]] = field(default_factory=dict)


@dataclass(frozen=True)
class BulkOutcome:
    created: int
    updated: int
    figures_written: int
    enterprises: dict[str, Enterprise]


@transaction.atomic
def import_enterprises(
    records: Sequence[EnterpriseRecord],
    *,
    source: str,
    as_of: dt.date,
    actor: Any,
    note: str = "",
) -> BulkOutcome:
    """Create or update many enterprises (matched by 统一社会信用代码) and upsert their figures.

    One transaction; one audit row per enterprise with the identity and figure changes.
    """
    usccs: list[str] = []
    for record in records:
        _check_fields(record.identity)
        if not record.identity.get("uscc"):
            raise ValidationError(
                {"uscc": "批量导入须有统一社会信用代码 / bulk import needs a USCC"}
            )
        for values in record.figures.values():
            _check_figures(values)
        usccs.append(record.identity["uscc"])
    if len(set(usccs)) != len(usccs):
        raise ValidationError({"uscc": "同一统一社会信用代码出现多次 / a USCC appears twice"})

    existing = Enterprise.objects.select_related("region", "zone", "industry").in_bulk(
        usccs, field_name="uscc"
    )
    new: list[Enterprise] = []
    changed_fields: set[str] = set()
    updated: list[tuple[Enterprise, dict[str, Any], dict[str, Any]]] = []
    for record in records:
        enterprise = existing.get(record.identity["uscc"])
        if enterprise is None:
            enterprise = Enterprise(**record.identity)
            enterprise.clean_fields(exclude=["uscc", "region", "zone", "industry"])
            new.append(enterprise)
            continue
        before = identity_snapshot(enterprise)
        for name, value in record.identity.items():
            setattr(enterprise, name, value)
        after = identity_snapshot(enterprise)
        diff = [name for name in record.identity if before[name] != after[name]]
        changed_fields.update(diff)
        updated.append((enterprise, {k: before[k] for k in diff}, {k: after[k] for k in diff}))
    Enterprise.objects.bulk_create(new, batch_size=BULK_BATCH)
    if changed_fields:
        now = timezone.now()
        touched = [e for e, before, _ in updated if before]
        for enterprise in touched:
            enterprise.updated = now
        Enterprise.objects.bulk_update(touched, [*sorted(changed_fields), "updated"], BULK_BATCH)

    by_uscc = {e.uscc: e for e in [*new, *(e for e, _, _ in updated)] if e.uscc}
    years = {year for record in records for year in record.figures}
    current = _existing_figures([e.pk for e, _, _ in updated], years)
    plan = _FigurePlan()
    for record in records:
        enterprise = by_uscc[record.identity["uscc"]]
        _plan_figures(
            enterprise,
            record.figures,
            current.get(enterprise.pk, {}),
            source=source,
            as_of=as_of,
            plan=plan,
        )
    _apply_figures(plan)

    extra = {"source": source, "as_of": as_of, "note": note}
    for enterprise in new:
        audit.record(
            EnterpriseEvent.IMPORTED,
            actor=actor,
            target=enterprise,
            after=identity_snapshot(enterprise),
            extra={**extra, "created": True, "figures": len(plan.after.get(enterprise.pk, {}))},
        )
    for enterprise, before, after in updated:
        audit.record(
            EnterpriseEvent.IMPORTED,
            actor=actor,
            target=enterprise,
            before={**before, **plan.before.get(enterprise.pk, {})},
            after={**after, **plan.after.get(enterprise.pk, {})},
            extra={**extra, "created": False},
        )
    return BulkOutcome(
        created=len(new),
        updated=len(updated),
        figures_written=len(plan.create) + len(plan.update),
        enterprises=by_uscc,
    )


@transaction.atomic
def add_ip_asset(enterprise: Enterprise, *, actor: Any, **fields: Any) -> IPAsset:
    """Record a patent, software copyright or other IP right of the enterprise."""
    asset = IPAsset(enterprise=enterprise, **fields)
    asset.full_clean()
    asset.save()
    audit.record(
        EnterpriseEvent.IP_ADDED,
        actor=actor,
        target=enterprise,
        after={
            "kind": asset.kind,
            "ip_class": asset.ip_class,
            "number": asset.number,
            "title": asset.title,
        },
    )
    return asset


@transaction.atomic
def add_certificate(
    enterprise: Enterprise,
    *,
    programme: str,
    number: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    actor: Any,
    issuer: str = "",
    synthetic: bool = False,
) -> Certificate:
    """Record a recognition (高企证书, 科小入库编号 ...) with its validity dates."""
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(
            {"valid_to": "有效期止不能早于有效期起 / valid_to is before valid_from"}
        )
    certificate = Certificate(
        enterprise=enterprise,
        programme=programme,
        number=number,
        issuer=issuer,
        valid_from=valid_from,
        valid_to=valid_to,
        synthetic=synthetic,
    )
    certificate.full_clean()
    certificate.save()
    audit.record(
        EnterpriseEvent.CERTIFICATE_ADDED,
        actor=actor,
        target=enterprise,
        after={
            "programme": programme,
            "number": number,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
        extra={"synthetic": synthetic},
    )
    return certificate


@transaction.atomic
def revoke_certificate(
    certificate: Certificate, *, on: dt.date, reason: str, actor: Any
) -> Certificate:
    """Revoke a certificate from ``on`` (撤销/取消资格); it stops being valid that day."""
    if certificate.revoked_on is not None:
        raise ValidationError({"revoked_on": "证书已撤销 / certificate is already revoked"})
    certificate.revoked_on = on
    certificate.save(update_fields=["revoked_on", "updated"])
    audit.record(
        EnterpriseEvent.CERTIFICATE_REVOKED,
        actor=actor,
        target=certificate.enterprise,
        before={"number": certificate.number, "revoked_on": None},
        after={"number": certificate.number, "revoked_on": on},
        extra={"reason": reason, "programme": certificate.programme},
    )
    return certificate


@transaction.atomic
def add_certificates(
    specs: Sequence[Mapping[str, Any]], *, actor: Any, synthetic: bool = False
) -> int:
    """Many certificates at once (imports, demo): one audit row per enterprise.

    Each spec holds ``enterprise``, ``programme``, ``number``, ``valid_from``, ``valid_to`` and
    optionally ``issuer``.
    """
    certificates = []
    for spec in specs:
        if spec["valid_to"] is not None and spec["valid_to"] < spec["valid_from"]:
            raise ValidationError(
                {"valid_to": f"{spec['number']}：有效期止早于有效期起 / valid_to before valid_from"}
            )
        certificates.append(Certificate(synthetic=synthetic, **spec))
    Certificate.objects.bulk_create(certificates, batch_size=BULK_BATCH)
    by_enterprise: dict[int, list[Certificate]] = {}
    for certificate in certificates:
        by_enterprise.setdefault(certificate.enterprise.pk, []).append(certificate)
    for group in by_enterprise.values():
        audit.record(
            EnterpriseEvent.CERTIFICATE_ADDED,
            actor=actor,
            target=group[0].enterprise,
            after={
                c.number: {
                    "programme": c.programme,
                    "valid_from": c.valid_from,
                    "valid_to": c.valid_to,
                }
                for c in group
            },
            extra={"synthetic": synthetic, "count": len(group)},
        )
    return len(certificates)


@transaction.atomic
def record_incident(
    enterprise: Enterprise,
    *,
    occurred_on: dt.date,
    kind: str,
    source: str,
    actor: Any,
    description: str = "",
) -> Incident:
    """Record a dated compliance event (重大安全/重大质量事故, 严重环境违法, 科研严重失信 …).

    Scoring judges it in windows counted from the application date (32号 第十一条(八),
    115号 第六条(四)); a date after today is refused.
    """
    if occurred_on > timezone.localdate():
        raise ValidationError(
            {"occurred_on": "发生日期不能晚于今天 / occurred_on cannot be in the future"}
        )
    incident = Incident(
        enterprise=enterprise,
        occurred_on=occurred_on,
        kind=kind,
        source=source,
        description=description,
    )
    incident.full_clean()
    incident.save()
    audit.record(
        EnterpriseEvent.INCIDENT_RECORDED,
        actor=actor,
        target=enterprise,
        after={"occurred_on": occurred_on.isoformat(), "kind": kind, "source": source},
    )
    return incident
