"""URL map: one include per app, plus admin, language switch, health check, favicon and the
Chinese error pages (403/404/500)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import include, path
from django.views.i18n import set_language

from jiazhou_web.api.v1 import urlpatterns as v1_urls


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """The proxy's health check: 200 "ok" when the database answers one ``SELECT 1``, else 503
    (the proxy takes this instance out of rotation). No session, no template, no other query."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "数据库不可用 / database unavailable", content_type="text/plain", status=503
        )
    response = HttpResponse("ok", content_type="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


@login_not_required
def favicon(request: HttpRequest) -> FileResponse:
    """The shipped icon (no database, no network): browsers ask for /favicon.ico."""
    path = settings.PACKAGE_DIR / "static" / "jiazhou" / "favicon.ico"
    response = FileResponse(path.open("rb"), content_type="image/x-icon")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


handler403 = "jiazhou_web.core.error_views.permission_denied"
handler404 = "jiazhou_web.core.error_views.page_not_found"
handler500 = "jiazhou_web.core.error_views.server_error"

urlpatterns = [
    path("", include("jiazhou_web.core.urls")),
    path("accounts/", include("jiazhou_web.accounts.urls")),
    path("enterprises/", include("jiazhou_web.enterprises.urls")),
    path("monitoring/", include("jiazhou_web.monitoring.urls")),
    path("scoring/", include("jiazhou_web.scoring.urls")),
    path("evaluations/", include("jiazhou_web.evaluations.urls")),
    path("pools/", include("jiazhou_web.pools.urls")),
    path("supervision/", include("jiazhou_web.supervision.urls")),
    path("index/", include("jiazhou_web.indices.urls")),
    # -- enterprise workspace and 企业诉求 (issue 15): add include lines directly below
    path("workspace/", include("jiazhou_web.workspace.urls")),
    path("tickets/", include("jiazhou_web.tickets.urls")),
    # -- 政策兑现 and 创新券 (issue 16)
    path("subsidies/", include("jiazhou_web.subsidies.urls")),
    # -- 技术市场 (issue 17)
    path("market/", include("jiazhou_web.market.urls")),
    # -- 产业链图谱 and 考核 (issue 19)
    path("chains/", include("jiazhou_web.chains.urls")),
    path("assessments/", include("jiazhou_web.assessments.urls")),
    # -- 科技项目, 创新平台, 人才 (issue 20)
    path("projects/", include("jiazhou_web.projects.urls")),
    path("platforms/", include("jiazhou_web.platforms.urls")),
    path("talent/", include("jiazhou_web.talent.urls")),
    # -- open API and operations (issue 21)
    path("jobs/", include("jiazhou_web.jobs.urls")),
    path("api/v1/", v1_urls()),
    path("api/", include("jiazhou_web.api.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
    path("favicon.ico", favicon),
]
