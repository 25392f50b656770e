from django.urls import path

from jiazhou_web.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.index, name="index"),
    path("record/", views.record, name="record"),
]
