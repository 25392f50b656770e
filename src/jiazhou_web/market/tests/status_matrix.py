"""The 科技服务大市场's rows of the status matrix (core/tests/test_status_matrix.py).

The world's firm publishes a 成果 and a 需求 (published by the city), the need is listed for
揭榜挂帅 and opened; the firm registers a contract with a registry whose registrar (not a
persona) registers it, so the certificate exists. Registrar-only steps are 403 for every persona.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jiazhou_web.core.tests.world import World

#                                   city zone county dept firm reviewer outsider anonymous
MATRIX = """
market:index                        200 200 200 200 200 200 403 302
market:achievement_list             200 200 200 200 200 200 403 302
market:achievement_new              403 403 403 403 200 403 403 302
market:achievement_detail           200 200 200 200 200 200 403 302
market:demand_list                  200 200 200 200 200 200 403 302
market:demand_new                   403 403 403 403 200 403 403 302
market:demand_detail                200 200 200 200 200 200 403 302
market:listing_create*              302 302 403 403 403 403 403 302
market:review_queue                 200 200 403 403 403 403 403 302
market:entry_review*                302 302 403 403 403 403 403 302
market:listing_list                 200 200 200 200 200 200 403 302
market:listing_detail               200 200 200 200 200 200 403 302
market:listing_advance*             302 302 403 403 403 403 403 302
market:listing_apply*               403 403 403 403 302 403 403 302
market:application_award*           404 404 403 403 403 403 403 302
market:contract_list                200 200 200 200 200 403 403 302
market:contract_list?export         200 200 200 200 200 403 403 302
market:contract_new                 403 403 403 403 200 403 403 302
market:contract_detail              200 404 200 404 200 403 403 302
market:certificate                  200 404 200 404 200 403 403 302
market:contract_step*               403 403 403 403 403 403 403 302
market:payment_add*                 403 403 403 403 302 403 403 302
market:broker_list                  200 200 200 200 403 200 403 302
market:stats                        200 200 200 200 403 200 403 302
market:stats?export                 200 200 200 200 403 200 403 302
market:mine                         403 403 403 403 200 403 403 302
market:absorbed_import              200 200 403 403 403 403 403 302
market:absorbed_import*             400 400 403 403 403 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.market import actions

    firm, firm_user, admin = w.objects["firm"], w.users["enterprise_user"], w.users["city_admin"]
    achievement = actions.submit_achievement(
        actor=firm_user, holder=firm, title="高纯晶硅冷氢化节能工艺", abstract="四氯化硅冷氢化转化率提升",
        field="新能源与高效节能", trl=6, ip_type="patent", ip_number="ZL2025000000001",
        price_low=Decimal(50), price_high=None, transfer_mode="licence", holder_kind="firm",
        contact="李工",
    )  # fmt: skip
    actions.review_entry(achievement, publish=True, comment="", actor=admin)
    demand = actions.submit_demand(
        actor=firm_user, enterprise=firm, title="冷氢化转化率低", problem="四氯化硅冷氢化转化率低",
        field="新能源与高效节能", budget=Decimal(80),
    )  # fmt: skip
    actions.review_entry(demand, publish=True, comment="", actor=admin)
    listing = actions.create_listing(
        demand, listing_class="firm", budget=Decimal(80),
        apply_deadline=timezone.localdate() + dt.timedelta(days=60), actor=admin,
    )  # fmt: skip
    actions.advance_listing(listing, actor=admin)
    actions.advance_listing(listing, actor=admin)
    registry = actions.create_registry(
        code="ls", name="乐山市技术合同登记处", region_code="511100", actor=None
    )
    registrar = accounts.create_user(
        username="registrar", password="x", display_name="登记员", actor=None
    )
    accounts.assign_role(
        registrar, "contract_registrar", actor=None, target=w.objects["department"]
    )
    actions.add_registrar(registrar, registry, actor=None)
    contract = actions.submit_contract(
        actor=firm_user, seller=firm, registry=registry, title="冷氢化技术许可",
        contract_type="licence", field="新能源与高效节能", ip_type="patent", buyer_name="成都某公司",
        buyer_region_code="510104", total_amount=Decimal(120), signed_on=dt.date(2025, 5, 6),
    )  # fmt: skip
    actions.accept_contract(contract, actor=registrar)
    actions.register_contract(contract, actor=registrar)
    c = contract.pk
    return {
        "market:index": "/market/",
        "market:achievement_list": "/market/achievements/",
        "market:achievement_new": "/market/achievements/new/",
        "market:achievement_detail": f"/market/achievements/{achievement.pk}/",
        "market:demand_list": "/market/demands/",
        "market:demand_new": "/market/demands/new/",
        "market:demand_detail": f"/market/demands/{demand.pk}/",
        "market:listing_create": f"/market/demands/{demand.pk}/list/",
        "market:review_queue": "/market/review/",
        "market:entry_review": f"/market/review/demand/{demand.pk}/",
        "market:listing_list": "/market/listings/",
        "market:listing_detail": f"/market/listings/{listing.pk}/",
        "market:listing_advance": f"/market/listings/{listing.pk}/advance/",
        "market:listing_apply": f"/market/listings/{listing.pk}/apply/",
        "market:application_award": "/market/applications/999999/award/",
        "market:contract_list": "/market/contracts/",
        "market:contract_new": "/market/contracts/new/",
        "market:contract_detail": f"/market/contracts/{c}/",
        "market:certificate": f"/market/contracts/{c}/certificate/",
        "market:contract_step": f"/market/contracts/{c}/accept/",
        "market:payment_add": f"/market/contracts/{c}/payments/",
        "market:broker_list": "/market/brokers/",
        "market:stats": "/market/stats/",
        "market:mine": "/market/mine/",
        "market:absorbed_import": "/market/absorbed/import/",
    }
