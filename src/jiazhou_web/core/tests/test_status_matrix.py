"""The expected-status matrix (issue 11): every URL pattern × every persona answers exactly the
status written here — pages, htmx fragments' pages, exports and downloads (GET) and every
write endpoint (POST ``*``, with an empty form: refusals must come before validation).

A 403 or 404 where a 200 is written is under-permission; a 200/30x where a 403/404 is written is
over-permission — the smoke test this replaces accepted "200 or 403" and could catch neither.
404 (not 403) is expected for an object outside the persona's scope, so ids are not revealed.
302 for ``anonymous`` is the login redirect. POST 302/303 is "done, or refused with a message
on the page" for a persona that may act (the empty form is then refused by validation).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jiazhou_web.core.tests.world import PERSONAS, World, build_world

# An app may keep its own part of the matrix in ``<app>/tests/status_matrix.py``: a ``MATRIX``
# string in the same layout and ``urls(w: World) -> dict[str, str]`` (which may add the app's
# own objects to the world through its actions). They are read in INSTALLED_APPS order.

pytestmark = pytest.mark.django_db

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
home                    200 200 200 200 200 200 200 302
under_construction      200 200 200 200 200 200 200 302
audit_list              200 403 403 403 403 403 403 302
audit_list?export       200 403 403 403 403 403 403 302
import_errors           404 404 404 404 404 404 404 302
login                   302 302 302 302 302 302 302 200
password_change         200 200 200 200 200 200 200 302
enterprise_list         200 200 200 200 200 200 200 302
enterprise_list?export  200 200 200 200 200 200 200 302
enterprise_import       200 200 200 403 403 403 403 302
enterprise_detail       200 404 200 404 200 200 404 302
enterprise_detail@zone  200 200 404 404 404 200 404 302
dashboard               200 200 200 200 200 200 200 302
indicator_list          200 200 200 200 200 200 200 302
indicator_list?export   200 200 200 200 200 200 200 302
indicator_detail        200 200 200 200 200 200 200 302
region_compare          200 200 200 200 200 200 200 302
big_screen              200 200 200 200 200 200 200 302
progress_report         200 200 200 200 200 200 200 302
report_list             200 200 200 200 200 200 200 302
report_list?export      200 200 200 200 200 200 200 302
report_create           403 200 200 200 403 403 403 302
report_detail           200 404 200 404 404 200 404 302
report_import           403 404 200 404 404 403 404 302
report_record*          403 404 302 404 404 403 404 302
report_submit*          403 404 302 404 404 403 404 302
report_return*          302 404 403 404 404 403 404 302
report_approve*         302 404 403 404 404 403 404 302
observation_explain*    403 404 302 404 404 403 404 302
observation_delete*     403 404 302 404 404 403 404 302
run_list                200 200 200 200 200 200 200 302
run_list?export         200 200 200 200 200 200 200 302
run_form                200 200 200 403 403 403 403 302
run_create*             302 302 302 403 403 403 403 302
run_detail              200 200 200 404 200 200 404 302
pools:dashboard         200 200 200 200 200 200 200 302
sync*                   302 302 302 403 403 403 403 302
near_eligible           200 200 200 200 200 200 200 302
membership_list         200 200 200 200 200 200 200 302
enterprise_plan         200 404 200 404 200 200 404 302
plan_officer*           302 404 302 404 403 403 404 302
plan_action_add*        302 404 302 404 403 403 404 302
plan_action_done*       404 404 404 404 403 403 404 302
service_log_add*        302 404 302 404 403 403 404 302
what_if*                200 404 200 404 200 200 404 302
item_list               200 200 200 200 200 200 200 302
item_list?export        200 200 200 200 200 200 200 302
item_create             200 403 403 403 403 403 403 302
item_import             200 403 403 403 403 403 403 302
item_detail             200 404 404 200 404 200 404 302
item_step*              403 404 404 303 404 403 404 302
extension_decide*       303 404 404 403 404 403 404 302
notice_list             200 200 200 200 200 200 200 302
notice_list?export      200 200 200 200 200 200 200 302
notice_answer*          403 404 404 303 404 403 404 302
report_attachment       200 404 404 200 404 200 404 302
kanban                  200 200 200 200 200 200 200 302
timeline                200 200 200 200 200 200 200 302
scoreboard              200 200 200 200 200 200 200 302
bulletin_list           200 200 200 200 403 200 403 302
bulletin_file           200 200 200 200 403 200 403 302
notifications           200 200 200 200 200 200 200 302
index                   200 200 200 200 403 200 403 302
recompute*              404 403 403 403 403 403 403 302
logout*                 302 302 302 302 302 302 302 302
set_language*           302 302 302 302 302 302 302 302
healthz                 200 200 200 200 200 200 200 200
favicon.ico             200 200 200 200 200 200 200 200
search                  200 200 200 200 200 200 200 302
help                    200 200 200 200 200 200 200 302
help_chapter            200 200 200 200 200 200 200 302
help_image              200 200 200 200 200 200 200 302
official_schedule       200 403 403 403 403 403 403 302
admin:index             302 302 302 302 302 302 302 302
"""


