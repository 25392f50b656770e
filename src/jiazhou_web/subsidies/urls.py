from django.urls import path

from jiazhou_web.subsidies import views, voucher_views

app_name = "subsidies"

urlpatterns = [
    path("", views.index, name="index"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/sync/", views.policy_sync, name="policy_sync"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("clauses/<int:pk>/", views.clause_detail, name="clause_detail"),
    path("clauses/<int:pk>/offers/", views.clause_offers, name="clause_offers"),
    path("clauses/<int:pk>/apply/", views.clause_apply, name="clause_apply"),
    path("clauses/<int:pk>/why/<int:enterprise>/", views.why_not, name="why_not"),
    path("simulate/", views.simulate, name="simulate"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/<str:action>/", views.application_act, name="application_act"),
    path("offers/expire/", views.offers_expire, name="offers_expire"),
    path("publicity/", views.publicity_start, name="publicity_start"),
    path("objections/<int:pk>/decide/", views.objection_decide, name="objection_decide"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/pay/", views.batch_pay, name="batch_pay"),
    path("settlement/", views.settlement, name="settlement"),
    path("my/matches/", views.my_matches, name="my_matches"),
    path("my/applications/", views.my_applications, name="my_applications"),
    path("my/vouchers/", voucher_views.my_vouchers, name="my_vouchers"),
    path("vouchers/batches/", voucher_views.batch_list, name="voucher_batches"),
    path("vouchers/batches/new/", voucher_views.batch_create, name="voucher_batch_create"),
    path("vouchers/batches/<int:pk>/", voucher_views.batch_detail, name="voucher_batch_detail"),
    path("vouchers/batches/<int:pk>/issue/", voucher_views.issue, name="voucher_issue"),
    path("vouchers/providers/", voucher_views.provider_list, name="provider_list"),
    path("vouchers/providers/new/", voucher_views.provider_create, name="provider_create"),
    path(
        "vouchers/providers/<int:pk>/suspend/",
        voucher_views.provider_suspend,
        name="provider_suspend",
    ),
    path("vouchers/<int:pk>/order/", voucher_views.order_create, name="order_create"),
    path("vouchers/orders/", voucher_views.order_list, name="order_list"),
    path("vouchers/orders/<int:pk>/", voucher_views.order_detail, name="order_detail"),
    path("vouchers/orders/<int:pk>/<str:action>/", voucher_views.order_act, name="order_act"),
]
