"""Pages of 三张清单 supervision: lists, kanban, timeline, scoreboard, detail, notices,
bulletins, notifications, import. Every step posts to one view that calls the action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jiazhou.tasks import PALETTE, available_steps
from jiazhou_web.core import access, audit
from jiazhou_web.core.names import date_label
from jiazhou_web.core.params import int_param
from jiazhou_web.core.views import ImportView, ObjectDetailView, ObjectListView
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import LIGHT_CSS, Stage
from jiazhou_web.supervision.filtersets import ItemFilterSet, NoticeFilterSet
from jiazhou_web.supervision.forms import (
    AnswerForm,
    BulletinForm,
    DecisionForm,
    ExtensionForm,
    ItemForm,
    MilestoneFormSet,
    ProgressForm,
    TextForm,
    milestone_rows,
)
from jiazhou_web.supervision.imports import ItemImporter
from jiazhou_web.supervision.lights import LightLabel, lights_for
from jiazhou_web.supervision.models import (
    Bulletin,
    ExtensionRequest,
    Notice,
    Notification,
    ProgressReport,
    TaskItem,
    TaskList,
)
from jiazhou_web.supervision.scoreboard import score_units
from jiazhou_web.supervision.tables import ItemTable, NoticeTable, item_reading
from jiazhou_web.supervision.working_calendar import current_calendar

ITEMS = TaskItem.objects.select_related("task_list", "lead_unit", "owner").prefetch_related(
    "partner_units", "indicator_links"
)
# The kanban, timeline and scoreboard show an item's own fields, its lead unit and its light.
BOARD_ITEMS = TaskItem.objects.select_related("lead_unit")


def _scoped_items(request: HttpRequest) -> QuerySet[TaskItem]:
    """The items in the user's scope, of the list the query names, for the boards."""
    items = BOARD_ITEMS.for_user(request.user)
    list_id = int_param(request.GET.get("task_list"))
    if list_id is not None:
        items = items.filter(task_list_id=list_id)
    return items


def _lists_context(request: HttpRequest) -> dict[str, Any]:
    return {"lists": TaskList.objects.all(), "current_list": request.GET.get("task_list", "")}


class ItemListView(ObjectListView):
    queryset = ITEMS
    filterset_class = ItemFilterSet
    table_class = ItemTable
    title = _("Supervised items")
    export_name = "supervision-items"
    template_name = "supervision/item_list.html"
    actions_template = "supervision/includes/item_list_actions.html"


class NoticeListView(ObjectListView):
    queryset = Notice.objects.select_related("item__lead_unit")
    filterset_class = NoticeFilterSet
    table_class = NoticeTable
    title = _("Supervision notices")
    export_name = "supervision-notices"
    template_name = "supervision/item_list.html"


def kanban(request: HttpRequest) -> HttpResponse:
    items = list(_scoped_items(request))
    readings = lights_for(items, timezone.now(), current_calendar())
    columns = [
        {
            "stage": stage,
            "label": label,
            "cards": [
                {"item": i, "light": LightLabel.of(readings[i.pk])}
                for i in items
                if i.stage == stage
            ],
        }
        for stage, label in Stage.choices
    ]
    context = {"title": _("Kanban"), "columns": columns, **_lists_context(request)}
    return render(request, "supervision/kanban.html", context)


def timeline(request: HttpRequest) -> HttpResponse:
    items = sorted(_scoped_items(request), key=lambda i: (i.deadline, i.code))
    readings = lights_for(items, timezone.now(), current_calendar())
    rows = [
        {
            "name": f"{i.code} {i.title}"[:40],
            "start": i.start_date.isoformat(),
            "end": i.deadline.isoformat(),
            "light": LIGHT_CSS[readings[i.pk].light],
            "label": str(LightLabel.of(readings[i.pk])),
            "percent": i.percent_done,
            "unit": i.lead_unit.name,
            "url": i.get_absolute_url(),
        }
        for i in items
    ]
    context = {
        "title": _("Timeline"),
        "rows": rows,
        "light_colours": {swatch.css: swatch.colour for swatch in PALETTE.values()},
        "today": timezone.localdate().isoformat(),
        "chart_height": max(300, 26 * len(rows) + 80),
        **_lists_context(request),
    }
    return render(request, "supervision/timeline.html", context)


