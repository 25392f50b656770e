from django.urls import path

from jiazhou_web.market import views

app_name = "market"

urlpatterns = [
    path("", views.index, name="index"),
    path("achievements/", views.achievement_list, name="achievement_list"),
    path("achievements/new/", views.achievement_new, name="achievement_new"),
    path("achievements/<int:pk>/", views.achievement_detail, name="achievement_detail"),
    path("demands/", views.demand_list, name="demand_list"),
    path("demands/new/", views.demand_new, name="demand_new"),
    path("demands/<int:pk>/", views.demand_detail, name="demand_detail"),
    path("demands/<int:pk>/list/", views.listing_create, name="listing_create"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<str:kind>/<int:pk>/", views.entry_review, name="entry_review"),
    path("listings/", views.listing_list, name="listing_list"),
    path("listings/<int:pk>/", views.listing_detail, name="listing_detail"),
    path("listings/<int:pk>/advance/", views.listing_advance, name="listing_advance"),
    path("listings/<int:pk>/apply/", views.listing_apply, name="listing_apply"),
    path("applications/<int:pk>/award/", views.application_award, name="application_award"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_new, name="contract_new"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("contracts/<int:pk>/payments/", views.payment_add, name="payment_add"),
    path("contracts/<int:pk>/<str:step>/", views.contract_step, name="contract_step"),
    path("brokers/", views.broker_list, name="broker_list"),
    path("stats/", views.stats, name="stats"),
    path("absorbed/import/", views.AbsorbedImportView.as_view(), name="absorbed_import"),
    path("mine/", views.mine, name="mine"),
]
