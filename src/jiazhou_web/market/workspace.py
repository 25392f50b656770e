from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "market",
        _("My achievements, demands and contracts"),
        "market:mine",
        "market.publish",
        order=40,
        description=_(
            "Publish achievements and demands, see matches, take on open challenges, register technology contracts and download registration certificates"
        ),
        icon="shop",
    ),
)
