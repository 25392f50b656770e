from django.urls import path

from jiazhou_web.talent import views

app_name = "talent"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/identity/", views.reveal, name="reveal"),
    path("<int:pk>/cards/", views.card_issue, name="card_issue"),
    path("<int:pk>/cards/<int:card>/services/", views.service_add, name="service_add"),
    path("<int:pk>/cards/<int:card>/revoke/", views.card_revoke, name="card_revoke"),
]
