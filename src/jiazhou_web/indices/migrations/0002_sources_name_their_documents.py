"""An index definition written by the demo named its target and published figure by the seed
file's row code (「T017 · 科技创新综合水平指数超过60%」): name the document and quote instead,
as ``indices.sources.cited`` writes them now. Only values that begin with such a code are
rewritten; a source an officer typed is left as typed."""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

CODED = re.compile(r"^(?P<code>[TO]\d{3}) · ")


def _cited(title: str, quote: str, note: str) -> str:
    room = 200 - len(title) - len(note) - 3
    if len(quote) > room:
        quote = quote[: max(room - 1, 0)] + "…"
    text = (
        f"{title}：「{quote}」" if title and quote else title or (f"「{quote}」" if quote else "")
    )
    return (text + note)[:200]


def forwards(apps: Any, _schema: Any) -> None:
    definition = apps.get_model("indices", "IndexDefinition")
    target = apps.get_model("monitoring", "Target")
    observation = apps.get_model("monitoring", "Observation")
    document = apps.get_model("monitoring", "SourceDocument")
    titles = {
        d.file_name: f"{d.title}（{d.document_number}）" if d.document_number else d.title
        for d in document.objects.all()
    }
    for row in definition.objects.all():
        changed = False
        for field, model, key, note in (
            ("target_source", target, "code", ""),
            ("reported_source", observation, "fact_code", "（年份未注明）"),
        ):
            match = CODED.match(getattr(row, field))
            source = match and model.objects.filter(**{key: match["code"]}).first()
            if source:
                title = titles.get(source.source_file, source.source_file)
                setattr(row, field, _cited(title, source.source_quote, note))
                changed = True
        if changed:
            row.save(update_fields=["target_source", "reported_source"])


class Migration(migrations.Migration):
    dependencies = [
        ("indices", "0001_index_definitions_runs_uncertainty"),
        ("monitoring", "0006_submission_department"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
