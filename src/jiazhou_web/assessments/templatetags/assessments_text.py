"""``{{ note|assessment_note }}``, ``{{ source|assessment_source }}``: the engine's scoring notes
and the stored value sources in the reader's language."""

from __future__ import annotations

from django import template

from jiazhou_web.assessments.wording import note_label, source_label

register = template.Library()
register.filter("assessment_note", note_label)
register.filter("assessment_source", source_label)
