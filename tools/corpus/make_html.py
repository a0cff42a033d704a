"""HTML corpus: report pages in the style of government portals (header menu, breadcrumbs, sidebar, footer,
scripts, share buttons) with the report in a content div and tables using rowspan/colspan."""
import html
import os
import random

import model
import textconv

CSS = """
body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333}
.header{background:#b5171d;color:#fff;height:90px}.nav li{display:inline-block;padding:0 18px}
.crumb{font-size:12px;color:#666;padding:8px 0}.side{float:left;width:220px}.main{margin-left:240px}
.article-title{font-size:22px;text-align:center;color:#000}.info{font-size:12px;color:#999;text-align:center}
table.rep{border-collapse:collapse;width:100%}table.rep td{border:1px solid #000;text-align:center;padding:2px}
.footer{clear:both;background:#eee;font-size:12px;text-align:center;padding:20px}
/* 年度报告 正文样式 */
"""

SCRIPT = """
var _hmt = _hmt || [];
(function(){ var hm = document.createElement("script"); hm.src = "https://hm.example.gov.cn/hm.js?5f2e0c";
  var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
function doZoom(size){ document.getElementById('zoom').style.fontSize = size + 'px'; }
var shareTitle = "政府信息公开工作年度报告"; // 分享到微信时显示的标题
"""


def esc(s):
    return html.escape(s, quote=False)


