"""``get_<field>_display()`` without Django's per-call rebuild of the choices.

Django's ``Model._get_FIELD_display`` turns the field's choices into a dict on every call,
hashing each lazy label (a translation lookup per label): on a list of a hundred rows it was a
tenth of the page. :class:`ChoiceDisplay` answers the same from a table built once per model,
field and language (``core.names.choice_label``); ``core/tests/test_choice_display.py`` checks
that it answers exactly as Django's own method for every choices field of every model.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


class ChoiceDisplay(models.Model):
    """Abstract base (no fields) of the platform's models: faster ``get_<field>_display``."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: Any) -> Any:  # noqa: N802 - Django's own name
        from jiazhou_web.core.names import choice_table

        value = getattr(self, field.attname)
        labels = choice_table(self._meta, field.name, get_language() or "")
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
