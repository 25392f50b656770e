"""The tokens page (接口令牌) and its revoke endpoint; ``/api/v1/`` is mounted in config.urls."""

from django.urls import path

from jiazhou_web.api import views

app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
