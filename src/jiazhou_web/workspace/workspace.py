"""The workspace's own sections (core.contributions.WorkspaceSection)."""

from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "record",
        _("My record"),
        "workspace:record",
        "workspace.view",
        10,
        _(
            "One record per enterprise: every value the platform holds, with its source and as-of date; request corrections"
        ),
        "person-vcard",
    ),
    WorkspaceSection(
        "declarations",
        _("Annual declaration"),
        "workspace:declarations",
        "workspace.declare",
        20,
        _(
            "Declare staff, finances, S&T activity and intellectual property following the Torch statistics annual report, reviewed by your district/county or the high-tech zone"
        ),
        "clipboard-data",
    ),
    WorkspaceSection(
        "qualifications",
        _("My qualifications"),
        "workspace:qualifications",
        "workspace.view",
        30,
        _(
            "Status, gaps and certificate validity of each qualification; reminders for HNTE re-certification and tech-SME registration"
        ),
        "award",
    ),
    WorkspaceSection(
        "documents",
        _("My files"),
        "workspace:documents",
        "workspace.documents",
        40,
        _("Upload and download business licence, audit reports, certificates and other material"),
        "folder2-open",
    ),
    WorkspaceSection(
        "accounts",
        _("Enterprise accounts"),
        "workspace:accounts",
        "workspace.accounts",
        90,
        _(
            "This enterprise's platform accounts; the administrator can invite and remove colleagues"
        ),
        "people",
    ),
)
