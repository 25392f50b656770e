from django.urls import path

from jiazhou_web.indices import views

app_name = "indices"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("recompute/", views.RecomputeView.as_view(), name="recompute"),
]
