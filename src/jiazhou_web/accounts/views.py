"""Login, logout and password change; the roles page (系统 → 用户与角色) of the city
administrators, whose every write is an audited action in ``accounts.actions``."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.choices import ROLE_SCOPE, Role
from jiazhou_web.accounts.forms import LoginForm, RoleAssignForm, UserCreateForm
from jiazhou_web.accounts.models import RoleAssignment, User
from jiazhou_web.core import access
from jiazhou_web.core.access import ROLE_VERBS, VERB_ROLES
from jiazhou_web.core.access.labels import verb_label
from jiazhou_web.core.choices import ScopeKind
from jiazhou_web.core.models import AuditLog

ROLE_SCOPE_LABELS = {role: ScopeKind(ROLE_SCOPE[role]).label for role in Role}


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password; the change is audited."""

    template_name = "accounts/password_change.html"
    success_url = "/"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actions.record_password_change(
            form.user, actor=form.user, remote_addr=str(self.request.META.get("REMOTE_ADDR", ""))
        )
        return response


# --- 系统 → 用户与角色: city administrators (``users.manage``) ----------------------------------

PAGE_SIZE = 50


def _active_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.active()
        .select_related("region", "department", "enterprise")
        .order_by("role", "id"),
        to_attr="active_roles",
    )


def _user_or_404(pk: Any) -> User:
    try:
        return User.objects.select_related("department").get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("用户不存在 / no such user") from None


def user_list(request: HttpRequest) -> HttpResponse:
    """Every user with the roles in force today, their scope and whether the account is locked."""
    access.require(request.user, "users.manage")
    query = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    users = User.objects.select_related("department").prefetch_related(_active_prefetch())
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(department__name__icontains=query)
        )
    if role in Role.values:
        users = users.filter(
            pk__in=RoleAssignment.objects.active().filter(role=role).values("user")
        )
    else:
        role = ""
    page = Paginator(users.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {
            "title": gettext("Users and roles"),
            "page": page,
            "q": query,
            "role": role,
            "roles": Role.choices,
            "query": params.urlencode(),
            "now": timezone.now(),
        },
    )


def role_table(request: HttpRequest) -> HttpResponse:
    """The role → verb table (core.access.policy), read the other way round, in Chinese."""
    access.require(request.user, "users.manage")
    roles = list(Role)
    rows = [
        (verb_label(verb), [role in VERB_ROLES[verb] for role in roles])
        for verb in VERB_ROLES  # the table's own order: grouped by area
    ]
    return render(
        request,
        "accounts/role_table.html",
        {
            "title": gettext("Role permission table"),
            "roles": [(r.label, ROLE_SCOPE_LABELS[r]) for r in roles],
            "rows": rows,
            "counts": [len(ROLE_VERBS[r]) for r in roles],
        },
    )


def user_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "users.manage")
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.create_user(
                username=data["username"],
                display_name=data["display_name"],
                email=data["email"],
                department=data["department"],
                password=data["password1"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已创建用户 {user.username}，请为其分配角色")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request, "accounts/user_create.html", {"title": gettext("New user"), "form": form}
    )


def _detail(
    request: HttpRequest, user: User, form: RoleAssignForm, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    assignments = list(
        user.role_assignments.select_related("region", "department", "enterprise").order_by(
            "-valid_from", "-id"
        )
    )
    for a in assignments:
        a.in_force = a.valid_from <= today and (a.valid_to is None or a.valid_to >= today)  # type: ignore[attr-defined]
        a.ended = a.valid_to is not None and a.valid_to < today  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "title": gettext("User: %(name)s")
            % {"name": user.display_name or gettext("(no name given)")},
            "subject": user,
            "assignments": assignments,
            "form": form,
            "locked": user.is_locked or bool(user.failed_logins),
            "timeline": AuditLog.objects.for_object(user).select_related("actor")[:50],
        },
        status=status,
    )


def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "users.manage")
    return _detail(request, _user_or_404(pk), RoleAssignForm())


@require_POST
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "users.manage")
    user = _user_or_404(pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assignment = actions.assign_role(
                user,
                data["role"],
                actor=request.user,
                target=data["target"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已为{user}分配角色：{assignment}")
            return redirect("accounts:user_detail", pk=user.pk)
    return _detail(request, user, form, status=400)


@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "users.manage")
    try:
        assignment = RoleAssignment.objects.select_related("user").get(pk=pk)
    except (RoleAssignment.DoesNotExist, ValueError, OverflowError):
        raise Http404("角色分配不存在 / no such role assignment") from None
    try:
        actions.revoke_role(assignment, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            gettext("Role of %(user)s revoked: %(role)s")
            % {"user": assignment.user, "role": assignment},
        )
    return redirect("accounts:user_detail", pk=assignment.user_id)


@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "users.manage")
    user = _user_or_404(pk)
    actions.unlock_user(user, actor=request.user)
    messages.success(
        request,
        gettext("Account %(username)s unlocked; its failed sign-ins are reset")
        % {"username": user.username},
    )
    return redirect("accounts:user_detail", pk=user.pk)
