"""A migration operation for changes people read and the database never sees.

Django's ``AlterField`` re-renders the model and every model related to it in the migration
state, even when only ``verbose_name`` changed: the 800-odd label changes of the Chinese and
English labels (issue 14) made ``migrate`` — and so every test database — take 48 s instead of
15 s. :class:`AlterFieldLabels` records the same change in the state without re-rendering (the
rendered models differ only in what people read) and runs no SQL. It refuses any change the
database could see, so a misuse fails when the migrations load (docs/adr/0029).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

#: field arguments that only change what people read
LABEL_ARGUMENTS = frozenset({"verbose_name", "help_text", "choices"})


def _choice_values(choices: Any) -> list[Any]:
    """The stored values of a ``choices`` argument (groups flattened), without their labels."""
    values: list[Any] = []
    for value, label in choices or ():
        if isinstance(label, list | tuple):
            values.extend(_choice_values(label))
        else:
            values.append(value)
    return values


def label_only_change(old: Any, new: Any) -> bool:
    """True when two fields differ at most in their labels (and in choice labels, not values)."""
    old_path, old_args, old_kwargs = old.deconstruct()[1:]
    new_path, new_args, new_kwargs = new.deconstruct()[1:]
    if (old_path, old_args) != (new_path, new_args):
        return False
    rest = (old_kwargs.keys() | new_kwargs.keys()) - LABEL_ARGUMENTS
    if any(old_kwargs.get(k) != new_kwargs.get(k) for k in rest):
        return False
    return _choice_values(old_kwargs.get("choices")) == _choice_values(new_kwargs.get("choices"))


class AlterFieldLabels(migrations.AlterField):
    """``AlterField`` for a label-only change: the state updated, no re-rendering, no SQL."""

    def state_forwards(self, app_label: str, state: Any) -> None:
        model_key = app_label, self.model_name_lower
        fields = state.models[model_key].fields
        old = fields[self.name]
        if not self.preserve_default or not label_only_change(old, self.field):
            raise ValueError(
                f"AlterFieldLabels {app_label}.{self.model_name}.{self.name}：只能修改字段的显示名称"
                f"（verbose_name、help_text、选项名称）；其他修改请用 AlterField。"
                f" / only the labels may change here; use AlterField for anything else."
            )
        # Django's ProjectState.alter_field without its reload_model (the rendered models keep
        # their old labels, which no migration reads)
        if state._relations is not None:
            fields.pop(self.name)
            if old.is_relation:
                state.resolve_model_field_relations(model_key, self.name, old)
            fields[self.name] = self.field
            if self.field.is_relation:
                state.resolve_model_field_relations(model_key, self.name, self.field)
        else:
            fields[self.name] = self.field

    def database_forwards(self, *args: Any) -> None:
        """Nothing: labels are not in the database."""

    def database_backwards(self, *args: Any) -> None:
        """Nothing: labels are not in the database."""

    def describe(self) -> str:
        return f"Alter the labels of field {self.name} on {self.model_name}"
