from django.urls import path

from jiazhou_web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/what-if/", views.what_if, name="what_if"),
    path("rounds/<int:pk>/weights/", views.round_weights, name="round_weights"),
    path("rounds/<int:pk>/publicity/", views.round_publicity, name="round_publicity"),
    path("rounds/<int:pk>/publish/", views.round_publish, name="round_publish"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("zone/", views.zone, name="zone"),
    path("zone/benchmark/", views.zone_benchmark, name="zone_benchmark"),
    path("zone/manual/", views.zone_manual, name="zone_manual"),
]
