from django.urls import path

from jiazhou_web.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("building/", views.under_construction, name="under_construction"),
    path("audit/", views.AuditLogListView.as_view(), name="audit_list"),
    path("imports/errors/<str:token>/", views.import_errors, name="import_errors"),
]
