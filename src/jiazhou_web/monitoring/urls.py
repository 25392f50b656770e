from django.urls import path

from jiazhou_web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("regions/", views.region_compare, name="region_compare"),
    path("screen/", views.big_screen, name="big_screen"),
    path("report/", views.progress_report, name="progress_report"),
    path("reports/", views.SubmissionListView.as_view(), name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.SubmissionDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/import/", views.ObservationImportView.as_view(), name="report_import"),
    path("reports/<int:pk>/values/", views.report_record, name="report_record"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("values/<int:pk>/explain/", views.observation_explain, name="observation_explain"),
    path("values/<int:pk>/delete/", views.observation_delete, name="observation_delete"),
]
