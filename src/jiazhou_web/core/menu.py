"""The left menu: the platform's sections as data.

An entry whose URL name does not resolve yet links to the "建设中" page, so the menu shows the
whole platform from the start.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    verb: str = ""  # shown only to users who ``can`` this verb (core.access); "" = everyone

    @property
    def url(self) -> str:
        url = _url_of(self.url_name, get_resolver(), get_script_prefix())
        if url is None:
            return reverse("core:under_construction") + f"?section={self.label}"
        return url

    @property
    def built(self) -> bool:
        return _url_of(self.url_name, get_resolver(), get_script_prefix()) is not None


@functools.lru_cache(maxsize=1024)
def _url_of(url_name: str, resolver: Any, prefix: str) -> str | None:
    """``reverse(url_name)``, or None when it does not resolve: every page draws the menu
    (two reversals per entry were 6 % of a page's time), and an entry's URL depends only on
    the URL configuration (``resolver``) and the script prefix."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class MenuSection:
    label: str | Promise
    icon: str
    items: tuple[MenuItem, ...]


def menu_for(user: Any) -> list[MenuSection]:
    """The menu without the entries whose verb ``user`` may not do (core.access.can)."""
    return list(_menu_of(_roles_key(user)))


def _roles_key(user: Any) -> tuple[bool, frozenset[str]] | None:
    """What ``can(user, verb)`` without an object depends on: None for a user who may do
    nothing (anonymous, inactive), else (superuser?, roles held today)."""
    from jiazhou_web.core.access import roles_of

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return (bool(user.is_superuser), roles_of(user))


@functools.lru_cache(maxsize=256)
def _menu_of(key: tuple[bool, frozenset[str]] | None) -> tuple[MenuSection, ...]:
    """The menu of a role set: the entries are static and ``can`` without an object asks only
    the role table, so every user with the same roles gets the same menu."""
    from jiazhou_web.core.access import role_permits

    def allowed(verb: str) -> bool:  # core.access.can(user, verb) for the users of ``key``
        if not verb:
            return True
        if key is None:
            return False
        superuser, roles = key
        return superuser or role_permits(roles, verb)

    sections = []
    for section in MENU:
        items = tuple(item for item in section.items if allowed(item.verb))
        if items:
            sections.append(MenuSection(section.label, section.icon, items))
    return tuple(sections)


def sidebar_html(user: Any, path: str) -> SafeString:
    """The menu's links as ``base.html`` shows them (the entry for ``path`` marked active):
    the same for every user with the same roles, in the same language, on the same entry, so
    written once per process and language instead of a template loop on every page."""
    key = _roles_key(user)
    urls = {item.url for section in _menu_of(key) for item in section.items}
    active = path if path in urls else ""
    return _sidebar(key, get_language(), get_resolver(), get_script_prefix(), active)


@functools.lru_cache(maxsize=1024)
def _sidebar(
    key: tuple[bool, frozenset[str]] | None, language: str, resolver: Any, prefix: str, active: str
) -> SafeString:
    parts = []
    coming = format_html(' title="{}"', gettext("coming"))
    for section in _menu_of(key):
        parts.append(
            format_html(
                '<div class="jz-menu-section"><i class="bi bi-{}"></i> {}</div>',
                section.icon,
                section.label,
            )
        )
        for item in section.items:
            built = item.built
            parts.append(
                format_html(
                    '<a class="jz-menu-item{}{}" href="{}"{}>{}</a>',
                    " active" if item.url == active and active else "",
                    "" if built else " jz-building",
                    item.url,
                    "" if built else coming,
                    item.label,
                )
            )
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is format_html output


MENU: tuple[MenuSection, ...] = (
    MenuSection(_("Home"), "house", (MenuItem(_("Overview"), "core:home"),)),
    MenuSection(
        _("Enterprises"),
        "building",
        (
            MenuItem(
                _("Enterprise register"), "enterprises:enterprise_list", verb="enterprise.view"
            ),
            MenuItem(
                _("Import enterprises"), "enterprises:enterprise_import", verb="enterprise.import"
            ),
        ),
    ),
    MenuSection(
        _("Indicators & targets"),
        "graph-up-arrow",
        (
            MenuItem(_("Target dashboard"), "monitoring:dashboard", verb="monitoring.view"),
            MenuItem(_("Indicator catalogue"), "monitoring:indicator_list", verb="monitoring.view"),
            MenuItem(_("Data reporting"), "monitoring:report_list", verb="monitoring.view"),
            MenuItem(_("Region comparison"), "monitoring:region_compare", verb="monitoring.view"),
            MenuItem(_("Big screen"), "monitoring:big_screen", verb="monitoring.view"),
        ),
    ),
    MenuSection(
        _("Composite index"),
        "bullseye",
        (MenuItem(_("Innovation index"), "indices:index", verb="index.view"),),
    ),
    MenuSection(
        _("Qualification & pools"),
        "award",
        (
            MenuItem(_("Pool dashboard"), "pools:dashboard", verb="pools.view"),
            MenuItem(_("Pool members"), "pools:membership_list", verb="pools.view"),
            MenuItem(_("Near-eligible lists"), "pools:near_eligible", verb="pools.view"),
            MenuItem(_("Scoring runs"), "scoring:run_list", verb="scoring.view"),
            MenuItem(_("Expert review"), "scoring:review_queue", verb="scoring.expert_review"),
            MenuItem(
                _("My declared affiliations"),
                "scoring:affiliations",
                verb="scoring.declare_affiliation",
            ),
            MenuItem(
                _("Assigning expert reviews"),
                "scoring:review_queue",
                verb="scoring.assign_reviewer",
            ),
            MenuItem(
                _("Experts' declared affiliations"),
                "scoring:affiliations",
                verb="scoring.view_affiliations",
            ),
            MenuItem(
                _("Annual evaluations (innovation points · per-mu)"),
                "evaluations:run_list",
                verb="evaluations.view",
            ),
            MenuItem(
                _("Innovation-points loans: enterprise results"),
                "evaluations:bank_list",
                verb="evaluations.bank_view",
            ),
        ),
    ),
    MenuSection(
        _("Three-list supervision"),
        "list-check",
        (
            MenuItem(_("Task items"), "supervision:item_list", verb="supervision.view"),
            MenuItem(_("Kanban"), "supervision:kanban", verb="supervision.view"),
            MenuItem(_("Timeline"), "supervision:timeline", verb="supervision.view"),
            MenuItem(_("Unit scoreboard"), "supervision:scoreboard", verb="supervision.view"),
            MenuItem(_("Supervision notices"), "supervision:notice_list", verb="supervision.view"),
            MenuItem(_("Bulletins"), "supervision:bulletin_list", verb="supervision.bulletin.view"),
            MenuItem(
                _("Official holiday schedule"),
                "supervision:official_schedule",
                verb="calendar.manage",
            ),
        ),
    ),
    MenuSection(
        _("Services"),
        "shop",
        (
            # -- each line below is owned by one issue's app (15, 16, 17, 19, 20)
            MenuItem(_("Enterprise workspace"), "workspace:index", verb="workspace.view"),
            MenuItem(
                _("Enterprise declaration review"),
                "workspace:review_list",
                verb="workspace.review_declaration",
            ),
            # 15
            MenuItem(_("Service tickets"), "tickets:index", verb="tickets.view"),
            # 16
            MenuItem(_("Policy subsidies & vouchers"), "subsidies:index", verb="vouchers.view"),
            # 17
            MenuItem(_("Technology market"), "market:index", verb="market.view"),
            # 19
            MenuItem(_("Industry chains"), "chains:index", verb="chains.view"),
            # 19
            MenuItem(_("Assessments"), "assessments:index", verb="assessments.view"),
            # 20
            MenuItem(_("Science & technology projects"), "projects:index", verb="projects.view"),
            # 20
            MenuItem(_("Innovation platforms"), "platforms:index", verb="platforms.view"),
            # 20
            MenuItem(_("Talent"), "talent:index", verb="talent.view"),
        ),
    ),
    MenuSection(
        _("System"),
        "gear",
        (
            MenuItem(_("Users and roles"), "accounts:user_list", verb="users.manage"),
            MenuItem(_("Audit log"), "core:audit_list", verb="audit.view"),
            MenuItem(_("Background jobs"), "jobs:list", verb="jobs.view"),
        ),
    ),
)
