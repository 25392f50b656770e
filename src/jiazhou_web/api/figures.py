"""The bulk write of annual figures: JSON rows → the Excel import (``EnterpriseImporter``).

The rows go through the same columns, cell parsers, row checks (``jiazhou.validation``), scope
checks and action (``enterprises.actions.import_enterprises``) as a workbook uploaded on the
import page, so an API client gets the same errors in the same words, numbered by item (第1行
is the first item of ``rows``). Identity columns left out are taken from the enterprise's
record when the token's role sees it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from jiazhou_web.api.models import ApiToken
from jiazhou_web.core.access import for_user
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.imports import IDENTITY_COLUMNS, EnterpriseImporter

IDENTITY_KEYS = tuple(c.key for c in IDENTITY_COLUMNS)


def _identity_on_file(rows: list[dict[str, Any]], user: Any) -> dict[str, dict[str, Any]]:
    """USCC → identity cells of the enterprises on file that ``user`` sees (one query)."""
    from jiazhou_web.enterprises.models import Enterprise

    usccs = {str(r.get("uscc") or "").strip().upper() for r in rows}
    found = for_user(Enterprise.objects.select_related("region", "zone", "industry"), user).filter(
        uscc__in=usccs
    )
    return {
        e.uscc: {
            "name": e.name,
            "registration_date": e.registration_date,
            "region_code": e.region.code,
            "in_zone": e.zone_id is not None,
            "industry_code": e.industry.code,
            "tech_field": e.tech_field or None,
            "size_class": e.size_class or None,
        }
        for e in found
    }


def write_figures(
    rows: list[dict[str, Any]], *, user: Any, token: ApiToken
) -> tuple[int, dict[str, Any]]:
    """Validate and store ``rows`` (all or nothing): ``(status, body)`` for the response."""
    limit = settings.IMPORT_MAX_ROWS
    if len(rows) > limit:
        return 422, {
            "detail": f"一次最多 {limit} 行，收到 {len(rows)} 行 / at most {limit} rows per request",
            "errors": [],
        }
    fields = annual_field_map()
    unknown: list[dict[str, Any]] = []
    for n, row in enumerate(rows, start=1):
        bad = [code for code in row["figures"] if code not in fields]
        if bad:
            unknown.append(
                {
                    "row": n,
                    "messages": [
                        f"第{n}行「figures.{code}」：未知的年度数据字段 / row {n}: unknown "
                        f"annual field {code!r}"
                        for code in bad
                    ],
                }
            )
    if unknown:
        return 422, {
            "detail": "有未知字段，未写入任何数据 / unknown fields, nothing was stored",
            "errors": unknown,
        }
    on_file = _identity_on_file(rows, user)
    codes = sorted({code for row in rows for code in row["figures"]})
    header = [*IDENTITY_KEYS, *codes]
    body = []
    for row in rows:
        cells = {k: row.get(k) for k in IDENTITY_KEYS}
        known = on_file.get(str(row.get("uscc") or "").strip().upper(), {})
        for key, value in known.items():
            if cells.get(key) is None:
                cells[key] = value
        cells.update(row["figures"])
        body.append([_cell(cells.get(key)) for key in header])
    importer = EnterpriseImporter(note=f"开放接口 · 令牌「{token.name}」（{token.prefix}）")
    outcome = importer.run_rows(header, body, actor=user, first_row=1, annotate=False)
    if outcome.rejected:
        return outcome.status, {"detail": outcome.rejected, "errors": []}
    if outcome.errors:
        return 422, {
            "detail": (
                f"共 {outcome.total_rows} 行，其中 {outcome.failed_rows} 行有错误，未写入任何数据 / "
                f"{outcome.failed_rows} of {outcome.total_rows} rows have errors; nothing was stored"
            ),
            "errors": [
                {"row": idx + 1, "messages": messages}
                for idx, messages in sorted(outcome.errors.items())
            ],
        }
    return 200, {"rows": outcome.total_rows, "stored": outcome.stored}


def _cell(value: Any) -> Any:
    """A JSON value as a workbook cell: booleans as 是/否 (the import's boolean reads them),
    everything else as sent (the cell parsers read numbers and text alike)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value