def scoreboard(request: HttpRequest) -> HttpResponse:
    scores = score_units(_scoped_items(request), timezone.now(), current_calendar())
    context = {
        "title": pgettext_lazy("supervision", "Unit scoreboard"),
        "scores": scores,
        **_lists_context(request),
    }
    return render(request, "supervision/scoreboard.html", context)


def _mark_provisional(notices: Any) -> list[Any]:
    """Notices with ``respond_by_provisional`` set: a reply date on a 暂定 calendar year."""
    calendar = current_calendar()
    rows = list(notices)
    for n in rows:
        n.respond_by_provisional = calendar.is_provisional(n.respond_by)
    return rows


class ItemDetailView(ObjectDetailView):
    queryset = ITEMS
    template_name = "supervision/item_detail.html"

    def get_context(self, obj: Any) -> dict[str, Any]:
        user = self.request.user
        manage, act = (
            access.can(user, "supervision.manage"),
            access.can(user, "supervision.act", obj),
        )
        reading = item_reading(obj)
        return {
            "title": str(obj),
            "reading": reading,
            "light": LightLabel.of(reading),
            "manage": manage,
            "act": act,
            "steps": {s.name for s in available_steps(obj.stage, manager=manage, unit=act)},
            "milestones": obj.milestones.all(),
            "reports": obj.reports.select_related("reported_by", "milestone"),
            "extensions": obj.extensions.select_related("requested_by", "decided_by"),
            "notices": _mark_provisional(obj.notices.all()),
            "progress_form": ProgressForm(item=obj),
            "text_form": TextForm(),
            "extension_form": ExtensionForm(),
            "answer_form": AnswerForm(),
            "enterprises": obj.enterprises.all(),
        }


def create_item(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "supervision.manage")
    form = ItemForm(request.POST or None)
    rows = MilestoneFormSet(request.POST or None, prefix="milestones")
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        data = form.cleaned_data
        try:
            item = actions.create_item(
                data["task_list"],
                code=data["code"],
                title=data["title"],
                category=data["category"],
                lead_unit=data["lead_unit"],
                partner_units=data["partner_units"],
                owner=data["owner"],
                region=data["region"],
                indicator_codes=data["indicator_codes"],
                platforms=data["platforms"],
                expected_outputs=data["expected_outputs"],
                start_date=data["start_date"],
                deadline=data["deadline"],
                milestones=milestone_rows(rows),
                actor=request.user,
            )
        except (actions.SupervisionError, audit.ConflictError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext(
                    "Item “%(code)s %(title)s” registered, lead unit %(unit)s, deadline "
                    "%(deadline)s; once assigned, the lead unit can sign for it."
                )
                % {
                    "code": item.code,
                    "title": item.title,
                    "unit": item.lead_unit.name,
                    "deadline": date_label(item.deadline),
                },
            )
            return redirect(item)
    return render(
        request,
        "supervision/item_form.html",
        {"title": _("New item"), "form": form, "milestone_rows": rows},
        status=400 if request.method == "POST" else 200,
    )


def _step_assign(request: HttpRequest, item: TaskItem) -> None:
    actions.assign_item(item, actor=request.user)


def _step_sign(request: HttpRequest, item: TaskItem) -> None:
    actions.sign_item(item, actor=request.user)


def _step_report(request: HttpRequest, item: TaskItem) -> None:
    form = ProgressForm(request.POST, request.FILES, item=item)
    if not form.is_valid():
        raise actions.SupervisionError(_errors(form))
    actions.report_progress(
        item,
        percent_done=form.cleaned_data["percent_done"],
        text=form.cleaned_data["text"],
        milestone=form.cleaned_data["milestone"],
        attachment=form.cleaned_data["attachment"],
        actor=request.user,
    )


def _text(request: HttpRequest) -> str:
    return str(request.POST.get("text", ""))


def _step_complete(request: HttpRequest, item: TaskItem) -> None:
    actions.request_completion(item, text=_text(request), actor=request.user)


def _step_verify(request: HttpRequest, item: TaskItem) -> None:
    actions.verify_item(item, note=_text(request), actor=request.user)


def _step_close(request: HttpRequest, item: TaskItem) -> None:
    actions.close_item(item, actor=request.user)


def _step_return(request: HttpRequest, item: TaskItem) -> None:
    actions.return_item(item, reason=_text(request), actor=request.user)


