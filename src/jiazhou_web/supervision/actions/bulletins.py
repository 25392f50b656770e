"""月度通报: the monthly bulletin of a list, as Word and PDF."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiazhou_web.core import audit, stored_files
from jiazhou_web.core.locality import locality
from jiazhou_web.core.numbering import next_number
from jiazhou_web.core.stored_files import discard_on_failure
from jiazhou_web.supervision.actions.common import now, require_manager
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import TaskList


@discard_on_failure
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
        place = locality()
        head = f"{place.prefix('bulletin')}〔{year}〕"
        n = next_number(
            "bulletin",
            year,
            existing=lambda: Bulletin.objects.filter(number__startswith=head).count(),
        )
        number = place.number("bulletin", year, n)
    content = compose(task_list, year=year, month=month, number=number)
    stem = f"{task_list.code}-{year}-{month:02d}"
    bulletin = existing or Bulletin(task_list=task_list, year=year, month=month, number=number)
    bulletin.title = content.title
    bulletin.issued_on = timezone.localtime(at).date()
    bulletin.created_by = audit.acting_user(actor)
    bulletin.created_at = at
    replaced = [str(f.name) for f in (bulletin.docx, bulletin.pdf) if f]
    stored_files.stage(bulletin, "docx", ContentFile(content.to_docx()), f"{stem}.docx")
    stored_files.stage(bulletin, "pdf", ContentFile(content.to_pdf()), f"{stem}.pdf")
    bulletin.save()
    storage = bulletin.docx.storage
    for name in replaced:  # the previous draft's files go once the new draft is committed
        transaction.on_commit(functools.partial(storage.delete, name), robust=True)
    audit.record(
        SupervisionEvent.BULLETIN_DRAFTED,
        actor=actor,
        target=bulletin,
        after={"number": number, "title": content.title, "docx": bulletin.docx.name},
    )
    return bulletin
