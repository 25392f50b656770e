from django.urls import path

from jiazhou_web.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/state/", views.call_state, name="call_state"),
    path("calls/<int:pk>/rank/", views.call_rank, name="call_rank"),
    path("calls/<int:pk>/apply/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/items/", views.item_link, name="item_link"),
    path("applications/<int:pk>/<slug:step>/", views.application_step, name="application_step"),
    path("applications/<int:pk>/milestones/add", views.milestone_add, name="milestone_add"),
    path(
        "applications/<int:pk>/milestones/<int:milestone>/done",
        views.milestone_done,
        name="milestone_done",
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.assignment_score, name="assignment_score"),
    path("experts/", views.expert_list, name="expert_list"),
    path("national-provincial/", views.external_list, name="external_list"),
    path("enterprise/<int:pk>/", views.enterprise_projects, name="enterprise_projects"),
]
