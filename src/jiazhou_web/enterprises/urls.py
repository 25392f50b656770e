from django.urls import path

from jiazhou_web.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("import/", views.EnterpriseImportView.as_view(), name="enterprise_import"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
]
