from django.urls import path

from jiazhou_web.evaluations import bank_views, views

app_name = "evaluations"
urlpatterns = [
    path("runs/", views.run_list, name="run_list"),
    path("runs/new/", views.run_form, name="run_form"),
    path("runs/create/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/approve/", views.run_approve, name="run_approve"),
    path("runs/<int:pk>/publicity/", views.run_publicity, name="run_publicity"),
    path("runs/<int:pk>/publish/", views.run_publish, name="run_publish"),
    path("runs/<int:pk>/class/<str:grade>/", views.class_list, name="class_list"),
    path("runs/<int:pk>/policy/", views.policy_lists, name="policy"),
    path("runs/<int:pk>/what-if/", views.what_if, name="what_if"),
    path("runs/<int:pk>/cultivation/", views.cultivation_list, name="cultivation"),
    path("results/<int:pk>/", views.score_card, name="score_card"),
    path("results/<int:pk>/objection/", views.objection_create, name="objection_create"),
    path("objections/<int:pk>/decide/", views.objection_decide, name="objection_decide"),
    path(
        "imports/tax/",
        views.FiguresImportView.as_view(
            kind="tax", title="税务局税款入库明细导入", template_filename="tax-import-template.xlsx"
        ),
        name="import_tax",
    ),
    path(
        "imports/power/",
        views.FiguresImportView.as_view(
            kind="power",
            title="供电公司用电量明细导入",
            template_filename="power-import-template.xlsx",
        ),
        name="import_power",
    ),
    path("consents/", bank_views.consents, name="consents"),
    path(
        "consents/<int:enterprise>/<int:bank_id>/give/",
        bank_views.consent_give,
        name="consent_give",
    ),
    path("consents/<int:pk>/withdraw/", bank_views.consent_withdraw, name="consent_withdraw"),
    path("bank/", bank_views.bank_list, name="bank_list"),
    path("bank/results/<int:pk>/", bank_views.bank_card, name="bank_card"),
]
