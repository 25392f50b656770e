"""The open API in the expected-status matrix. The personas here have a session, not a token:
every API endpoint answers 401 (a session never authenticates an API call, so there is no
CSRF surface); the OpenAPI document and the docs page are public (they describe no data).
The tokens page (接口令牌) is every signed-in user's own; another user's token is 404."""

from __future__ import annotations

from typing import Any

from jiazhou_web.api import actions

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
token_list              200 200 200 200 200 200 200 302
token_list*             400 400 400 400 400 400 400 302
token_revoke*           302 404 404 404 404 404 404 302
openapi-json            200 200 200 200 200 200 200 200
openapi-view            200 200 200 200 200 200 200 200
api-root                404 404 404 404 404 404 404 404
no_such_endpoint        404 404 404 404 404 404 404 404
list_enterprises        401 401 401 401 401 401 401 401
get_enterprise          401 401 401 401 401 401 401 401
list_figures            401 401 401 401 401 401 401 401
list_certificates       401 401 401 401 401 401 401 401
list_indicators         401 401 401 401 401 401 401 401
get_indicator           401 401 401 401 401 401 401 401
list_observations       401 401 401 401 401 401 401 401
list_scoring_results    401 401 401 401 401 401 401 401
get_scoring_result      401 401 401 401 401 401 401 401
list_pool_memberships   401 401 401 401 401 401 401 401
list_supervision_items  401 401 401 401 401 401 401 401
get_supervision_item    401 401 401 401 401 401 401 401
post_figures*           401 401 401 401 401 401 401 401
post_tax_rd_deductions*        401 401 401 401 401 401 401 401
post_enterprise_registrations* 401 401 401 401 401 401 401 401
post_observation_reports*      401 401 401 401 401 401 401 401
list_tickets                401 401 401 401 401 401 401 401
get_ticket                  401 401 401 401 401 401 401 401
list_subsidy_applications   401 401 401 401 401 401 401 401
get_subsidy_application     401 401 401 401 401 401 401 401
list_voucher_orders         401 401 401 401 401 401 401 401
get_voucher_order           401 401 401 401 401 401 401 401
list_achievements           401 401 401 401 401 401 401 401
get_achievement             401 401 401 401 401 401 401 401
list_demands                401 401 401 401 401 401 401 401
get_demand                  401 401 401 401 401 401 401 401
list_listings               401 401 401 401 401 401 401 401
get_listing                 401 401 401 401 401 401 401 401
list_tech_contracts         401 401 401 401 401 401 401 401
get_tech_contract           401 401 401 401 401 401 401 401
list_chains                 401 401 401 401 401 401 401 401
get_chain                   401 401 401 401 401 401 401 401
list_chain_attachments      401 401 401 401 401 401 401 401
list_county_reports         401 401 401 401 401 401 401 401
get_county_report           401 401 401 401 401 401 401 401
list_project_applications   401 401 401 401 401 401 401 401
get_project_application     401 401 401 401 401 401 401 401
list_external_projects      401 401 401 401 401 401 401 401
get_external_project        401 401 401 401 401 401 401 401
list_platforms              401 401 401 401 401 401 401 401
get_platform                401 401 401 401 401 401 401 401
list_talents                401 401 401 401 401 401 401 401
get_talent                  401 401 401 401 401 401 401 401
"""


def urls(w: Any) -> dict[str, str]:
    o = w.objects
    admin = w.users["city_admin"]
    token = actions.create_token(
        admin, admin.role_assignments.get(), name="矩阵", days=1, actor=admin
    ).token
    firm, item = o["firm"].pk, o["item"].pk
    return {
        "token_list": "/api/tokens/",
        "token_revoke": f"/api/tokens/{token.pk}/revoke/",
        "openapi-json": "/api/v1/openapi.json",
        "openapi-view": "/api/v1/docs",
        "api-root": "/api/v1/",
        "no_such_endpoint": "/api/v1/nowhere",
        "list_enterprises": "/api/v1/enterprises",
        "get_enterprise": f"/api/v1/enterprises/{firm}",
        "list_figures": f"/api/v1/enterprises/{firm}/figures",
        "list_certificates": "/api/v1/certificates",
        "list_indicators": "/api/v1/indicators",
        "get_indicator": "/api/v1/indicators/hitech_enterprises",
        "list_observations": "/api/v1/observations",
        "list_scoring_results": "/api/v1/scoring-results",
        "get_scoring_result": f"/api/v1/scoring-results/{o['run'].units.first().pk}",
        "list_pool_memberships": "/api/v1/pool-memberships",
        "list_supervision_items": "/api/v1/supervision-items",
        "get_supervision_item": f"/api/v1/supervision-items/{item}",
        "post_figures": "/api/v1/enterprise-figures",
        "post_tax_rd_deductions": "/api/v1/feeds/tax-rd-deductions",
        "post_enterprise_registrations": "/api/v1/feeds/enterprise-registrations",
        "post_observation_reports": "/api/v1/feeds/observation-reports",
        "list_tickets": "/api/v1/tickets",
        "get_ticket": "/api/v1/tickets/1",
        "list_subsidy_applications": "/api/v1/subsidy-applications",
        "get_subsidy_application": "/api/v1/subsidy-applications/1",
        "list_voucher_orders": "/api/v1/voucher-orders",
        "get_voucher_order": "/api/v1/voucher-orders/1",
        "list_achievements": "/api/v1/achievements",
        "get_achievement": "/api/v1/achievements/1",
        "list_demands": "/api/v1/demands",
        "get_demand": "/api/v1/demands/1",
        "list_listings": "/api/v1/listings",
        "get_listing": "/api/v1/listings/1",
        "list_tech_contracts": "/api/v1/tech-contracts",
        "get_tech_contract": "/api/v1/tech-contracts/1",
        "list_chains": "/api/v1/chains",
        "get_chain": "/api/v1/chains/pv",
        "list_chain_attachments": "/api/v1/chain-attachments",
        "list_county_reports": "/api/v1/county-reports",
        "get_county_report": "/api/v1/county-reports/1",
        "list_project_applications": "/api/v1/project-applications",
        "get_project_application": "/api/v1/project-applications/1",
        "list_external_projects": "/api/v1/external-projects",
        "get_external_project": "/api/v1/external-projects/1",
        "list_platforms": "/api/v1/platforms",
        "get_platform": "/api/v1/platforms/1",
        "list_talents": "/api/v1/talents",
        "get_talent": "/api/v1/talents/1",
    }
