"""Crawler corpus: report pages flattened the way a portal crawler saves them (issue 14).

The crawler writes a metadata header (标题/发布时间/发布机构/原文链接, then ==== 正文 ====) and the
page body with every text node joined with no separator: headings run into their text, table
cells into each other. Where a cell held a stray space (&nbsp;, a space in the cell) it survives, so
the digits of a row print as "8 0 0 0 0 0 8", "3000003" or "10 0 0 0 01".

Truth: the values the page prints. A row whose glued digits can be cut into its cells in more than
one way (and the spaces do not print every cut) may legitimately come out null: its ids are listed
under "null_ok" ("null or right": tests/accuracy.py accepts null there, never another number).
"""
import json
import os
import random

import model

CHROME_CRUMB = "当前位置：首页>政务公开>政府信息公开年报"
CHROME_TOOLS = ["微信微博QQ空间", "分享到：微信 微博 QQ空间", "文件下载", "【打印】【关闭】"]


def count_splits(digits, n):
    """Ways to cut digits into n numbers with no leading zeros ("0" alone is fine)."""
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def ways(i, k):
        if k == 0:
            return 1 if i == len(digits) else 0
        total = 0
        for j in range(i + 1, min(len(digits), i + 12) + 1):
            part = digits[i:j]
            if len(part) > 1 and part[0] == "0" and part[1] != ".":
                continue
            if part[-1] == "." or part[0] == ".":
                continue
            total += ways(j, k - 1)
        return total
    return ways(0, n)


def glue(numbers, rng, style):
    """The row's numbers as the crawler prints them: spaces between some cells, or none."""
    out = numbers[0]
    for x in numbers[1:]:
        sp = {"spaced": True, "glued": False}.get(style, rng.random() < 0.5)
        out += (" " if sp else "") + x
    return out


def row_is_determined(numbers, printed):
    """Does the printed run leave one reading without help from the identities?"""
    digits = printed.replace(" ", "")
    if count_splits(digits, len(numbers)) == 1:
        return True
    return printed.split(" ") == numbers and all(
        not (len(x) > 1 and x[0] == "0" and x[1] != ".") for x in numbers)


CHROME_TRAIL = ["分享到：", "微信", "微博", "QQ空间", "上一篇：", "下一篇：政府信息公开指南", "【打印本页】", "【关闭窗口】"]


def flatten(rep, rng, styles, chrome, title=None, header=True, trail=False):
    """Header + body text; returns (text, null_ok ids). trail: share buttons and links after the report."""
    title = title or rep.title
    head = "" if not header else (f"标题: {title}\n发布时间: {rep.year + 1}-01-{10 + rep.seed % 18:02d} 09:30:00\n"
            f"发布机构: {rep.agency}\n原文链接: https://www.example.gov.cn/zwgk/ndbg/{rep.seed}.html\n==== 正文 ====\n")
    nodes = []
    if chrome == "inline":
        nodes += [CHROME_CRUMB, rng.choice(CHROME_TOOLS), "文件下载"]
    lines = [CHROME_CRUMB, "微信 微博 QQ空间", "文件下载"] if chrome == "lines" else []
    nodes += [title, rep.intro]
    tables = model.grids(rep.printed)
    null_ok = []
    for n in range(1, 7):
        nodes.append(rep.heading(n))
        if n in (1, 5, 6):
            nodes += [p.plain() for p in rep.body[n]]
            continue
        nrows, ncols, cells = tables[n - 2]
        by_row = {}
        for (r, c, rs, cs, text) in cells:
            by_row.setdefault(r, []).append((c, text))
        ids = table_ids(n)
        for r in range(nrows):
            row = [t for _, t in sorted(by_row.get(r, []))]
            labels = [t for t in row if not is_number(t)]
            nums = [t for t in row if is_number(t)]
            nodes += labels
            if nums:
                printed = glue(nums, rng, styles(n, r))
                nodes.append(printed)
                if not row_is_determined(nums, printed):
                    null_ok += ids.get(r, [])
    if trail:
        nodes += CHROME_TRAIL
    return head + "".join(x + "\n" for x in lines) + "".join(nodes) + "\n", null_ok


