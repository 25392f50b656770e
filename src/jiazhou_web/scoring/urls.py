from django.urls import path

from jiazhou_web.scoring import views

app_name = "scoring"
urlpatterns = [
    path("runs/", views.RunListView.as_view(), name="run_list"),
    path("runs/new/", views.run_form, name="run_form"),
    path("runs/create/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("review/", views.review_queue_page, name="review_queue"),
    path("review/<int:pk>/", views.review_form_page, name="review_form"),
    path("review/<int:pk>/assign/", views.review_assign_page, name="review_assign"),
    path("affiliations/", views.affiliations_page, name="affiliations"),
    path(
        "affiliations/<int:pk>/withdraw/",
        views.affiliation_withdraw,
        name="affiliation_withdraw",
    ),
]
