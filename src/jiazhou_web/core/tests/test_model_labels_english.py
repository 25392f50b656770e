"""Model labels follow the English switch (issue 14): every model's and field's verbose name and
every choice label of the platform's apps is an English msgid with its Chinese in the app's
zh_Hans catalogue, so the admin, forms built from fields, validation messages and the audit
log's field names read English on the switch and Chinese without it. A Chinese msgid (``_("链长")``)
never translates to English."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.apps import apps
from django.utils import translation

CJK = re.compile(r"[\u4e00-\u9fff]")


#: Choices whose labels are reference data, not UI text: the index presets' titles (their files
#: carry only the Chinese title, like the qualification schemes).
DATA_CHOICES = {("indices.IndexDefinition", "preset")}


def _all() -> Iterator[tuple[str, object]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("jiazhou_web."):
            continue
        yield f"{config.label} (app)", config.verbose_name
        for model in config.get_models():
            name = f"{config.label}.{model.__name__}"
            yield name, model._meta.verbose_name
            yield name, model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if field.auto_created and not field.concrete:
                    continue
                yield f"{name}.{field.name}", getattr(field, "verbose_name", "")
                yield f"{name}.{field.name} (help)", getattr(field, "help_text", "")
                if (name, field.name) in DATA_CHOICES:
                    continue
                for value, label in getattr(field, "flatchoices", None) or ():
                    yield f"{name}.{field.name}={value}", label


def test_every_model_label_reads_english_on_the_switch() -> None:
    with translation.override("en"):
        chinese = sorted({f"{where}: {label}" for where, label in _all() if CJK.search(str(label))})
    assert not chinese, "\n".join(chinese)


def test_every_model_label_reads_chinese_without_it() -> None:
    """The audit log, the admin and forms built from fields name each field by its verbose name:
    a field without one reads its Python name (「enterprise」, 「created by」) on a Chinese page,
    and an English msgid without a Chinese entry reads English. The automatic ``id`` (shown
    nowhere) and the generic relation ``AuditLog.target`` (not a form or audit field, and
    ``GenericForeignKey`` takes no verbose name) are left out."""
    from django.contrib.contenttypes.fields import GenericForeignKey

    generic = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.private_fields
        if isinstance(field, GenericForeignKey)
    }
    with translation.override("zh-hans"):
        english = sorted(
            {
                f"{where}: {label}"
                for where, label in _all()
                if str(label)
                and not where.endswith("(help)")
                and not where.endswith(".id")
                and where not in generic
                and not CJK.search(str(label))
            }
        )
    assert not english, "\n".join(english)


def test_the_same_labels_read_chinese_without_it() -> None:
    from jiazhou_web.tickets.models import Ticket

    with translation.override("zh-hans"):
        assert str(Ticket._meta.verbose_name) == "企业诉求"
        assert str(Ticket._meta.get_field("number").verbose_name) == "工单编号"
        assert str(Ticket._meta.get_field("handling_due_at").verbose_name) == "办理时限"
    with translation.override("en"):
        assert str(Ticket._meta.get_field("number").verbose_name) == "Ticket number"
