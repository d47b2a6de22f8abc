"""Where things are on an old article page, shared by every source layout.

A layout parser turns its file into lines (strings, with `LegacyImage`s where
pictures were) and leaves the rest to these rules: where the breadcrumb, the
meta lines and the site's chrome are, and what a section heading is.
"""

import re

from news.legacy.chinese import BLANKS, CHINESE, CJK, CLOSING, OPENING, unwrap, words
from news.legacy.meta import DATE_LINE, is_meta_line

# Breadcrumbs: "当前位置：首页 > 资讯中心 > 省级开发区动态", whatever the separator.
POSITION = re.compile(
    r"(?:(?:当前|现在|您的|你的|您现在的|你现在的|您当前的|您当前所在|当前所在|所在)位置|当前栏目)\s*[:：]\s*"
)
CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|->|=>|&gt;|[>»›→＞/\\|｜-])\s*|\s+")
NOT_A_CRUMB = set(words("首页 网站首页 主页 返回首页 home 正文 内容 详情 正文内容 文章内容"))


def breadcrumb_text(line):
    """The crumbs part of a breadcrumb line, or None when `line` is no breadcrumb."""
    match = POSITION.search(line)
    if match and match.start() <= 4 and len(line) <= 200:
        return line[match.end() :]
    return None


def clean_crumbs(crumbs, title=""):
    """Drop the home crumb and the article's own (possibly shortened) title."""
    kept = []
    for crumb in (c.strip() for c in crumbs):
        short = crumb.rstrip(".…")
        if not crumb or crumb.lower() in NOT_A_CRUMB or crumb == title:
            continue
        if short != crumb and title.startswith(short):
            continue
        kept.append(crumb)
    return kept


def split_crumbs(text, title=""):
    return clean_crumbs(CRUMB_SEPARATOR.split(text), title)


# The old site's chrome.
CHROME = set(
    words(
        """首页 网站首页 主页 收藏 收藏本站 加入收藏 设为首页 微信 公众号 微信公众号
        扫一扫 关注公众号 扫一扫关注公众号 加入QQ 交流群 加入QQ交流群 留言 留言箱
        打开菜单 收起菜单 菜单 导航 通知公告 返回顶部 打印 打印本页 关闭 关闭窗口
        返回 返回首页 返回列表 分享 分享到 字体 大 中 小 扫一扫在手机打开当前页
        政府部门 行业协会 新闻媒体 友情链接 相关链接 网站地图 联系我们 登录 注册
        搜索 站内搜索 English 无障碍 长者模式"""
    )
)
WIDGET = re.compile(
    rf"[{OPENING}]?\s*(?:字体|字号|分享到|分享|视力保护色)\s*(?:[:：].{{0,24}}|[大中小\s{CLOSING}]*)"
)
BUTTONS = re.compile(
    rf"(?:[{OPENING}]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回列表|返回|收藏|加入收藏)\s*[{CLOSING}]?\s*)+"
)
# Lines after which nothing belongs to the article.
CUT = re.compile(
    r"(?:上一篇|下一篇|上一条|下一条)\s*[:：]?.*|"
    r"(?:相关文章|相关新闻|相关阅读|相关链接|推荐阅读|延伸阅读|热点新闻|热门文章|最新文章|猜你喜欢)\s*[:：]?"
)
FOOTER = re.compile(
    r"^(?:主办|承办|协办|主管|运营|维护|技术支持|网站标识码|网站识别码|版权所有|Copyright|©"
    r"|法律顾问|网站维护|网站管理|建议使用|推荐使用|最佳浏览)"
    r"|ICP\s*备|ICP证|公网安备|备案号|版权所有|All Rights Reserved",
    re.IGNORECASE,
)
FOOTER_CONTACT = re.compile(
    r"^\S{0,4}(?:地址|电话|热线|传真|邮编|邮箱|E-?mail)\s*[:：]",
    re.IGNORECASE,
)
# "关于我们 | 联系我们 | 网站地图": three or more short items between bars.
MENU_LINE = re.compile(r"[^|｜┊丨]{1,8}(?:\s*[|｜┊丨]\s*[^|｜┊丨]{1,8}){2,}")
BULLET = re.compile(r"^[•·▪■◆●○◇□►▶»*]\s*")
LINK_DIRECTORY = re.compile(f"[{CJK}]{{24,}}")


