"""``AlterFieldLabels``: label changes recorded in the migration state, nothing else accepted
(docs/adr/0029)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ModelState, ProjectState

from jiazhou_web.core.label_migrations import AlterFieldLabels, label_only_change


def _state() -> ProjectState:
    state = ProjectState()
    state.add_model(
        ModelState(
            "demo",
            "firm",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField("name", max_length=20)),
                ("kind", models.CharField(max_length=2, choices=[("a", "A"), ("b", "B")])),
            ],
        )
    )
    return state


def test_a_label_change_reaches_the_state_and_runs_no_sql() -> None:
    state = _state()
    op = AlterFieldLabels("firm", "name", models.CharField("名称", max_length=20, help_text="全称"))
    op.state_forwards("demo", state)
    field = state.models["demo", "firm"].fields["name"]
    assert (field.verbose_name, field.help_text) == ("名称", "全称")
    op.database_forwards("demo", None, None, None)  # no schema editor needed: nothing to run


def test_choice_labels_may_change_but_not_their_values() -> None:
    renamed = models.CharField(max_length=2, choices=[("a", "甲"), ("b", "乙")])
    AlterFieldLabels("firm", "kind", renamed).state_forwards("demo", _state())
    dropped = models.CharField(max_length=2, choices=[("a", "甲")])
    with pytest.raises(ValueError, match="只能修改字段的显示名称"):
        AlterFieldLabels("firm", "kind", dropped).state_forwards("demo", _state())


@pytest.mark.parametrize(
    "field",
    [
        models.CharField("name", max_length=21),  # the column's size
        models.CharField("name", max_length=20, null=True),
        models.CharField("name", max_length=20, db_index=True),
        models.TextField("name"),  # the column's type
    ],
)
def test_any_change_the_database_sees_is_refused(field: Any) -> None:
    with pytest.raises(ValueError, match="use AlterField"):
        AlterFieldLabels("firm", "name", field).state_forwards("demo", _state())


def test_label_only_change_compares_everything_but_the_labels() -> None:
    a = models.CharField("甲", max_length=5, help_text="x")
    assert label_only_change(a, models.CharField("乙", max_length=5))
    assert not label_only_change(a, models.CharField("甲", max_length=5, unique=True))


def test_our_migrations_change_labels_with_alter_field_labels() -> None:
    """A label change written as ``AlterField`` re-renders the related models in every test
    database's ``migrate`` (makemigrations writes them so: replace the class by hand)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    plain = []
    for key in _plan(loader):
        migration = loader.graph.nodes[key]
        for op in migration.operations:
            if type(op) is migrations.AlterField and migration.__module__.startswith("jiazhou_web"):
                old = state.models[key[0], op.model_name_lower].fields[op.name]
                if label_only_change(old, op.field):
                    plain.append(f"{key[0]}.{key[1]}: {op.model_name}.{op.name}")
            op.state_forwards(key[0], state)
    assert not plain, "\n".join(plain)


def _plan(loader: MigrationLoader) -> list[tuple[str, str]]:
    plan: list[tuple[str, str]] = []
    for leaf in loader.graph.leaf_nodes():
        plan.extend(n for n in loader.graph.forwards_plan(leaf) if n not in plan)
    return plan