def urls(w: World) -> dict[str, str]:
    o = w.objects
    batch, firm, item = o["batch"].pk, o["firm"].pk, o["item"].pk
    return {
        "home": "/",
        "under_construction": "/building/",
        "audit_list": "/audit/",
        "import_errors": "/imports/errors/abc/",
        "login": "/accounts/login/",
        "password_change": "/accounts/password/",
        "enterprise_list": "/enterprises/",
        "enterprise_import": "/enterprises/import/",
        "enterprise_detail": f"/enterprises/{firm}/",
        "enterprise_detail@zone": f"/enterprises/{o['zone_firm'].pk}/",
        "dashboard": "/monitoring/",
        "indicator_list": "/monitoring/indicators/",
        "indicator_detail": "/monitoring/indicators/hitech_enterprises/",
        "region_compare": "/monitoring/regions/",
        "big_screen": "/monitoring/screen/",
        "progress_report": "/monitoring/report/",
        "report_list": "/monitoring/reports/",
        "report_create": "/monitoring/reports/new/",
        "report_detail": f"/monitoring/reports/{batch}/",
        "report_import": f"/monitoring/reports/{batch}/import/",
        "report_record": f"/monitoring/reports/{batch}/values/",
        "report_submit": f"/monitoring/reports/{batch}/submit/",
        "report_return": f"/monitoring/reports/{batch}/return/",
        "report_approve": f"/monitoring/reports/{batch}/approve/",
        "observation_explain": f"/monitoring/values/{o['observation'].pk}/explain/",
        "observation_delete": f"/monitoring/values/{o['observation'].pk}/delete/",
        "run_list": "/scoring/runs/",
        "run_form": "/scoring/runs/new/",
        "run_create": "/scoring/runs/create/",
        "run_detail": f"/scoring/runs/{o['run'].pk}/",
        "pools:dashboard": "/pools/",
        "sync": "/pools/sync/",
        "near_eligible": "/pools/near-eligible/",
        "membership_list": "/pools/members/",
        "enterprise_plan": f"/pools/enterprises/{firm}/",
        "plan_officer": f"/pools/enterprises/{firm}/officer/",
        "plan_action_add": f"/pools/enterprises/{firm}/actions/",
        "plan_action_done": f"/pools/enterprises/{firm}/actions/{10**6}/done/",
        "service_log_add": f"/pools/enterprises/{firm}/service-log/",
        "what_if": f"/pools/enterprises/{firm}/what-if/",
        "item_list": "/supervision/",
        "item_create": "/supervision/items/new/",
        "item_import": "/supervision/items/import/",
        "item_detail": f"/supervision/items/{item}/",
        "item_step": f"/supervision/items/{item}/sign/",
        "extension_decide": f"/supervision/extensions/{o['extension'].pk}/decide/",
        "notice_list": "/supervision/notices/",
        "notice_answer": f"/supervision/notices/{o['notice'].pk}/answer/",
        "report_attachment": f"/supervision/reports/{o['progress_report'].pk}/attachment/",
        "kanban": "/supervision/kanban/",
        "timeline": "/supervision/timeline/",
        "scoreboard": "/supervision/scoreboard/",
        "bulletin_list": "/supervision/bulletins/",
        "bulletin_file": f"/supervision/bulletins/{o['bulletin'].pk}/pdf/",
        "notifications": "/supervision/notifications/",
        "index": "/index/",
        "recompute": "/index/recompute/",
        "logout": "/accounts/logout/",
        "set_language": "/i18n/setlang/",
        "healthz": "/healthz",
        "favicon.ico": "/favicon.ico",
        "search": "/search/?q=%E4%B9%90%E5%B1%B1",
        "help": "/help/",
        "help_chapter": "/help/01-city-admin/",
        "help_image": "/help/images/monitoring-dashboard.png",
        "official_schedule": "/supervision/holidays/official/",
        "admin:index": "/admin/",
    }


def app_parts() -> list[Any]:
    """The apps' own ``tests.status_matrix`` modules (see the note at the top)."""
    import importlib

    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jiazhou_web.") or config.label == "core":
            continue
        name = f"{config.name}.tests.status_matrix"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in (name, f"{config.name}.tests"):
                raise
    return found


def all_urls(w: World) -> dict[str, str]:
    targets = urls(w)
    for part in app_parts():
        targets.update(part.urls(w))
    return targets


def rows() -> list[tuple[str, list[int]]]:
    table = []
    text = MATRIX + "".join("\n" + part.MATRIX for part in app_parts())
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, *codes = line.split()
        assert len(codes) == len(PERSONAS), line
        table.append((name, [int(c) for c in codes]))
    return table


def pattern_names(resolver: Any = None, namespace: str = "") -> set[str]:
    """Every named URL pattern outside the admin site (``healthz`` has no name)."""
    names: set[str] = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace != "admin":
                names |= pattern_names(p, p.namespace or namespace)
        elif isinstance(p, URLPattern):
            names.add(p.name or str(p.pattern))
    return names


def test_the_matrix_covers_every_url_pattern() -> None:
    covered = {name.split("?")[0].split("@")[0].rstrip("*").split(":")[-1] for name, _ in rows()}
    missing = pattern_names() - covered
    assert not missing, f"add these URL patterns to the status matrix: {sorted(missing)}"


def test_every_persona_gets_the_expected_status_everywhere(regions: Any, industry: Any) -> None:
    w = build_world(regions, industry)
    targets = all_urls(w)
    clients = {}
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        if w.users[persona] is not None:
            client.force_login(w.users[persona])
        clients[persona] = client
    wrong = []
    for name, expected in rows():
        key = name.rstrip("*").split("?")[0]
        url = targets[key] + ("?export=xlsx" if name.endswith("?export") else "")
        for persona, status in zip(PERSONAS, expected, strict=True):
            client = clients[persona]
            response = client.post(url, {}) if name.endswith("*") else client.get(url)
            if response.status_code != status:
                wrong.append(f"{name} {persona}: {response.status_code}, expected {status}")
            if persona != "anonymous" and name in ("logout*",):
                client.force_login(w.users[persona])  # logged out by the request: log in again
    assert not wrong, "\n".join(wrong)