def is_chrome(line):
    squeezed = BLANKS.sub("", line)
    return (
        squeezed in CHROME
        or BULLET.match(line) is not None
        or WIDGET.fullmatch(line) is not None
        or BUTTONS.fullmatch(line) is not None
        or MENU_LINE.fullmatch(line) is not None
        or (len(line) < 80 and FOOTER.search(line) is not None)
    )


def chrome_reason(line):
    """Why the layout rules left a line out, for the import's --verbose report."""
    if CUT.fullmatch(line):
        return "文后的上一篇、相关文章及其后的内容"
    if FOOTER.search(line) or FOOTER_CONTACT.match(line):
        return "页脚（主办、版权、联系方式）"
    if is_chrome(line):
        return "网站栏目、按钮或小工具"
    return "页脚"


def is_text(item):
    return isinstance(item, str)


def split_head(items):
    """Meta lines right after the title, and the rest; widgets in between are dropped."""
    meta = []
    for index, item in enumerate(items):
        if not is_text(item):
            return meta, items[index:]
        if not item or (is_chrome(item) and not is_meta_line(item)):
            continue
        if not is_meta_line(item):
            return meta, items[index:]
        meta.append(item)
    return meta, []


def split_tail(items, keep_dates=False):
    """The body and the meta lines at its end, without the chrome after it.

    With `keep_dates` (the head already gave the date) a bare date at the end,
    such as a notice's signature date, stays in the body.
    """
    for index, item in enumerate(items):
        if is_text(item) and CUT.fullmatch(item):
            items = items[:index]
            break
    # A contact line is the footer's when a footer line (主办, 版权所有…) is beside it;
    # without one it is the article's, like a notice's "联系电话：" above its signature.
    meta, in_footer, end, unconfirmed = [], False, len(items), None
    while end:
        item = items[end - 1]
        if not is_text(item):
            break
        if not item or is_chrome(item) or LINK_DIRECTORY.fullmatch(item):
            if FOOTER.search(item):
                in_footer, unconfirmed = True, None
        elif FOOTER_CONTACT.match(item):
            if not in_footer and unconfirmed is None:
                unconfirmed = end - 1
        elif is_meta_line(item) and not (keep_dates and DATE_LINE.fullmatch(unwrap(item))):
            meta.insert(0, (end - 1, item))
        else:
            break
        end -= 1
    if unconfirmed is not None:
        end = unconfirmed + 1
    return items[:end], [item for index, item in meta if index >= end]


TITLE_MAX = 80


def looks_like_title(line):
    """A line that could be a title rather than a paragraph."""
    return is_text(line) and 0 < len(line) <= TITLE_MAX and not line.endswith("。")


SENTENCE_END = tuple("。！？；”…：:，、!?;,")
HEADING_MAX = 60  # the heading block's limit


class Heading(str):
    """A line the source marked as a heading (an HTML <h2>, say)."""


def is_heading(text):
    """A standalone short line without sentence-final punctuation, e.g. 及早部署，广泛宣传."""
    return (
        2 <= len(text) <= 20
        and not text.endswith(SENTENCE_END)
        and CHINESE.search(text) is not None
        and unwrap(text) == text
        and DATE_LINE.fullmatch(text) is None
    )


def is_real_paragraph(block):
    kind, text = block
    return kind == "paragraph" and (len(text) > 20 or text.endswith(("。", "！", "？", "”")))


def body_blocks(items):
    """Lines -> ("paragraph" | "heading" | "image" | "attachment", value) blocks.

    A heading heads text: short lines after the last real paragraph, such as a
    notice's signature, stay paragraphs.
    """
    blocks = []
    for item in items:
        if not is_text(item):
            blocks.append((item.kind, item))
        elif item:
            marked = isinstance(item, Heading) and len(item) <= HEADING_MAX
            kind = "heading" if marked or is_heading(item) else "paragraph"
            blocks.append((kind, str(item)))
    last_text = max((i for i, block in enumerate(blocks) if is_real_paragraph(block)), default=-1)
    return [
        ("paragraph", value) if kind == "heading" and i > last_text else (kind, value)
        for i, (kind, value) in enumerate(blocks)
    ]
