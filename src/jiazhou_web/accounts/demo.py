"""Demo departments and personas (one per role; the enterprise persona comes with the firms)."""

from __future__ import annotations

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.choices import DepartmentKind, Role
from jiazhou_web.accounts.models import Department
from jiazhou_web.core.seeding import DemoContext, demo_password_hash
from jiazhou_web.regions.models import Region

CITY_DEPARTMENTS = [
    ("lskjj", "乐山市科学技术局", DepartmentKind.CITY_BUREAU),
    ("lsjxj", "乐山市经济和信息化局", DepartmentKind.CITY_BUREAU),
    ("lsfgw", "乐山市发展和改革委员会", DepartmentKind.CITY_BUREAU),
    ("lscz", "乐山市财政局", DepartmentKind.CITY_BUREAU),
    ("lsscjg", "乐山市市场监督管理局", DepartmentKind.CITY_BUREAU),
    ("lsrs", "乐山市人力资源和社会保障局", DepartmentKind.CITY_BUREAU),
    ("lsjy", "乐山市教育局", DepartmentKind.CITY_BUREAU),
]

# (username, display name, role, scope target: region code or department code)
PERSONAS = [
    ("demo_city_admin", "王科（市科技局）", Role.CITY_ADMIN, None),
    ("demo_zone_officer", "李园（高新区管委会）", Role.ZONE_OFFICER, "LS-HTZ"),
    ("demo_county_officer", "张桥（五通桥区科技局）", Role.COUNTY_OFFICER, "511112"),
    ("demo_dept_officer", "陈信（市经信局）", Role.DEPARTMENT_OFFICER, "lsjxj"),
    ("demo_reviewer", "刘审（评审专家）", Role.REVIEWER, None),
    ("demo_bank_user", "周信（乐山市商业银行）", Role.BANK_USER, None),  # bank: evaluations demo
]


def load(ctx: DemoContext) -> None:
    city = Region.objects.get(code="511100")
    departments: dict[str, Department] = {}
    for code, name, kind in CITY_DEPARTMENTS:
        departments[code] = actions.create_department(
            code=code, name=name, kind=kind, region=city, actor=None
        )
    zone = Region.objects.get(code="LS-HTZ")
    departments["lsgxq"] = actions.create_department(
        code="lsgxq",
        name="乐山高新区管理委员会",
        kind=DepartmentKind.ZONE_COMMITTEE,
        region=zone,
        actor=None,
    )
    for county in Region.objects.counties().filter(parent=city):
        departments[f"kj-{county.code}"] = actions.create_department(
            code=f"kj-{county.code}",
            name=f"{county.name}科学技术局",
            kind=DepartmentKind.COUNTY_BUREAU,
            region=county,
            actor=None,
        )
    for username, display, role, target_code in PERSONAS:
        target: Region | Department | None = None
        department = departments["lskjj"]
        if target_code in departments:
            target = department = departments[target_code]
        elif target_code:
            region = Region.objects.get(code=target_code)
            target = region
            department = departments["lsgxq" if region.is_zone else f"kj-{region.code}"]
        user = actions.create_user(
            username=username,
            password_hash=demo_password_hash(),
            display_name=display,
            department=department,
            actor=None,
        )
        actions.assign_role(user, role, actor=None, target=target)
        ctx.personas[role] = user