def table_html(grid, cell=esc, attrs=' class="rep" border="1" cellspacing="0"'):
    nrows, ncols, cells = grid
    by_row = {}
    for (r, c, rs, cs, text) in cells:
        by_row.setdefault(r, []).append((c, rs, cs, text))
    out = [f"<table{attrs}><tbody>"]
    for r in range(nrows):
        tds = []
        for c, rs, cs, text in sorted(by_row.get(r, [])):
            span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f"<td{span}>{cell(text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def chrome(rep, content, meta, site, sep=" &gt; ", prev_link=True, headings_ok=True):
    nav = "".join(f'<li><a href="/{k}/">{v}</a></li>' for k, v in
                  (("index", "首页"), ("zwgk", "政务公开"), ("zwfw", "政务服务"), ("hdjl", "互动交流"), ("zjxq", "走进" + site[:2])))
    side_items = "".join(f'<li><a href="/zwgk/{i}/">{t}</a></li>' for i, t in enumerate(
        ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开")))
    side_head = "<h3>政府信息公开</h3>" if headings_ok else '<div class="side-tit">政府信息公开</div>'
    prev = ""
    if prev_link:
        prev = (f'<div class="prevnext">上一篇：<a href="/zwgk/ndbg/{rep.year - 1}.html">{rep.agency}{rep.year - 1}'
                f'年政府信息公开工作年度报告</a><br>下一篇：<a href="/zwgk/ndbg/zn.html">政府信息公开指南</a></div>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="{site}">
<meta name="ArticleTitle" content="{esc(rep.title)}">
<title>{esc(rep.title)}_{site}</title>
<style type="text/css">{CSS}</style>
<script type="text/javascript">{SCRIPT}</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<ul class="nav">{nav}</ul>
<div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="crumb">当前位置：<a href="/">首页</a>{sep}<a href="/zwgk/">政务公开</a>{sep}<a href="/zwgk/ndbg/">年度报告</a></div>
<div class="side">{side_head}<ul>{side_items}</ul></div>
<div class="main">
<div class="info">发布时间：{rep.year + 1}-01-{10 + rep.seed % 18:02d}　来源：{esc(rep.agency)}　浏览次数：{300 + rep.seed % 900}
　字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]</div>
<div id="zoom" class="content TRS_Editor">
{content}
</div>
<div class="share">分享到：<a class="wx" href="javascript:;">微信</a> <a class="wb" href="javascript:;">微博</a>
<a class="qz" href="javascript:;">QQ空间</a></div>
{prev}
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">主办单位：{site}办公室　承办：{site}大数据中心<br>
网站标识码：{6401000000 + rep.seed}　<a href="https://beian.miit.gov.cn">宁ICP备{10000000 + rep.seed}号-1</a>
　公网安备 {64010402000000 + rep.seed}号<br>版权所有 {site}　联系电话：0951-{5000000 + rep.seed}</div>
<script>document.write('<img src="/stat.gif?p=' + encodeURIComponent(location.href) + '">');</script>
</body>
</html>
"""


def content_html(rep, head_tag="h3", title_tag='h1 class="article-title"', text=esc, cell=esc,
                 sub=lambda s: f"<strong>{esc(s)}</strong>", par=None):
    par = par or (lambda s: f'<p style="text-indent:2em">{s}</p>')
    close = lambda spec: "".join(f"</{part.split()[0]}>" for part in reversed(spec.split("><")))
    out = [f"<{title_tag}>{text(rep.title)}{close(title_tag)}", par(text(rep.intro))]
    tables = model.grids(rep.printed)
    for n in range(1, 7):
        out.append(f"<{head_tag}>{text(rep.heading(n))}{close(head_tag)}")
        if n in (1, 5, 6):
            for p in rep.body[n]:
                if p.kind == "sub" and not p.inline_body:
                    out.append(par(sub(p.numbered())))
                elif p.kind == "sub":
                    out.append(par(sub(p.numbered() + "。") + text(p.inline_body[1:])))
                else:
                    out.append(par(text(p.text)))
        else:
            out.append(table_html(tables[n - 2], cell=cell))
    return "\n".join(out)


def span_soup(s, rng):
    """Split text into many styled spans; add &nbsp; between numbers and units and an odd <br>."""
    out, i = [], 0
    while i < len(s):
        n = rng.choice((1, 2, 2, 3, 4))
        piece = esc(s[i:i + n])
        style = rng.choice(('font-family:宋体;font-size:16px', 'font-size:12pt;line-height:150%',
                            'font-family:仿宋_GB2312', 'color:#333333'))
        out.append(f'<span style="{style}">{piece}</span>')
        if piece[-1:].isdigit() and i + n < len(s) and not s[i + n].isdigit():
            out.append("&nbsp;")
        i += n
    if len(out) > 40:
        out.insert(len(out) // 2, "<br>")
    return "".join(out)


def write(path, text, encoding):
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


def build(outdir):
    os.makedirs(outdir, exist_ok=True)
    U8 = '<meta charset="utf-8">'

    rep = model.Report(1515, agency_index=13, year=2024, richness=1.4)
    rep.notes = ("UTF-8 portal page (<meta charset=\"utf-8\">): header nav, breadcrumbs 首页 > 政务公开 > 年度报告, left sidebar, "
                 "footer with 网站标识码/ICP/版权, <script>/<style>, 分享到 buttons, 上一篇 link naming the previous year's report; "
                 "report in div#zoom; title <h1>, section headings <h3>, tables with rowspan/colspan on the template grid")
    write(os.path.join(outdir, "01_utf8_portal.html"),
          chrome(rep, content_html(rep), U8, "武进区人民政府"), "utf-8")
    model.write_truth(rep, os.path.join(outdir, "01_utf8_portal"))

    rep = model.Report(1616, agency_index=15, year=2023, richness=1.2, inline_subs=True)
    rep.notes = ("encoded in GBK, declared <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">; "
                 "headings <h2>; sub-headings inline <strong>（一）…。</strong> followed by the paragraph text")
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    write(os.path.join(outdir, "02_gbk_gb2312.html"),
          chrome(rep, content_html(rep, head_tag="h2"), meta, "芦淞区人民政府", prev_link=False), "gbk")
    model.write_truth(rep, os.path.join(outdir, "02_gbk_gb2312"))

    rep = model.Report(1717, agency_index=16, year=2025, richness=1.5)
    rep.notes = "whole page (chrome, report text and table labels) converted to traditional script with opencc s2t; UTF-8; truth simplified"
    page = chrome(rep, content_html(rep, head_tag='p class="bt"'), U8, "小店区人民政府", prev_link=False)
    write(os.path.join(outdir, "03_traditional.html"), textconv.s2t(page), "utf-8")
    model.write_truth(rep, os.path.join(outdir, "03_traditional"))

    rep = model.Report(1818, agency_index=17, year=2022, richness=1.3)
    rng = random.Random(18)
    rep.notes = ("Word-pasted HTML: every paragraph, heading and table cell split over many <span style=...> (words broken "
                 "across spans: <span>政府</span><span>信息</span>), &nbsp; between numbers and units and as indentation, "
                 "<br> inside long paragraphs; headings <h4>; 上一篇 link naming the previous year's report after the content")
    soup = lambda s: span_soup(s, rng)
    par = lambda s: f'<p class="MsoNormal" style="text-indent:2em">&nbsp;&nbsp;&nbsp;&nbsp;{s}</p>'
    page = chrome(rep, content_html(rep, head_tag="h4", text=soup, cell=soup,
                                    sub=lambda s: f"<b>{soup(s)}</b>", par=par), U8, "章贡区人民政府")
    write(os.path.join(outdir, "04_span_soup.html"), page, "utf-8")
    model.write_truth(rep, os.path.join(outdir, "04_span_soup"))

    rep = model.Report(1919, agency_index=0, year=2021, richness=1.1)
    rep.notes = ("no <h1>-<h6> tags anywhere: the title is <p class=\"tit\"><strong>, section headings "
                 "<p><strong>一、…</strong></p>, sub-headings <p><strong>（一）…</strong></p>; UTF-8")
    page = chrome(rep, content_html(rep, head_tag='p><strong', title_tag='p class="tit"><strong'), U8,
                  "越城区人民政府", headings_ok=False, prev_link=False)
    assert "<h" not in page.replace("<head", "").replace("<html", "")
    write(os.path.join(outdir, "05_p_strong_no_h.html"), page, "utf-8")
    model.write_truth(rep, os.path.join(outdir, "05_p_strong_no_h"))

    rep = model.Report(2020, agency_index=4, year=2023, richness=1.3)
    rep.notes = ("encoded in GB18030 with NO charset declaration (no <meta charset>, no http-equiv); the chrome contains "
                 "characters outside GBK (© and • encoded as 4-byte GB18030 sequences); headings <h3>")
    page = chrome(rep, content_html(rep), "", "凯里市人民政府", sep=" • ", prev_link=False)
    page = page.replace("版权所有 ", "版权所有 © ")
    write(os.path.join(outdir, "06_gb18030_nocharset.html"), page, "gb18030")
    model.write_truth(rep, os.path.join(outdir, "06_gb18030_nocharset"))
