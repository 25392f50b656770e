"""URL map: one include per app, plus admin, language switch and health check."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.i18n import set_language


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


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
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
]
