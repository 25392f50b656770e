from django.urls import path

from jiazhou_web.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.index, name="index"),
    path("record/", views.record, name="record"),
    path("declarations/", views.declarations, name="declarations"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/return/", views.declaration_return, name="declaration_return"),
    path("declarations/<int:pk>/accept/", views.declaration_accept, name="declaration_accept"),
    path("corrections/new/", views.correction_create, name="correction_create"),
    path("corrections/<int:pk>/decide/", views.correction_decide, name="correction_decide"),
    path("review/", views.review_list, name="review_list"),
    path("qualifications/", views.qualifications, name="qualifications"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/<int:user_id>/remove/", views.colleague_remove, name="colleague_remove"),
]
