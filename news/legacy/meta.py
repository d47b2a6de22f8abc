"""The meta lines of old articles: 来源, 作者, 编辑, 发布时间 and 点击量, however written."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from news.legacy.chinese import BLANKS, CJK, CLOSING, OPENING, unwrap, words

# Dates: 2020-3-9, 2020/03/09, 2020.03.09, 2020年3月9日, each with an optional time.
DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
DATE_LINE = re.compile(
    rf"[{OPENING}]?\s*(?:发布于|发表于|发布日期|日期|时间)?\s*[:：]?\s*{DATE.pattern}\s*分?\s*[{CLOSING}]?"
)


def find_datetime(text):
    """The first valid date (and time) in `text`, aware in the site's time zone, or None."""
    for match in DATE.finditer(text or ""):
        parts = [int(match[name] or 0) for name in ("y", "m", "d", "H", "M", "S")]
        try:
            return timezone.make_aware(datetime(*parts))
        except ValueError:
            continue
    return None


# Meta labels, each with the field it fills. Longer labels first, so 发布时间
# wins over 时间; labels under three characters need a boundary before them
# (a digit counts: DedeCMS writes "10:21来源:").
LABELS = {
    "source": "信息来源 文章来源 稿件来源 新闻来源 内容来源 来源单位 供稿单位 稿源 供稿 出处 来源",
    "time": "发布时间 发布日期 发表时间 发表日期 发稿时间 更新时间 上传时间 添加时间 时间 日期",
    "author": "撰稿人 作者 撰稿 撰文 记者 通讯员 文",
    "editor": "责任编辑 编辑 录入员 录入 发布人 发布者",
    "views": "点击量 点击数 点击率 点击次数 浏览量 浏览次数 阅读量 阅读次数 阅读数 访问量 "
    "点击 浏览 阅读 人气",
    "ignore": "字体 字号 分享到 分享 打印 关闭 审核 审稿 校对 摄影 图片 视力保护色 评论",
}
LABEL_FIELD = {label: name for name, labels in LABELS.items() for label in labels.split()}
EDITOR_RANK = {"责任编辑": 3, "编辑": 2}
_alternatives = "|".join(
    label if len(label) >= 3 else rf"(?:^|(?<=[\s\d{OPENING}{CLOSING}|｜/,，;；:：]))" + label
    for label in sorted(LABEL_FIELD, key=len, reverse=True)
)
LABEL = re.compile(rf"(?P<label>{_alternatives})\s*[:：]")
# 【打印】【关闭】 and the like; a bracket holding a label or a number is kept.
WIDGET_GROUP = re.compile(rf"[{OPENING}][^:：\d{CLOSING}]*[{CLOSING}]")

ROLE_WORDS = set(
    words(
        "记者 通讯员 作者 摄影 摄 文 图 撰稿 撰文 供图 编辑 报道 实习生 特约记者 本报记者 本网记者"
    )
)
NAME = re.compile(f"[{CJK}]{{2,4}}")
ORGANISATION_ENDINGS = tuple("区局委办网报社厅部院所处站台司县市省镇")


def is_name(token):
    return (
        NAME.fullmatch(token) is not None
        and token not in ROLE_WORDS
        and not token.endswith(ORGANISATION_ENDINGS)
    )


def is_meta_line(line):
    line = unwrap(line)
    if not line or len(line) > 200:
        return False
    if LABEL.match(line) or DATE_LINE.fullmatch(line):
        return True
    # "2020-04-09 来源：…", or a short unlabelled source first: "园区办公室 2012-12-28 阅读：66".
    date = DATE.search(line)
    if date is None:
        return False
    lead, rest = line[: date.start()], line[date.end() :]
    if not lead and len(BLANKS.sub("", rest)) <= BESIDE_DATE:  # "2022-08-16 10:30 推广"
        return True
    return (
        len(lead) <= SOURCE_LEAD
        and not SENTENCE_MARKS.search(lead)
        and LABEL.search(line, date.end()) is not None
    )


SOURCE_LEAD = 20
BESIDE_DATE = 4  # a label such as 推广 or 原创 beside a date
SENTENCE_MARKS = re.compile(r"[，。；！？,;]")


@dataclass
class Meta:
    """What the meta lines say; the first line to give a field wins."""

    source: str = ""
    authors: list[str] = field(default_factory=list)
    editor: str = ""
    editor_rank: int = 0
    publish_time: datetime | None = None
    views: int | None = None

    def read(self, line):
        line = unwrap(WIDGET_GROUP.sub(" ", line))
        matches = list(LABEL.finditer(line))
        bounds = [match.start() for match in matches] + [len(line)]
        segments = [(None, line[: bounds[0]])] + [
            (match["label"], line[match.end() : end])
            for match, end in zip(matches, bounds[1:], strict=True)
        ]
        for label, value in segments:
            self.read_value(label, value.strip(" \t\u3000【】[]"))

    def read_value(self, label, value):
        kind = LABEL_FIELD.get(label)
        if kind == "source" and not self.source:
            self.read_source(value)
        elif kind == "author" and not self.authors:
            names = re.split(r"[\s、，,;；/]+", value)
            self.authors = [name for name in names if name and name not in ROLE_WORDS]
        elif kind == "editor" and value and EDITOR_RANK.get(label, 1) > self.editor_rank:
            self.editor, self.editor_rank = BLANKS.sub(" ", value), EDITOR_RANK.get(label, 1)
        elif kind == "views" and self.views is None:
            number = re.search(r"\d[\d,，]*", value)
            self.views = int(re.sub(r"\D", "", number[0])) if number else None
        if kind in {None, "time", "source"} and self.publish_time is None:
            self.publish_time = find_datetime(value)

    def read_source(self, value):
        """First token is the source; short names after it are the authors."""
        tokens = [token.strip("（）()") for token in DATE.sub(" ", value).split()]
        tokens = [token for token in tokens if token]
        if not tokens:
            return
        source, authors = [tokens[0]], []
        for token in tokens[1:]:
            if is_name(token):
                authors.append(token)
            elif not authors and token not in ROLE_WORDS:
                source.append(token)
        self.source = " ".join(source)
        self.authors = self.authors or authors
