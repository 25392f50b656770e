"""A definition's target and published figure name the document they come from (issue 14): the
document's title with its 文号 and the quoted wording, never the seed file's row code (T017,
O002); installs where the demo already wrote a coded source are rewritten by a migration."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jiazhou_web.indices.models import IndexDefinition
from jiazhou_web.indices.sources import cited
from jiazhou_web.monitoring.models import Observation, SourceDocument, Target

pytestmark = pytest.mark.django_db

DECISION = "中共乐山市委七届十二次全会决议（乐山日报2021年7月7日第1版）"


@pytest.fixture
def seeded(reference_data: None) -> None:
    """The seed documents' targets and published figures (targets.csv, observations.csv)."""
    from jiazhou_web.monitoring.demo import _load_facts, _load_targets

    _load_targets()
    _load_facts()


def test_a_target_is_cited_by_its_document_and_quote(seeded: None) -> None:
    target = Target.objects.get(code="T017")
    assert cited(target) == f"{DECISION}：「科技创新综合水平指数超过60%」"
    figure = Observation.objects.get(fact_code="O002", submission__isnull=True)
    assert cited(figure, "（年份未注明）").endswith("：「综合水平指数达53.2%」（年份未注明）")
    assert "O002" not in cited(figure) and "T017" not in cited(target)


def test_a_document_number_is_part_of_the_title(reference_data: None) -> None:
    SourceDocument.objects.create(
        file_name="x.txt", title="某某意见", document_number="乐府发〔2022〕1号"
    )
    target = Target(source_file="x.txt", source_quote="到2025年达到10家")
    assert cited(target) == "某某意见（乐府发〔2022〕1号）：「到2025年达到10家」"


def test_without_a_document_or_a_quote_the_other_is_cited_alone(reference_data: None) -> None:
    assert cited(Target(source_file="", source_quote="超过60%")) == "「超过60%」"
    assert cited(Target(source_file="unknown.txt", source_quote="")) == "unknown.txt"
    assert cited(Target(source_file="", source_quote="")) == ""


def test_a_long_quote_is_cut_to_the_field_with_an_ellipsis(reference_data: None) -> None:
    text = cited(Target(source_file="003_505faebe72d87312.txt", source_quote="指" * 200), "（注）")
    assert len(text) == 200  # the definition's field
    assert text.startswith(DECISION + "：「指") and text.endswith("…」（注）")


def test_the_migration_names_the_documents_of_a_coded_demo_definition(
    seeded: None, regions: dict[str, Any]
) -> None:
    coded = IndexDefinition.objects.create(
        code="demo",
        title="演示",
        preset="leshan_sti",
        focus_region=regions["511100"],
        target_source="T017 · 科技创新综合水平指数超过60%",
        reported_source="O002 · 综合水平指数达53.2%（年份未注明）",
    )
    typed = IndexDefinition.objects.create(
        code="typed",
        title="录入",
        preset="leshan_sti",
        focus_region=regions["511100"],
        target_source="T9 · 市委全会决议",
    )
    migration = importlib.import_module(
        "jiazhou_web.indices.migrations.0002_sources_name_their_documents"
    )
    state: Any = MigrationExecutor(connection).loader.project_state(
        ("indices", "0002_sources_name_their_documents")
    )
    migration.forwards(state.apps, SimpleNamespace(connection=connection))
    coded.refresh_from_db()
    typed.refresh_from_db()
    assert coded.target_source == cited(Target.objects.get(code="T017"))
    assert coded.reported_source == cited(
        Observation.objects.get(fact_code="O002", submission__isnull=True), "（年份未注明）"
    )
    assert typed.target_source == "T9 · 市委全会决议"  # not a seed code: left as typed
