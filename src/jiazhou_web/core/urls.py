from django.urls import path

from jiazhou_web.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("building/", views.under_construction, name="under_construction"),
    path("audit/", views.AuditLogListView.as_view(), name="audit_list"),
    path("imports/errors/<str:token>/", views.import_errors, name="import_errors"),
    path("search/", views.search_page, name="search"),
    path("help/", views.help_page, name="help"),
    path("help/images/<str:name>", views.help_image, name="help_image"),
    path("help/<str:slug>/", views.help_page, name="help_chapter"),
]
