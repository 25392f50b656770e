from django.urls import path

from jiazhou_web.tickets import views

app_name = "tickets"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.record, name="record"),
    path("workbench/", views.workbench, name="workbench"),
    path("rates/", views.rates, name="rates"),
    path("boards/", views.ranking, name="ranking"),
    path("supervision/", views.supervision_list, name="supervision"),
    path("report/", views.report, name="report"),
    path("catalogue/", views.catalogue_view, name="catalogue"),
    path("mine/", views.mine, name="mine"),
    path("mine/new/", views.raise_view, name="raise"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<str:step>/", views.step, name="step"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
]
