"""月度通报: the monthly bulletin of a list, as Word and PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.supervision.actions.common import now, require_manager
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import TaskList


@transaction.atomic
def draft_bulletin(
    task_list: TaskList, *, year: int, month: int, actor: Any, at: dt.datetime | None = None
) -> Any:
    """月度通报: draft (or re-draft) the month's bulletin of a list as Word and PDF."""
    from django.core.files.base import ContentFile

    from jiazhou_web.supervision.bulletin_content import compose
    from jiazhou_web.supervision.models import Bulletin

    require_manager(actor, "起草通报")
    at = now(at)
    existing = Bulletin.objects.filter(task_list=task_list, year=year, month=month).first()
    if existing is not None:
        number = existing.number
    else:
        prefix = f"乐科督通〔{year}〕"
        number = f"{prefix}{Bulletin.objects.filter(number__startswith=prefix).count() + 1}号"
    content = compose(task_list, year=year, month=month, number=number)
    stem = f"{task_list.code}-{year}-{month:02d}"
    bulletin = existing or Bulletin(task_list=task_list, year=year, month=month, number=number)
    bulletin.title = content.title
    bulletin.issued_on = timezone.localtime(at).date()
    bulletin.created_by = audit.acting_user(actor)
    bulletin.created_at = at
    bulletin.docx.save(f"{stem}.docx", ContentFile(content.to_docx()), save=False)
    bulletin.pdf.save(f"{stem}.pdf", ContentFile(content.to_pdf()), save=False)
    bulletin.save()
    audit.record(
        SupervisionEvent.BULLETIN_DRAFTED,
        actor=actor,
        target=bulletin,
        after={"number": number, "title": content.title, "docx": bulletin.docx.name},
    )
    return bulletin
