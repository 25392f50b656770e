from django.urls import path  # noqa: F401

app_name = "indices"
urlpatterns: list[object] = []
