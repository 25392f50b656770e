from django.urls import path

from jiazhou_web.platforms import views

app_name = "platforms"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/evaluation/", views.evaluate, name="evaluate"),
    path("<int:pk>/report/", views.report, name="report"),
]
