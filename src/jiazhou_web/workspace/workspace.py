"""The workspace's own sections (core.contributions.WorkspaceSection)."""

from jiazhou_web.core.contributions import WorkspaceSection

SECTIONS = (
    WorkspaceSection(
        "record",
        "我的档案",
        "workspace:record",
        "workspace.view",
        10,
        "一企一档：平台掌握的每项数据及其来源、截至日期；可申请更正",
        "person-vcard",
    ),
    WorkspaceSection(
        "declarations",
        "年报申报",
        "workspace:declarations",
        "workspace.declare",
        20,
        "按火炬统计企业年报填报从业人员、财务、科技活动、知识产权，提交区县或高新区审核",
        "clipboard-data",
    ),
    WorkspaceSection(
        "qualifications",
        "我的资质",
        "workspace:qualifications",
        "workspace.view",
        30,
        "各类资质的状态、差距与证书有效期；高企重新认定、科小入库提醒",
        "award",
    ),
    WorkspaceSection(
        "documents",
        "我的文件",
        "workspace:documents",
        "workspace.documents",
        40,
        "营业执照、审计报告、证书等材料的上传与下载",
        "folder2-open",
    ),
    WorkspaceSection(
        "accounts",
        "企业账号",
        "workspace:accounts",
        "workspace.accounts",
        90,
        "本企业的平台账号；管理员可邀请、移除同事",
        "people",
    ),
)
