"""Excel import of one batch's values, with the two-grade validation of ``validation.py``.

Errors (type, unit, range) reject the whole file, which comes back annotated; warnings do not
block the import but are listed with their row and must be explained before submitting. A
warning row that carries its 说明 in the file is stored already explained.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from jiazhou_web.core.imports import ImportColumn, Importer, choice, text
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Indicator, Submission
from jiazhou_web.monitoring.validation import GROWTH_COLUMN, assess, parse_number, previous_values


def _number(value: Any) -> Any:
    """Kept raw: :meth:`ObservationImporter.check_row` reports a bad number as an error."""
    return value


class ObservationImporter(Importer):
    title = "指标填报"
    submission: ClassVar[Submission | None] = None
    columns = (
        ImportColumn(
            "indicator",
            "指标代码",
            text(120),
            note="填指标名称（下拉列表为本批次应填的指标）或指标代码",
        ),
        ImportColumn("value", "数值", _number, note="按指标单位填写的数字"),
        ImportColumn("unit", "单位", text(20), required=False, note="留空即取指标单位"),
        ImportColumn(
            "qualifier",
            "限定",
            choice({"余": "more_than", "more_than": "more_than", "": ""}, "限定"),
            required=False,
            note="「余」表示“N余”",
        ),
        ImportColumn("yoy_growth_pct", "同比增长%", _number, required=False),
        ImportColumn("explanation", "说明", text(2000), required=False, note="有预警时必填"),
    )
    notes = (
        "错误（类型、单位、范围）将拒收整个文件；预警（如同比变化超过±30%）须填写说明后方可报送。",
        "Errors (type, unit, range) reject the file; warnings (e.g. a year-on-year change beyond "
        "±30%) need an explanation before the batch can be submitted.",
    )

    def __init__(self) -> None:
        self.warnings: dict[int, list[str]] = {}
        self._row_no = 0
        self._previous: dict[int, Decimal] | None = None
        self._catalogue: dict[str, Indicator] | None = None

    @classmethod
    def bound_to(cls, submission: Submission) -> type[ObservationImporter]:
        """The importer of one batch (the import view builds one per request)."""
        return type(cls.__name__, (cls,), {"submission": submission})

    def dropdown_options(self) -> dict[str, Any]:
        """The batch's own indicators by Chinese name (permissions.reportable_indicators)."""
        options = super().dropdown_options()
        if self.submission is not None:
            from jiazhou_web.monitoring.reporting import reportable_indicators

            names = reportable_indicators(self.submission).values_list("name", flat=True)
            options["indicator"] = list(names)
        return options

    def _indicator(self, text: str) -> Indicator | None:
        """An indicator by code or by Chinese name (one query for the whole file)."""
        if self._catalogue is None:
            self._catalogue = {}
            for indicator in Indicator.objects.all():
                self._catalogue.setdefault(indicator.code, indicator)
                self._catalogue.setdefault(indicator.name, indicator)
        return self._catalogue.get(text.strip())

    def unique_key(self, data: dict[str, Any]) -> Any:
        return data.get("indicator")

    def _parse_row(
        self, raw: Any, positions: dict[str, int], row_no: int
    ) -> tuple[dict[str, Any], list[str]]:
        self._row_no = row_no  # check_row follows for the same row
        return super()._parse_row(raw, positions, row_no)

    def check_row(self, data: dict[str, Any]) -> list[str]:
        submission = self.submission
        assert submission is not None
        indicator = self._indicator(str(data["indicator"]))
        if indicator is None:
            return [f"「指标代码」未知指标 {data['indicator']} / indicator: unknown code"]
        if (
            submission.department_id is not None
            and indicator.responsible_department_id != submission.department_id
        ):
            return [
                f"「指标代码」「{indicator.name}」不是{submission.unit_label}负责的指标 / "
                f"indicator: {indicator.code} is not an indicator of this unit"
            ]
        value, errors = parse_number(data["value"], "数值")
        yoy = None
        if data.get("yoy_growth_pct") not in (None, ""):
            yoy, yoy_errors = parse_number(
                data["yoy_growth_pct"], "同比增长%", column=GROWTH_COLUMN
            )
            errors += yoy_errors
        if errors or value is None:
            return [str(e) for e in errors]
        unit = data.get("unit") or ""
        if self._previous is None:  # last year's values: one query for the whole file
            self._previous = previous_values(submission.region, submission.period)
        errors, warnings = assess(indicator, value, unit, yoy, self._previous.get(indicator.pk))
        data.update(indicator=indicator, value=value, yoy_growth_pct=yoy)
        if warnings:
            explained = (
                "（已说明）" if (data.get("explanation") or "").strip() else "（须填写说明）"
            )
            self.warnings[self._row_no] = [f"第{self._row_no}行：{w}{explained}" for w in warnings]
        return [str(e) for e in errors]

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        assert self.submission is not None
        return len(actions.import_observations(self.submission, rows, actor=actor))
