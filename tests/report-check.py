#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a report workbook back with openpyxl, as Excel would see it, and checks it against
the expectations written by tests/test-report.c (a JSON file):

  report-check.py REPORT.xlsx EXPECTED.json

Prints what it checked; exits 1 with every difference listed."""

import datetime
import json
import sys

import openpyxl

SHEETS = ["Tổng hợp", "Hội nghị", "Ý kiến, kiến nghị", "Quá hạn"]
FONT = "Times New Roman"
problems = []
checked = []


def fail(message):
    problems.append(message)


def find_row(ws, column, value, start=1):
    for row in range(start, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    return None


def header_row(ws, first_label):
    """The row of the table header: STT in A and FIRST_LABEL in B."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == "STT" and ws.cell(row, 2).value == first_label:
            return row
    return None


def same_number(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def check_print_setup(ws, title_rows):
    setup = ws.page_setup
    if setup.orientation != "landscape":
        fail(f"{ws.title}: not landscape ({setup.orientation})")
    if str(setup.paperSize) != "9":
        fail(f"{ws.title}: not A4 (paper size {setup.paperSize})")
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail(f"{ws.title}: not fitted to the page")
    if setup.fitToWidth not in (1, None) or setup.fitToHeight != 0:
        fail(f"{ws.title}: fit to {setup.fitToWidth} wide by {setup.fitToHeight} tall, "
             "not one page wide")
    if ws.print_title_rows != title_rows:
        fail(f"{ws.title}: rows repeated on every page are {ws.print_title_rows}, "
             f"not {title_rows}")
    merged_titles = [r for r in ws.merged_cells.ranges if r.min_row <= 7]
    if len(merged_titles) < 6:
        fail(f"{ws.title}: the title rows are not merged ({merged_titles})")
    texts = [ws.cell(row, 1).value for row in range(1, 8)]
    if "ĐẢNG CỘNG SẢN VIỆT NAM" not in [c.value for row in ws.iter_rows(max_row=2)
                                        for c in row]:
        fail(f"{ws.title}: no ĐẢNG CỘNG SẢN VIỆT NAM in the heading")
    if not any(t and str(t).startswith("Số liệu tính đến ngày") for t in texts):
        fail(f"{ws.title}: no as-of line in the heading ({texts})")


def check_cells(wb, hidden):
    """No formulas, fonts, and the hidden name nowhere."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                if c.data_type == "f":
                    fail(f"{ws.title}!{c.coordinate}: a formula: {c.value!r}")
                if c.font is not None and c.font.name != FONT:
                    fail(f"{ws.title}!{c.coordinate}: font {c.font.name}, not {FONT}")
                if isinstance(c.value, str) and hidden in c.value:
                    fail(f"{ws.title}!{c.coordinate}: the confidential name shows: {c.value!r}")


def check_summary(ws, expected, review):
    first = header_row(ws, "Chỉ tiêu")
    if first is None:
        fail("Tổng hợp: no table with STT / Chỉ tiêu")
        return
    for label, value in expected["summary"].items():
        row = find_row(ws, 2, label, first)
        if row is None:
            fail(f"Tổng hợp: no label {label!r} in column B")
            continue
        if review:
            # One column per year, then the total.
            last = ws.max_column
            while ws.cell(first, last).value != "Tổng cộng" and last > 3:
                last -= 1
            years = [ws.cell(row, col).value for col in range(3, last)]
            got = ws.cell(row, last).value
            if label != "Tỷ lệ giải quyết (%)" and all(isinstance(y, (int, float)) for y in years):
                if not same_number(sum(years), got):
                    fail(f"Tổng hợp: {label!r}: the years {years} do not add up to {got}")
        else:
            got = ws.cell(row, 3).value
        if value is not None and not isinstance(got, (int, float)):
            fail(f"Tổng hợp: right of {label!r} is {got!r}, not a number")
        elif not same_number(got, value):
            fail(f"Tổng hợp: {label!r} is {got!r}, expected {value!r}")
    checked.append(f"{len(expected['summary'])} summary labels")

    # The eight counts add up to the total, in the file itself.
    col = 3 if not review else None
    if col:
        def value(label):
            return ws.cell(find_row(ws, 2, label, first), col).value
        eight = ["Đã trả lời tại hội nghị", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
                 "Đang giải quyết trong hạn", "Quá hạn chưa giải quyết",
                 "Chuyển cấp có thẩm quyền", "Không thuộc phạm vi", "Rút ý kiến",
                 "Chưa phân công"]
        if sum(value(label) for label in eight) != value("Tổng số ý kiến, kiến nghị"):
            fail("Tổng hợp: the eight counts do not add up to the total")


def check_fields(ws, expected):
    first = header_row(ws, "Lĩnh vực")
    if first is None:
        fail("Tổng hợp: no table by field")
        return
    headers = [ws.cell(first, col).value for col in range(1, 15)]
    if headers[2] != "Tổng số" or headers[13] != "Tỷ lệ giải quyết (%)":
        fail(f"Tổng hợp: the field table's header is {headers}")
    for name, values in expected["fields"].items():
        row = find_row(ws, 2, name, first)
        if row is None:
            fail(f"Tổng hợp: no row for the field {name!r}")
            continue
        got = [ws.cell(row, col).value for col in range(3, 15)]
        if not all(same_number(g, v) for g, v in zip(got, values)):
            fail(f"Tổng hợp: field {name!r} is {got}, expected {values}")
    checked.append(f"{len(expected['fields'])} fields")


def check_agencies(ws, expected):
    first = header_row(ws, "Cơ quan, đơn vị")
    if first is None:
        fail("Tổng hợp: no table by agency")
        return
    for name, values in expected["agencies"].items():
        row = find_row(ws, 2, name, first)
        got = [ws.cell(row, col).value for col in range(3, 8)] if row else None
        if got != values:
            fail(f"Tổng hợp: agency {name!r} is {got}, expected {values}")
    checked.append(f"{len(expected['agencies'])} agencies")


def as_date(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d")


def check_date_cell(ws, cell, iso):
    if not isinstance(cell.value, datetime.datetime):
        fail(f"{ws.title}!{cell.coordinate}: {cell.value!r} is not a date")
    elif cell.value != as_date(iso):
        fail(f"{ws.title}!{cell.coordinate}: {cell.value} instead of {iso}")
    if cell.number_format != "dd/mm/yyyy":
        fail(f"{ws.title}!{cell.coordinate}: shown as {cell.number_format}, not dd/mm/yyyy")


def check_register(ws, expected):
    # Listed by received date, then code.
    expected["register"].sort(key=lambda r: (r[3], r[0]))
    first = header_row(ws, "Mã số")
    rows = [r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, 2).value]
    if len(rows) != len(expected["register"]):
        fail(f"{ws.title}: {len(rows)} petitions listed, expected {len(expected['register'])}")
    for row, (code, status, petitioner, received) in zip(rows, expected["register"]):
        got = (ws.cell(row, 2).value, ws.cell(row, 12).value, ws.cell(row, 5).value)
        if got != (code, status, petitioner):
            fail(f"{ws.title} row {row}: {got}, expected {(code, status, petitioner)}")
        check_date_cell(ws, ws.cell(row, 3), received)
        if ws.cell(row, 1).value != rows.index(row) + 1:
            fail(f"{ws.title} row {row}: STT {ws.cell(row, 1).value}")
        summary = ws.cell(row, 8)
        if summary.value is not None and summary.data_type != "s":
            fail(f"{ws.title}!{summary.coordinate}: the summary is not text")
    # What a person typed stays what was typed, first character and all, as text.
    cells = {ws.cell(r, col).value: ws.cell(r, col) for r in rows for col in (5, 8)}
    for text in expected["typed"]:
        cell = cells.get(text)
        if cell is None:
            fail(f"{ws.title}: {text!r} is not there as typed")
        elif cell.data_type != "s":
            fail(f"{ws.title}!{cell.coordinate}: {text!r} is not kept as text")
    checked.append(f"{len(rows)} register rows, {len(expected['typed'])} typed as text")


def check_overdue(ws, expected):
    first = header_row(ws, "Mã số")
    rows = [r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, 2).value]
    got = [[ws.cell(r, 2).value, ws.cell(r, 11).value] for r in rows]
    if got != expected["overdue"]:
        fail(f"{ws.title}: {got}, expected {expected['overdue']}")
    for r in rows:
        if not isinstance(ws.cell(r, 11).value, int):
            fail(f"{ws.title}!K{r}: days overdue {ws.cell(r, 11).value!r} is not a number")
        check_date_cell(ws, ws.cell(r, 10), ws.cell(r, 10).value.strftime("%Y-%m-%d")
                        if isinstance(ws.cell(r, 10).value, datetime.datetime) else "?")
    checked.append(f"{len(rows)} overdue rows")


def check_sessions(ws, expected):
    # Listed by date.
    expected["sessions"].sort(key=lambda r: (r[1], r[0]))
    first = header_row(ws, "Mã số")
    rows = [r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, 2).value]
    got = [ws.cell(r, 2).value for r in rows]
    want = [row[0] for row in expected["sessions"]]
    if got != want:
        fail(f"{ws.title}: {got}, expected {want}")
    for r, (code, date, status, notice, conclusion, attendance) in zip(rows, expected["sessions"]):
        check_date_cell(ws, ws.cell(r, 4), date)
        got = [ws.cell(r, col).value for col in (8, 12, 14, 9)]
        if got != [status, notice, conclusion, attendance]:
            fail(f"{ws.title} {code}: status, notice, conclusion, attendance are {got}, "
                 f"expected {[status, notice, conclusion, attendance]}")
    checked.append(f"{len(rows)} sessions")


def main():
    path, spec = sys.argv[1], sys.argv[2]
    with open(spec, encoding="utf-8") as f:
        expected = json.load(f)
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != SHEETS:
        fail(f"sheets {wb.sheetnames}, expected {SHEETS}")
    else:
        review = expected["review"]
        summary = wb["Tổng hợp"]
        row = header_row(summary, "Chỉ tiêu")
        # A review repeats its years' header; the others the period and as-of lines.
        check_print_setup(summary, f"${row}:${row}" if review else "$6:$7")
        for name in SHEETS[1:]:
            ws = wb[name]
            row = header_row(ws, "Mã số")
            check_print_setup(ws, f"${row}:${row}" if row else "?")
        check_summary(summary, expected, review)
        if not review:
            check_fields(summary, expected)
            check_agencies(summary, expected)
        check_sessions(wb["Hội nghị"], expected)
        check_register(wb["Ý kiến, kiến nghị"], expected)
        check_overdue(wb["Quá hạn"], expected)
        check_cells(wb, expected["hidden"])
    print(f"{path}: checked " + ", ".join(checked))
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
