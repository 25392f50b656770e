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
    }
