"""Report content model for the nianbao test corpus.

Deterministic (seeded) annual reports on government information disclosure: agency, year,
six sections (narrative paragraphs for 1, 5, 6), and the 200 canonical values, built so that
every identity in schema/README.md (the repo copy) holds (unless a spec asks to break one).
The ground truth is written from this model, never from nianbao's output.
"""
import json
import os
import random
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA = os.environ.get("NB_SCHEMA", os.path.join(ROOT, "schema"))


def _tsv_keys(name):
    keys = []
    with open(os.path.join(SCHEMA, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            k = line.split("\t")[0]
            if k in ("key", "id"):
                continue
            keys.append(k)
    return keys


T2T4_IDS = _tsv_keys("fields.tsv")
T3_ROWS = _tsv_keys("t3_rows.tsv")
T3_COLS = _tsv_keys("t3_columns.tsv")
APPLICANT_COLS = T3_COLS[:6]
RESULT_ROWS = T3_ROWS[2:23]          # the 21 result rows between carried_in and total
T2_IDS = [i for i in T2T4_IDS if i.startswith("t2.")]
T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_PARTS = ["upheld", "corrected", "other", "pending", "total"]

# Labels as printed in the national template (simplified script).
T3_ROW_LABELS = {
    "new": ("一、本年新收政府信息公开申请数量", None, None),
    "carried_in": ("二、上年结转政府信息公开申请数量", None, None),
    "disclosed": ("三、本年度办理结果", "（一）予以公开", None),
    "partly_disclosed": ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    "withheld_state_secret": ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    "withheld_law": ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    "withheld_safety": ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    "withheld_third_party": ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    "withheld_internal": ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    "withheld_process": ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    "withheld_enforcement": ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    "withheld_query": ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    "unavailable_not_held": ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable_needs_making": ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    "unavailable_unclear": ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    "rejected_petition": ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    "rejected_repeat": ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    "rejected_publication": ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    "rejected_excessive": ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    "rejected_confirm": ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other_no_correction": ("三、本年度办理结果", "（六）其他处理",
                            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "other_unpaid_fee": ("三、本年度办理结果", "（六）其他处理",
                         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other_other": ("三、本年度办理结果", "（六）其他处理", "3.其他"),
    "total": ("三、本年度办理结果", "（七）总计", None),
    "carried_out": ("四、结转下年度继续办理", None, None),
}
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COL_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_PART_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

NUMERALS = "一二三四五六七八九十"

SECTION_TITLE_VARIANTS = {
    1: ["总体情况"],
    2: ["主动公开政府信息情况"],
    3: ["收到和处理政府信息公开申请情况"],
    4: ["政府信息公开行政复议、行政诉讼情况"],
    5: ["存在的主要问题及改进情况", "存在主要问题及改进情况", "存在的主要问题及改进措施"],
    6: ["其他需要报告的事项", "其他需要报告事项"],
}

AGENCIES = [
    # (name, self-reference, province/region, city/portal)
    ("绍兴市越城区司法局", "我局", "浙江省", "越城区人民政府"),
    ("惠州市惠城区人民政府办公室", "我办", "广东省", "惠城区人民政府"),
    ("洛阳市市场监督管理局", "我局", "河南省", "洛阳市人民政府"),
    ("成都市武侯区玉林街道办事处", "本街道", "四川省", "武侯区人民政府"),
    ("凯里市司法局", "我局", "贵州省", "凯里市人民政府"),
    ("临沂市沂南县人民政府", "本县", "山东省", "沂南县人民政府"),
    ("大连市甘井子区教育局", "我局", "辽宁省", "甘井子区人民政府"),
    ("兰州市城关区张掖路街道办事处", "本街道", "甘肃省", "城关区人民政府"),
    ("延吉市自然资源局", "我局", "吉林省", "延吉市人民政府"),
    ("长兴县住房和城乡建设局", "我局", "浙江省", "长兴县人民政府"),
    ("潍坊市寒亭区卫生健康局", "我局", "山东省", "寒亭区人民政府"),
    ("桂林市临桂区市场监督管理局", "我局", "广西壮族自治区", "临桂区人民政府"),
    ("银川市兴庆区人民政府办公室", "我办", "宁夏回族自治区", "兴庆区人民政府"),
    ("常州市武进区湖塘镇人民政府", "我镇", "江苏省", "武进区人民政府"),
    ("昆明市五华区司法局", "我局", "云南省", "五华区人民政府"),
    ("株洲市芦淞区建宁街道办事处", "本街道", "湖南省", "芦淞区人民政府"),
    ("太原市小店区人力资源和社会保障局", "我局", "山西省", "小店区人民政府"),
    ("赣州市章贡区水利局", "我局", "江西省", "章贡区人民政府"),
]

WS_RE = re.compile(r"\s+", re.UNICODE)


def strip_ws(s):
    return WS_RE.sub("", s.replace("\u00a0", "").replace("\u3000", ""))


# ---------------------------------------------------------------- values

def make_values(rng, richness=1.0):
    v = {}
    # table 2
    v["t2.rules.issued"] = rng.choice([0, 0, 0, 1, 2])
    v["t2.rules.repealed"] = rng.choice([0, 0, 1])
    v["t2.rules.in_force"] = v["t2.rules.issued"] + rng.choice([0, 3, 5, 12])
    v["t2.normative.issued"] = rng.randint(0, 9)
    v["t2.normative.repealed"] = rng.randint(0, 6)
    v["t2.normative.in_force"] = v["t2.normative.issued"] + rng.randint(2, 40)
    v["t2.license.decisions"] = rng.choice([0, rng.randint(1, 60), rng.randint(100, 4800)])
    v["t2.penalty.decisions"] = rng.choice([0, rng.randint(1, 30), rng.randint(50, 900)])
    v["t2.coercion.decisions"] = rng.choice([0, 0, rng.randint(1, 25)])
    v["t2.fees.amount"] = rng.choice([0, 0, 1.25, 12.6, 0.35, 356.8, 7])
    # table 3: result rows per applicant column, then totals
    for col in APPLICANT_COLS:
        p = {"natural_person": 0.55, "commercial": 0.3, "other_org": 0.15}.get(col, 0.08) * richness
        for row in RESULT_ROWS:
            hi = {"disclosed": 25, "partly_disclosed": 8, "unavailable_not_held": 12}.get(row, 3)
            v[f"t3.{row}.{col}"] = rng.randint(1, hi) if rng.random() < p else 0
        total = sum(v[f"t3.{row}.{col}"] for row in RESULT_ROWS)
        v[f"t3.total.{col}"] = total
        cin = rng.randint(0, min(total, 3)) if total else 0
        cout = rng.choice([0, 0, 1, 2]) if total or col == "natural_person" else 0
        v[f"t3.carried_in.{col}"] = cin
        v[f"t3.carried_out.{col}"] = cout
        v[f"t3.new.{col}"] = total + cout - cin
    for row in T3_ROWS:
        v[f"t3.{row}.total"] = sum(v[f"t3.{row}.{c}"] for c in APPLICANT_COLS)
    # table 4
    for g in T4_GROUPS:
        for part in T4_PARTS[:4]:
            v[f"t4.{g}.{part}"] = rng.choice([0, 0, 0, 1, 2, 3]) if rng.random() < 0.6 * richness else 0
        v[f"t4.{g}.total"] = sum(v[f"t4.{g}.{p}"] for p in T4_PARTS[:4])
    return v


def all_ids():
    ids = list(T2_IDS)
    ids += [f"t3.{r}.{c}" for r in T3_ROWS for c in T3_COLS]
    ids += [f"t4.{g}.{p}" for g in T4_GROUPS for p in T4_PARTS]
    return ids


def check_identities(v):
    """Return the list of broken identities (names), ignoring null cells."""
    bad = []
    def g(k):
        return v.get(k) or 0
    for c in T3_COLS:
        if g(f"t3.new.{c}") + g(f"t3.carried_in.{c}") != g(f"t3.total.{c}") + g(f"t3.carried_out.{c}"):
            bad.append(f"t3.balance.{c}")
        if sum(g(f"t3.{r}.{c}") for r in RESULT_ROWS) != g(f"t3.total.{c}"):
            bad.append(f"t3.sum.{c}")
    for r in T3_ROWS:
        if sum(g(f"t3.{r}.{c}") for c in APPLICANT_COLS) != g(f"t3.{r}.total"):
            bad.append(f"t3.rowtotal.{r}")
    for gr in T4_GROUPS:
        if sum(g(f"t4.{gr}.{p}") for p in T4_PARTS[:4]) != g(f"t4.{gr}.total"):
            bad.append(f"t4.total.{gr}")
    return bad


def fmt_value(x):
    """Print a value the way a report does: integers plain, fees with their decimals."""
    if x is None:
        return ""
    if isinstance(x, float):
        s = f"{x:.2f}".rstrip("0").rstrip(".")
        return s
    return str(x)


# ---------------------------------------------------------------- narrative

class Para:
    """One paragraph. kind: 'body' or 'sub' (a sub-heading such as （一）主动公开情况).
    For 'sub', num is the sub-heading number (1-based) and text the heading without numbering."""

    def __init__(self, kind, text, num=None, inline_body=None):
        self.kind, self.text, self.num, self.inline_body = kind, text, num, inline_body

    def numbered(self):
        if self.kind == "sub":
            return f"（{NUMERALS[self.num - 1]}）{self.text}"
        return self.text

    def plain(self):
        s = self.numbered()
        if self.inline_body:
            s += self.inline_body
        return s


S1_OPENERS = [
    "{y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，不断深化政务公开，提升政府信息公开质量，切实保障人民群众的知情权、参与权和监督权。",
    "{y}年，在上级党委、政府的正确领导下，{name}认真贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，"
    "紧紧围绕年度政务公开工作要点，持续提升政务公开标准化规范化水平。",
    "一年来，{me}严格执行《中华人民共和国政府信息公开条例》，把政务公开作为建设法治政府的重要抓手，"
    "健全制度机制，拓展公开渠道，政府信息公开工作取得新成效。",
    "{me}高度重视政府信息公开工作，{y}年度调整充实了政务公开工作领导小组，明确专人负责，"
    "做到有计划、有部署、有落实。"]


def section1(rng, a, y, v):
    name, me = a["name"], a["me"]
    portal = a["portal"]
    n_info = rng.randint(60, 480)
    n_policy = rng.randint(5, 40)
    n_wechat = rng.randint(100, 1500)
    new_total = v["t3.new.total"]
    done_total = v["t3.total.total"]
    paras = [
        Para("body", rng.choice(S1_OPENERS).format(y=y, me=me, name=name)),
        Para("sub", "主动公开情况", 1),
        Para("body", f"{y}年，{me}通过{portal}门户网站主动公开各类政府信息{n_info}条，其中机构职能、政策文件{n_policy}条，"
                     f"通过政务新媒体发布信息{n_wechat}篇；发布政策解读{rng.randint(2, 30)}篇，其中图文解读{rng.randint(1, 9)}篇。"),
        Para("sub", "依申请公开情况", 2),
        Para("body", f"本年度{me}共新收政府信息公开申请{new_total}件，上年结转{v['t3.carried_in.total']}件，"
                     f"办结{done_total}件，结转下年度继续办理{v['t3.carried_out.total']}件，均在法定期限内答复。"),
        Para("sub", "政府信息管理情况", 3),
        Para("body", f"严格落实信息发布“三审三校”制度，对拟公开信息进行保密审查{rng.randint(20, 300)}次；"
                     f"本年度制发行政规范性文件{v['t2.normative.issued']}件，废止{v['t2.normative.repealed']}件，"
                     f"现行有效{v['t2.normative.in_force']}件，均按规定及时公开。"),
        Para("sub", "平台建设情况", 4),
        Para("body", f"持续优化政府信息公开专栏，更新栏目{rng.randint(3, 18)}个，全年网站访问量达{rng.randint(2, 90)}万人次。"),
        Para("sub", "监督保障情况", 5),
        Para("body", f"成立以主要负责人为组长的政务公开工作领导小组，全年召开专题会议{rng.randint(2, 6)}次，"
                     f"组织业务培训{rng.randint(1, 5)}场次，未发生因政府信息公开工作引发的责任追究情况。"),
    ]
    return paras


S5_OPENERS = ["{y}年，{me}政府信息公开工作取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足：",
              "对照《条例》要求和人民群众期盼，{me}政府信息公开工作仍存在一些问题和不足：",
              "一年来，{me}政府信息公开工作虽取得一定成绩，但也存在不足："]
S6_CLOSERS = ["{me}将继续坚持以公开为常态、不公开为例外，推动政府信息公开工作再上新台阶。",
              "{me}将进一步强化政务公开工作力度，不断提高政府信息公开工作质量和水平。",
              "下一步，{me}将持续深化政务公开，以高质量公开助力高质量发展。"]


def section5(rng, a, y):
    me = a["me"]
    return [
        Para("body", rng.choice(S5_OPENERS).format(y=y, me=me) +
                     f"一是主动公开的深度和广度有待拓展；二是政策解读形式较为单一；三是工作人员业务能力有待提升。"),
        Para("body", f"下一步，{me}将从以下方面加以改进：一是加大主动公开力度，及时更新专栏内容；"
                     f"二是丰富政策解读形式，综合运用图解、视频等方式；三是每年组织不少于{rng.randint(2, 4)}次业务培训，"
                     f"切实提升政府信息公开工作水平。"),
    ]


def section6(rng, a, y, v):
    me = a["me"]
    fee = v.get("t2.fees.amount")
    if rng.random() < 0.8:
        first = rng.choice([f"本年度{me}未收取信息处理费。", f"{y}年度，{me}未收取政府信息公开信息处理费。",
                            f"依据《政府信息公开信息处理费管理办法》，{y}年{me}未收取信息处理费。"])
    else:
        first = f"本年度{me}依据《政府信息公开信息处理费管理办法》收取信息处理费{rng.randint(1, 3) * 100}元。"
    return [
        Para("body", first + f"{me}按照《国务院办公厅关于印发{y}年政务公开工作要点的通知》要求，"
                     f"逐项落实年度重点任务，共办理人大代表建议和政协委员提案{rng.randint(1, 20)}件，办理结果均已公开。"),
        Para("body", rng.choice(S6_CLOSERS).format(me=me)),
    ]


class Report:
    def __init__(self, seed, agency_index=None, year=None, richness=1.0, inline_subs=None):
        rng = random.Random(seed)
        self.seed = seed
        ai = agency_index if agency_index is not None else rng.randrange(len(AGENCIES))
        name, me, prov, portal = AGENCIES[ai % len(AGENCIES)]
        self.agency = name
        self.me = me
        self.province = prov
        self.year = year if year is not None else rng.randint(2021, 2025)
        self.titles = {n: rng.choice(t) for n, t in SECTION_TITLE_VARIANTS.items()}
        self.values = make_values(rng, richness)
        a = {"name": name, "me": me, "portal": portal}
        self.body = {1: section1(rng, a, self.year, self.values),
                     5: section5(rng, a, self.year),
                     6: section6(rng, a, self.year, self.values)}
        if inline_subs is None:
            inline_subs = rng.random() < 0.35
        if inline_subs:     # "（一）主动公开情况。2024年，…" in one paragraph
            merged, paras = [], self.body[1]
            i = 0
            while i < len(paras):
                p = paras[i]
                if p.kind == "sub" and i + 1 < len(paras) and paras[i + 1].kind == "body":
                    merged.append(Para("sub", p.text, p.num, inline_body="。" + paras[i + 1].text))
                    i += 2
                else:
                    merged.append(p)
                    i += 1
            self.body[1] = merged
        self.inline_subs = inline_subs
        self.intro = (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
                      f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，"
                      f"现发布{name}{self.year}年政府信息公开工作年度报告。本报告统计期限为{self.year}年1月1日至{self.year}年12月31日。")
        self.notes = ""
        self.printed = dict(self.values)   # what the document prints (None = empty cell)

    @property
    def title(self):
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def heading(self, n):
        return f"{NUMERALS[n - 1]}、{self.titles[n]}"

    def body_plain(self, n):
        """The section body as a reader should see it (simplified, numbering included)."""
        return "".join(p.plain() for p in self.body[n])

    def truth(self, body_override=None):
        secs = []
        for n in range(1, 7):
            s = {"number": n, "title": self.titles[n]}
            if n in (1, 5, 6):
                text = strip_ws(body_override[n] if body_override and n in body_override else self.body_plain(n))
                s["starts"] = text[:10]
                s["ends"] = text[-10:]
            secs.append(s)
        vals = {k: self.printed.get(k) for k in all_ids()}
        return {"agency": self.agency, "year": self.year, "sections": secs, "values": vals, "notes": self.notes}


def write_truth(report, path_noext, body_override=None):
    t = report.truth(body_override)
    broken = check_identities(t["values"])
    if broken and "break" not in t["notes"]:
        raise SystemExit(f"{path_noext}: identities broken but notes do not say so: {broken}")
    with open(path_noext + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------- table grids (template geometry)

def grids(printed, fmt=fmt_value):
    """The three tables as (rows, cols, cells) with cells (r, c, rowspan, colspan, text), same grid as the
    national template (table 2: 14x4, table 3: 28x10, table 4: 4x15)."""
    f = lambda k: fmt(printed[k])
    c2 = []
    r = 0
    for item, head, rows in (
            ("（一）", ["本年制发件数", "本年废止件数", "现行有效件数"],
             [("规章", "rules"), ("行政规范性文件", "normative")]),
            ("（五）", ["本年处理决定数量"], [("行政许可", "license")]),
            ("（六）", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
            ("（八）", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")])):
        c2.append((r, 0, 1, 4, f"第二十条第{item}项"))
        c2.append((r + 1, 0, 1, 1, "信息内容"))
        if len(head) == 3:
            c2 += [(r + 1, 1 + i, 1, 1, h) for i, h in enumerate(head)]
        else:
            c2.append((r + 1, 1, 1, 3, head[0]))
        r += 2
        for label, key in rows:
            c2.append((r, 0, 1, 1, label))
            if item == "（一）":
                c2 += [(r, 1 + i, 1, 1, f(f"t2.{key}.{p}")) for i, p in enumerate(("issued", "repealed", "in_force"))]
            else:
                part = "amount" if key == "fees" else "decisions"
                c2.append((r, 1, 1, 3, f(f"t2.{key}.{part}")))
            r += 1
    c3 = [(0, 0, 3, 3, T3_CORNER), (0, 3, 1, 7, "申请人情况"), (1, 3, 2, 1, "自然人"),
          (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计")]
    c3 += [(2, 4 + i, 1, 1, lab) for i, lab in enumerate(T3_COL_LABELS[1:6])]
    c3.append((5, 0, 22, 1, "三、本年度办理结果"))
    groups = {"（三）不予公开": (7, 8), "（四）无法提供": (15, 3), "（五）不予处理": (18, 5), "（六）其他处理": (23, 3)}
    for g, (start, n) in groups.items():
        c3.append((start, 1, n, 1, g))
    for i, key in enumerate(T3_ROWS):
        row = 3 + i
        a, b, c = T3_ROW_LABELS[key]
        if b is None:
            c3.append((row, 0, 1, 3, a))
        elif c is None:
            c3.append((row, 1, 1, 2, b))
        else:
            c3.append((row, 2, 1, 1, c))
        c3 += [(row, 3 + j, 1, 1, f(f"t3.{key}.{col}")) for j, col in enumerate(T3_COLS)]
    c4 = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼"), (1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    c4 += [(1, i, 2, 1, lab) for i, lab in enumerate(T4_PART_LABELS)]
    c4 += [(2, 5 + i, 1, 1, T4_PART_LABELS[i % 5]) for i in range(10)]
    c4 += [(3, i, 1, 1, f(f"t4.{g}.{p}")) for i, (g, p) in enumerate((g, p) for g in T4_GROUPS for p in T4_PARTS)]
    return [(14, 4, c2), (28, 10, c3), (4, 15, c4)]
