"""Choice sets and audit events of background jobs (后台任务, docs/adr/0021-background-jobs.md)."""

from django.db import models

from jiazhou_web.core.audit import register_events


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "运行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class JobKind(models.TextChoices):
    EXPORT = "export", "数据导出"
    EVALUATION_RUN = "evaluation_run", "年度综合评价运行"
    SUPERVISION = "supervision", "每日督办运行"
    SCORING = "scoring", "夜间资质测评"
    POOLS = "pools", "培育库同步"
    INDEX = "index", "综合指数计算"
    TICKETS = "tickets", "诉求超期督办"
    FILE_RETENTION = "file_retention", "过期导出文件清理"


class JobEvent(models.TextChoices):
    QUEUED = "jobs.queued", "后台任务已提交"
    STARTED = "jobs.started", "后台任务开始运行"
    DONE = "jobs.done", "后台任务已完成"
    FAILED = "jobs.failed", "后台任务失败"
    DOWNLOADED = "jobs.downloaded", "下载后台任务结果文件"
    FILES_EXPIRED = "jobs.files_expired", "清理过期的后台任务结果文件"


register_events(JobEvent)