def is_number(t):
    try:
        float(t)
        return True
    except ValueError:
        return False


def table_ids(n):
    """Grid row -> the field ids its numbers fill (model.grids geometry)."""
    if n == 2:
        return {2: ["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"],
                3: ["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"],
                6: ["t2.license.decisions"], 9: ["t2.penalty.decisions"], 10: ["t2.coercion.decisions"],
                13: ["t2.fees.amount"]}
    if n == 3:
        return {3 + i: [f"t3.{row}.{c}" for c in model.T3_COLS] for i, row in enumerate(model.T3_ROWS)}
    return {3: [f"t4.{g}.{p}" for g in model.T4_GROUPS for p in model.T4_PARTS]}


def write(outdir, name, rep, text, null_ok):
    with open(os.path.join(outdir, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    model.write_truth(rep, os.path.join(outdir, name))
    path = os.path.join(outdir, name + ".truth.json")
    t = json.load(open(path, encoding="utf-8"))
    t["null_ok"] = sorted(set(null_ok))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=2)
        f.write("\n")


def break_total(rep):
    """Print the 总计 of the first result row with non-zero cells (single digits, so the run has
    one cut) as 0, what a real report did: the identities break and the checks must say so."""
    for row in model.RESULT_ROWS:
        cells = [rep.values[f"t3.{row}.{c}"] for c in model.APPLICANT_COLS]
        if sum(cells) and max(cells) < 10:
            rep.printed[f"t3.{row}.total"] = 0
            return row
    raise SystemExit("break_total: no row to break")


def issue_values(rep, variant):
    """The issue's runs on a consistent table 3: 291000030, 10 0 0 0 01, 8 0 0 0 0 0 8, 3000003."""
    v = {k: 0 for k in model.all_ids()}
    v.update(rep.values)
    for k in list(v):
        if k.startswith("t3.") or k.startswith("t4."):
            v[k] = 0
    def row(name, cells):
        for c, x in zip(model.T3_COLS, cells):
            v[f"t3.{name}.{c}"] = x
    row("new", [29, 1, 0, 0, 0, 0, 30])
    row("carried_in", [1, 0, 0, 0, 0, 0, 1])
    row("disclosed", [8, 0, 0, 0, 0, 0, 8])
    row("partly_disclosed", [3, 0, 0, 0, 0, 0, 3])
    row("unavailable_not_held", [19, 1, 0, 0, 0, 0, 20])
    row("total", [30, 1, 0, 0, 0, 0, 31])
    v.update({"t2.rules.issued": 0, "t2.rules.repealed": 0, "t2.rules.in_force": 0,
              "t2.normative.issued": 0, "t2.normative.repealed": 0, "t2.normative.in_force": 5})
    if variant == "b":
        v.update({"t2.normative.issued": 6, "t2.normative.repealed": 8, "t2.normative.in_force": 56})
        v["t4.review.upheld"], v["t4.review.total"] = 1, 1
    rep.values = v
    rep.printed = dict(v)


def issue_styles(n, r):
    # rows of table 3 (grid rows 3..): new, carried_in, disclosed, partly as in the issue
    return {3: "glued", 4: "issue10", 5: "spaced", 6: "glued"}.get(r, "glued") if n == 3 else "glued"


def issue_file(outdir, variant):
    rep = model.Report(1400 + ord(variant), agency_index=4 if variant == "a" else 8, year=2024)
    issue_values(rep, variant)
    rng = random.Random(14)
    # "10 0 0 0 01": spaces between cells 2..6 only
    orig_glue = globals()["glue"]

    def glue_issue(numbers, rng_, style):
        if style == "issue10":
            return numbers[0] + numbers[1] + " " + " ".join(numbers[2:6]) + numbers[6]
        return orig_glue(numbers, rng_, style)
    globals()["glue"] = glue_issue
    try:
        title = rep.title if variant == "a" else f"{rep.year}年政府信息公开工作年度报告"
        text, null_ok = flatten(rep, rng, issue_styles, "inline" if variant == "a" else "lines", title)
    finally:
        globals()["glue"] = orig_glue
    if variant == "b":
        rep.printed.update({"t2.normative.issued": None, "t2.normative.repealed": None,
                            "t2.normative.in_force": None})
        null_ok = [k for k in null_ok if not k.startswith("t2.normative")]
        rep.notes = ("issue 14's examples, hand-made: title with no agency (发布机构 names it), chrome on lines "
                     "before the body; table 2 prints 行政规范性文件6856, which 6 8 56, 68 5 6 and 6 85 6 all "
                     "read: truth null (no identity decides); table 3 runs 291000030, 10 0 0 0 01, 8 0 0 0 0 0 8, "
                     "3000003")
        name = "crawler_issue_b"
    else:
        rep.notes = ("issue 14's examples, hand-made: chrome 当前位置/微信微博QQ空间/文件下载 glued before the title; "
                     "table 2 规章000行政规范性文件005; table 3 rows 291000030 (29 1 0 0 0 0 30), 10 0 0 0 01 "
                     "(1 0 0 0 0 0 1), 8 0 0 0 0 0 8, 3000003; table 4 a run of 15 digits")
        name = "crawler_issue_a"
    write(outdir, name, rep, text, null_ok)


def generated(outdir, name, seed, agency, year, richness, styles, chrome, notes, broken_row=None,
              title5=None, header=True, trail=False):
    rep = model.Report(seed, agency_index=agency, year=year, richness=richness)
    if title5:
        rep.titles[5] = title5
    if broken_row:
        notes = notes.replace("ROW", break_total(rep))
    rng = random.Random(seed)
    text, null_ok = flatten(rep, rng, styles, chrome, header=header, trail=trail)
    rep.notes = notes
    write(outdir, name, rep, text, null_ok)


def build(outdir):
    os.makedirs(outdir, exist_ok=True)
    issue_file(outdir, "a")
    issue_file(outdir, "b")
    mixed = lambda n, r: ["spaced", "glued", "mixed"][(n + r) % 3]
    generated(outdir, "crawler_01_glued", 3101, 2, 2023, 1.0, lambda n, r: "glued", "inline",
              "crawler text: every row's digits glued with no space; chrome before the title on the body line")
    generated(outdir, "crawler_02_mixed", 3202, 6, 2022, 1.5, mixed, "lines",
              "crawler text: rows spaced, glued or partly spaced; chrome on its own lines; rich values "
              "(multi-digit cells make some runs ambiguous: null_ok)")
    generated(outdir, "crawler_03_rich", 3303, 11, 2024, 2.5, lambda n, r: "glued", "none",
              "crawler text: many non-zero cells, all glued: ambiguous rows null_ok; no chrome",
              title5="存在的主要问题及明年工作计划")
    generated(outdir, "crawler_04_broken_total", 3404, 13, 2025, 1.2, mixed, "inline",
              "crawler text: table 3 prints the 总计 of row ROW as 0 beside non-zero cells (identities break: "
              "read as printed when the run has one cut, else null_ok)", broken_row=True)
    generated(outdir, "crawler_05_spaced", 3505, 15, 2021, 1.8, lambda n, r: "spaced", "inline",
              "crawler text: every cell followed by a space (the spacing prints every cut)")
    generated(outdir, "crawler_06_noheader_trail", 3606, 9, 2023, 1.3, mixed, "inline",
              "crawler text without the metadata header: the title is found after the chrome words on the "
              "body line; share buttons, 上一篇/下一篇 and 打印/关闭 glued after the last section",
              header=False, trail=True)
