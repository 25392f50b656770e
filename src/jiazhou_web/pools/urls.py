from django.urls import path

from jiazhou_web.pools import views

app_name = "pools"
urlpatterns = [
    path("", views.pool_dashboard, name="dashboard"),
    path("sync/", views.sync, name="sync"),
    path("near-eligible/", views.NearEligibleView.as_view(), name="near_eligible"),
    path("members/", views.MembershipListView.as_view(), name="membership_list"),
    path("enterprises/<int:pk>/", views.EnterprisePlanView.as_view(), name="enterprise_plan"),
    path("enterprises/<int:pk>/officer/", views.plan_officer, name="plan_officer"),
    path("enterprises/<int:pk>/actions/", views.plan_action_add, name="plan_action_add"),
    path(
        "enterprises/<int:pk>/actions/<int:action_pk>/done/",
        views.plan_action_done,
        name="plan_action_done",
    ),
    path("enterprises/<int:pk>/service-log/", views.service_log_add, name="service_log_add"),
    path("enterprises/<int:pk>/what-if/", views.what_if_view, name="what_if"),
]
