"""Writes the bad-input corpus of issue 12 (run: ``python tests/schemes/bad_inputs/make_corpus.py``).

Each file is a small enterprise table with one defect (or none: the ``ok_*`` controls, which
must parse to the stated values — no silent coercion). ``expected.toml`` says, per file, the
outcome (``ok``, ``warning``, ``error``), the spreadsheet rows and field codes the messages
must name, and values the parse must produce. Dates and years are chosen so that the
expectations hold on any day from 2025 to 2030 (fiscal years 2023-2024, "future" = 2031).
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
U1, U2, U3 = "91511100000000019P", "91511100000000027J", "91511100000000035D"
CODES = [
    "uscc",
    "name",
    "region_code",
    "industry_code",
    "fiscal_year",
    "registration_date",
    "operating_revenue",
    "employees_total",
    "tech_staff",
    "rd_expense_audited",
    "major_incident",
]
LABELS = [
    "统一社会信用代码",
    "企业名称",
    "所在区县（行政区划代码）",
    "国民经济行业代码（GB/T 4754-2017）",
    "会计年度",
    "注册成立日期",
    "营业收入（元）",
    "职工总数（年平均）（人）",
    "科技人员数（年平均）（人）",
    "研发费用（审计报告口径）（元）",
    "发生重大安全、重大质量事故或严重环境违法行为（是/否）",
]
BASE = [
    [
        U1,
        "嘉州硅业有限公司",
        "511112",
        "C3985",
        "2023",
        "2016-03-01",
        "30000000",
        "100",
        "20",
        "1500000",
        "否",
    ],
    [
        U1,
        "嘉州硅业有限公司",
        "511112",
        "C3985",
        "2024",
        "2016-03-01",
        "36000000",
        "110",
        "22",
        "1800000",
        "否",
    ],
    [
        U2,
        "乐山电子有限公司",
        "511102",
        "C3985",
        "2024",
        "2018-06-15",
        "12000000",
        "40",
        "9",
        "700000",
        "否",
    ],
]


def rows(**edits: str) -> list[list[str]]:
    """BASE with cells replaced: ``r2_operating_revenue="x"`` edits spreadsheet row 2."""
    out = [list(r) for r in BASE]
    for key, value in edits.items():
        row, code = key.split("_", 1)
        out[int(row[1:]) - 2][CODES.index(code)] = value
    return out


def csv_text(header: list[str], body: list[list[str]], sep: str = ",") -> str:
    return "\r\n".join(sep.join(r) for r in [header, *body]) + "\r\n"


def write(name: str, data: bytes | str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def xlsx(header: list[str], body: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for r in body:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    base = csv_text(CODES, BASE)
    write("ok_baseline.csv", base)
    write("ok_chinese_headers.csv", csv_text(LABELS, BASE))
    syn = [
        "信用代码",
        "企业名称",
        "区划代码",
        "行业代码",
        "年度",
        "成立日期",
        "营业总收入",
        "职工人数",
        "科技人员",
        "研发费用",
        "major_incident",
    ]
    write("ok_synonyms.csv", csv_text(syn, BASE))
    write("ok_gbk.csv", csv_text(LABELS, BASE), "gbk")
    gb = rows(r4_name="乐山𠮷祥电子有限公司")
    write("ok_gb18030.csv", csv_text(LABELS, gb), "gb18030")
    write("ok_utf8_bom.csv", "\ufeff" + csv_text(LABELS, BASE))
    write("ok_thousands.csv", csv_text(CODES, rows(r2_operating_revenue='"30,000,000"')))
    write("ok_wan_suffix.csv", csv_text(CODES, rows(r2_operating_revenue="3000万")))
    write("ok_yi_suffix.csv", csv_text(CODES, rows(r2_operating_revenue="1.2亿")))
    write("ok_youwu.csv", csv_text(CODES, rows(r2_major_incident="有", r3_major_incident="无")))
    write("ok_year_suffix.csv", csv_text(CODES, rows(r2_fiscal_year="2023年")))
    write(
        "ok_chinese_date.csv",
        csv_text(CODES, rows(r2_registration_date="2016年3月1日", r3_registration_date="2016/3/1")),
    )
    write("ok_semicolon.csv", csv_text(CODES, BASE, sep=";"))
    write(
        "ok_header_wan.csv",
        csv_text(
            [*CODES[:6], "营业收入（万元）", *CODES[7:]],
            rows(
                r2_operating_revenue="3000",
                r3_operating_revenue="3600",
                r4_operating_revenue="1200",
            ),
        ),
    )
    write("ok_formula_name.csv", csv_text(CODES, rows(r4_name="=1+2")))
    typed: list[list[object]] = [
        [
            U1,
            "嘉州硅业有限公司",
            "511112",
            "C3985",
            2023,
            "2016-03-01",
            30000000,
            100,
            20,
            1500000,
            "否",
        ],
        [
            U2,
            "乐山电子有限公司",
            "511102",
            "C3985",
            2024,
            "2018-06-15",
            12000000,
            40,
            9,
            700000,
            "否",
        ],
    ]
    write("ok_typed.xlsx", xlsx(LABELS, typed))

    write("err_empty.csv", b"")
    write("err_blank_lines.csv", "\r\n  \r\n\r\n")
    write("err_header_only.csv", csv_text(CODES, []))
    write("err_header_only.xlsx", xlsx(LABELS, []))
    write("err_binary.csv", bytes(range(256)) * 4)
    write("err_not_xlsx.xlsx", "这不是 Excel 文件\n")
    write("err_bad_encoding.csv", csv_text(CODES, BASE).encode() + b"\xff\xfe\x81")
    write("err_text_in_number.csv", csv_text(CODES, rows(r3_operating_revenue="约三千六百万")))
    write("err_text_in_bool.csv", csv_text(CODES, rows(r2_major_incident="也许")))
    write("err_negative_money.csv", csv_text(CODES, rows(r4_rd_expense_audited="-5")))
    write("err_staff_gt_employees.csv", csv_text(CODES, rows(r4_tech_staff="41")))
    write("err_rd_gt_revenue.csv", csv_text(CODES, rows(r3_rd_expense_audited="36000001")))
    write("err_future_date.csv", csv_text(CODES, rows(r4_registration_date="2031-01-01")))
    write("err_future_year.csv", csv_text(CODES, rows(r4_fiscal_year="2031")))
    write("err_duplicate_unit_year.csv", csv_text(CODES, rows(r3_fiscal_year="2023")))
    write("err_inf.csv", csv_text(CODES, rows(r2_operating_revenue="inf")))
    write("err_nan.csv", csv_text(CODES, rows(r3_employees_total="NaN")))
    write("err_1e300.csv", csv_text(CODES, rows(r2_operating_revenue="1e300")))
    write("err_bad_uscc.csv", csv_text(CODES, rows(r4_uscc="91511100000000035X")))
    write("err_missing_uscc_column.csv", csv_text(CODES[1:], [r[1:] for r in BASE]))
    write("err_blank_year.csv", csv_text(CODES, rows(r3_fiscal_year="")))
    write("err_bad_date.csv", csv_text(CODES, rows(r2_registration_date="2016-02-30")))
    write("err_ambiguous_separator.csv", csv_text(CODES, rows(r2_operating_revenue='"1,2345"')))
    write("err_fractional_staff.csv", csv_text(CODES, rows(r2_employees_total="10.5")))
    write("err_year_text.csv", csv_text(CODES, rows(r2_fiscal_year="去年")))
    write("err_wan_in_staff.csv", csv_text(CODES, rows(r2_employees_total="1万")))
    write(
        "err_many_errors.csv",
        csv_text(
            CODES,
            rows(
                r2_operating_revenue="abc",
                r3_tech_staff="200",
                r4_registration_date="2031-05-05",
                r4_major_incident="可能",
            ),
        ),
    )
    dup = [*CODES, "营业收入"]
    write("err_duplicate_columns.csv", csv_text(dup, [[*r, r[6]] for r in BASE]))
    write("err_text_in_number.xlsx", xlsx(LABELS, [[*typed[0][:6], "三千万", *typed[0][7:]]]))
    write("err_excel_error.xlsx", xlsx(LABELS, [[*typed[0][:6], "#DIV/0!", *typed[0][7:]]]))
    ratio = [*CODES, "market_share"]
    write("err_ratio_over_one.csv", csv_text(ratio, [[*r, "35"] for r in BASE]))
    size = [*CODES, "sme_size_class"]
    write("err_bad_code.csv", csv_text(size, [[*r, "巨型"] for r in BASE]))
    write("err_unsupported_type.json", '{"uscc": "x"}')

    wan = rows(
        r2_operating_revenue="3000",
        r3_operating_revenue="3600",
        r2_rd_expense_audited="150",
        r3_rd_expense_audited="180",
    )
    write("warn_wan_in_yuan.csv", csv_text(CODES, wan))
    write("warn_unknown_column.csv", csv_text([*CODES, "备注"], [[*r, "无"] for r in BASE]))


if __name__ == "__main__":
    main()
