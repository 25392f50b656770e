from django.urls import path

from jiazhou_web.chains import views

app_name = "chains"
urlpatterns = [
    path("", views.index, name="index"),
    path("load/<slug:code>/", views.load, name="load"),
    path("recruit/<int:pk>/", views.recruit_detail, name="recruit_detail"),
    path("attachments/<int:pk>/decide/", views.decide, name="decide"),
    path("attachments/<int:pk>/verify/", views.verify, name="verify"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/edit/", views.chain_edit, name="chain_edit"),
    path("<slug:code>/propose/", views.propose, name="propose"),
    path("<slug:code>/lists/<slug:key>/", views.chain_list, name="chain_list"),
    path("<slug:code>/<slug:segment_code>/", views.segment, name="segment"),
    path("<slug:code>/<slug:segment_code>/edit/", views.segment_edit, name="segment_edit"),
    path("<slug:code>/<slug:segment_code>/attach/", views.attach, name="attach"),
    path("<slug:code>/<slug:segment_code>/recruit/", views.recruit_create, name="recruit_create"),
    path("<slug:code>/<slug:segment_code>/need/", views.need_create, name="need_create"),
]
