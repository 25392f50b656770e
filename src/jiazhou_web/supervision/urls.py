from django.urls import path

from jiazhou_web.supervision import schedule_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.ItemListView.as_view(), name="item_list"),
    path("items/new/", views.create_item, name="item_create"),
    path("items/import/", views.ItemImportView.as_view(), name="item_import"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/<str:step>/", views.item_step, name="item_step"),
    path("extensions/<int:pk>/decide/", views.decide_extension, name="extension_decide"),
    path("notices/", views.NoticeListView.as_view(), name="notice_list"),
    path("notices/<int:pk>/answer/", views.answer_notice, name="notice_answer"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="report_attachment"),
    path("kanban/", views.kanban, name="kanban"),
    path("timeline/", views.timeline, name="timeline"),
    path("scoreboard/", views.scoreboard, name="scoreboard"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:pk>/<str:fmt>/", views.bulletin_file, name="bulletin_file"),
    path("notifications/", views.notifications, name="notifications"),
    path("holidays/official/", schedule_views.official_schedule, name="official_schedule"),
]
