"""Issue 11 (exports of 10,000 rows ≤ 2 s and streamed): list exports read their rows in chunks
(``Table.stream`` over ``QuerySet.iterator``) straight into the constant-memory writer, and a
choices column reads the same labels as Django's ``get_<field>_display``."""

from __future__ import annotations

import io
import types
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from jiazhou_web.core.tables import _fast_reader, display
from jiazhou_web.enterprises.tables import EnterpriseTable, register_queryset

pytestmark = pytest.mark.django_db
ALL_COLUMNS = [c.name for c in EnterpriseTable.columns]


def test_stream_is_a_generator_giving_exactly_the_cells_of_the_slow_path(
    make_enterprise: Any,
) -> None:
    firms = [make_enterprise(region="511112") for _ in range(3)]
    firms[0].tech_field = "new_materials"
    firms[0].size_class = "medium"
    firms[0].save()
    table = EnterpriseTable(register_queryset().order_by("pk"), ALL_COLUMNS)
    header, body = table.stream()
    assert isinstance(body, types.GeneratorType)  # nothing read until the writer asks
    rows = list(body)
    expected = [
        [display(c.value(obj)) for c in table.visible] for obj in register_queryset().order_by("pk")
    ]
    assert header == [str(c.label) for c in table.visible]
    assert rows == expected
    size = next(c for c in table.visible if c.name == "size_class")
    assert _fast_reader(size, register_queryset().model) is not size.value  # the label table
    assert firms[0].get_size_class_display() in rows[0]


def test_an_export_reads_its_rows_with_a_constant_number_of_queries(
    client: Client, city_admin: Any, make_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(city_admin)
    for _ in range(3):
        make_enterprise(region="511112")
    client.get("/enterprises/?export=xlsx")  # warm the session
    with django_assert_max_num_queries(30) as small:
        client.get("/enterprises/?export=xlsx")
    for _ in range(40):
        make_enterprise(region="511102")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/enterprises/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    names = [r[0] for r in sheet.iter_rows(min_row=2, max_col=1, values_only=True) if r[0]]
    assert len([n for n in names if "有限公司" in str(n)]) == 43


def test_light_rows_are_the_instances_django_builds(make_enterprise: Any, city_admin: Any) -> None:
    """``light_rows`` (values read through the database converters, set on instances without
    ``__init__``, code-table objects shared) gives every column the same value as Django's own
    instances, for the register (annotations, select_related with a null zone, prefetched
    certificates) and the audit log (JSON before/after, aware times, actor)."""
    from jiazhou_web.core.models import AuditLog
    from jiazhou_web.core.tables import AuditLogTable, light_rows

    make_enterprise(region="511112")
    make_enterprise(region="511102", zone=True)
    cases = [
        (EnterpriseTable, register_queryset().order_by("pk")),
        (AuditLogTable, AuditLog.objects.select_related("actor").order_by("pk")),
    ]
    for table_class, rows in cases:
        columns = [c.name for c in table_class.columns]
        light = light_rows(rows, chunk_size=1)  # several chunks, prefetched one by one
        assert light is not None
        got = [[display(c.value(obj)) for c in table_class.columns] for obj in light]
        want = [[display(c.value(obj)) for c in table_class.columns] for obj in rows]
        assert len(got) >= 2 and got == want
        firm: Any = next(iter(light_rows(rows) or []))
        assert not firm._state.adding and firm._state.db == "default"
        assert table_class(rows, columns).visible_names == columns


def test_light_rows_leave_querysets_they_do_not_know_to_django(make_enterprise: Any) -> None:
    from jiazhou_web.core.tables import light_rows
    from jiazhou_web.enterprises.models import Enterprise

    make_enterprise(region="511112")
    for rows in [
        Enterprise.objects.only("name"),  # deferred fields would load one query per row
        Enterprise.objects.select_related("region__parent"),  # deeper than one level
        Enterprise.objects.select_related(),  # every relation
        Enterprise.objects.values("name"),
        Enterprise.objects.distinct(),
    ]:
        assert light_rows(rows) is None
    assert light_rows(Enterprise.objects.select_related("region")) is not None