def _step_extend(request: HttpRequest, item: TaskItem) -> None:
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        raise actions.SupervisionError(_errors(form))
    actions.request_extension(
        item,
        proposed_deadline=form.cleaned_data["proposed_deadline"],
        reason=form.cleaned_data["reason"],
        actor=request.user,
    )


STEPS: dict[str, Callable[[HttpRequest, TaskItem], None]] = {
    "assign": _step_assign,
    "sign": _step_sign,
    "report": _step_report,
    "complete": _step_complete,
    "verify": _step_verify,
    "close": _step_close,
    "return": _step_return,
    "extend": _step_extend,
}


def _errors(form: Any) -> str:
    return "；".join(
        f"{form.fields[f].label if f in form.fields else ''}：{' '.join(e)}"
        for f, e in form.errors.items()
    )


def _after_step(request: HttpRequest, run: Callable[[], object], target: str) -> HttpResponse:
    """Run a step; refusals become a message on the page, wrong roles a 403."""
    try:
        run()
    except (actions.SupervisionError, audit.ConflictError) as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(target, status=303)
    messages.success(request, _("Done."))
    return HttpResponseRedirect(target, status=303)


@require_POST
def item_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    item = access.get_visible_or_404(
        TaskItem.objects.select_related("lead_unit"), request.user, pk=pk
    )
    return _after_step(request, lambda: STEPS[step](request, item), item.get_absolute_url())


@require_POST
def decide_extension(request: HttpRequest, pk: int) -> HttpResponse:
    visible_items = TaskItem.objects.for_user(request.user).values("pk")
    extension = get_object_or_404(
        ExtensionRequest.objects.select_related("item").filter(item__in=visible_items), pk=pk
    )
    form = DecisionForm(request.POST)
    form.is_valid()
    return _after_step(
        request,
        lambda: actions.decide_extension(
            extension,
            approve=bool(form.cleaned_data.get("approve")),
            note=form.cleaned_data.get("note", ""),
            actor=request.user,
        ),
        extension.item.get_absolute_url(),
    )


@require_POST
def answer_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access.get_visible_or_404(
        Notice.objects.select_related("item__lead_unit"), request.user, pk=pk
    )
    return _after_step(
        request,
        lambda: actions.answer_notice(
            notice, answer=str(request.POST.get("answer", "")), actor=request.user
        ),
        notice.get_absolute_url(),
    )


def report_attachment(request: HttpRequest, pk: int) -> FileResponse:
    report = access.get_visible_or_404(ProgressReport, request.user, pk=pk)
    if not report.attachment or not report.attachment.storage.exists(str(report.attachment.name)):
        raise Http404  # a file missing from storage is a 404 page, not a server error
    return FileResponse(report.attachment.open("rb"), as_attachment=True)


def bulletin_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "supervision.bulletin.view")
    manage = access.can(request.user, "supervision.manage")
    form = BulletinForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            bulletin = actions.draft_bulletin(
                data["task_list"], year=data["year"], month=data["month"], actor=request.user
            )
            messages.success(request, f"{bulletin.number} {bulletin.title}")
            return HttpResponseRedirect(request.path, status=303)
    context = {
        "title": _("Bulletins"),
        "bulletins": Bulletin.objects.select_related("task_list"),
        "form": form,
        "manage": manage,
    }
    return render(request, "supervision/bulletin_list.html", context)


def bulletin_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    access.require(request.user, "supervision.bulletin.view")
    bulletin = get_object_or_404(Bulletin, pk=pk)
    field = {"docx": bulletin.docx, "pdf": bulletin.pdf}.get(fmt)
    if not field or not field.storage.exists(str(field.name)):
        raise Http404  # a file missing from storage is a 404 page, not a server error
    name = f"{bulletin.title}.{fmt}"
    return FileResponse(field.open("rb"), as_attachment=fmt == "docx", filename=name)


def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        actions.mark_notifications_read(request.user, actor=request.user)
        return HttpResponseRedirect(request.path, status=303)
    rows = Notification.objects.filter(recipient_id=request.user.pk)[:200]
    return render(
        request,
        "supervision/notifications.html",
        {"title": _("Notifications"), "rows": rows},
    )


class ItemImportView(ImportView):
    importer_class = ItemImporter
    title = _("Import a task list")
    template_filename = "supervision-items-template.xlsx"

    def may_import(self, user: Any) -> bool:
        return access.can(user, "supervision.manage")
