"""Demo roles, member units, sensitive words and messages; every step can run again."""

import datetime

from django.utils import timezone

from association.models import AboutPage, CalendarDay, MemberUnit, Message, SensitiveWord
from association.workdays import HOLIDAY, WORKDAY
from news.models import NewsCategoryPage
from news.roles import setup_roles
from zones.models import ZonePage

OPEN_COLUMNS = ("协会动态", "国家级开发区动态", "省级开发区动态")
MEMBER_ZONES = ("北京经济技术开发区", "中关村科技园区", "苏州工业园区", "重庆双桥经济开发区")
OTHER_MEMBERS = (
    ("国家开发区产业研究院", MemberUnit.Kind.INSTITUTION, ""),
    ("江苏省开发区协会", MemberUnit.Kind.ASSOCIATION, "江苏省"),
    ("中新苏州工业园区开发集团股份有限公司", MemberUnit.Kind.ENTERPRISE, "江苏省"),
)
WORDS = (("代开发票", "广告"), ("博彩", "违法"))
MESSAGES = (
    {
        "subject": "开发区招商政策咨询",
        "body": "请问协会是否汇编了各省级开发区的招商引资政策？我们想了解中西部地区的情况。",
        "name": "李明",
        "phone": "13800138001",
        "status": Message.Status.PUBLIC,
        "reply": "协会每年编印《开发区政策汇编》，会员单位可向秘书处索取，也可在“协会服务”中查看。",
    },
    {
        "subject": "《中国开发区》杂志订阅",
        "body": "想订阅2021年全年的《中国开发区》杂志，请问如何办理？",
        "name": "王芳",
        "email": "wangfang@example.org",
        "status": Message.Status.PUBLIC,
        "reply": "请将单位名称、收件地址和份数发送至协会邮箱，编辑部会与您联系办理订阅。",
    },
    {
        "subject": "会员入会手续",
        "body": "我区有意申请加入协会，请告知入会条件和所需材料。",
        "name": "赵强",
        "phone": "010-65001234",
        "status": Message.Status.PENDING,
        "reply": "",
    },
)


def days(year, month, first, last=None):
    return [datetime.date(year, month, day) for day in range(first, (last or first) + 1)]


# 2026: as the State Council's notice on the year's holidays (国务院办公厅关于2026年部分
# 节假日安排的通知) set them.
# 2027: no notice yet when the demo was written; a sample of the statutory days only,
# labelled so, for editors to replace once the notice is out.
CALENDAR = [
    *((d, HOLIDAY, "元旦") for d in days(2026, 1, 1, 3)),
    (datetime.date(2026, 1, 4), WORKDAY, "元旦调休上班"),
    *((d, HOLIDAY, "春节") for d in days(2026, 2, 15, 23)),
    (datetime.date(2026, 2, 14), WORKDAY, "春节调休上班"),
    (datetime.date(2026, 2, 28), WORKDAY, "春节调休上班"),
    *((d, HOLIDAY, "清明节") for d in days(2026, 4, 4, 6)),
    *((d, HOLIDAY, "劳动节") for d in days(2026, 5, 1, 5)),
    (datetime.date(2026, 5, 9), WORKDAY, "劳动节调休上班"),
    *((d, HOLIDAY, "端午节") for d in days(2026, 6, 19, 21)),
    *((d, HOLIDAY, "中秋节") for d in days(2026, 9, 25, 27)),
    *((d, HOLIDAY, "国庆节") for d in days(2026, 10, 1, 7)),
    (datetime.date(2026, 9, 20), WORKDAY, "国庆节调休上班"),
    (datetime.date(2026, 10, 10), WORKDAY, "国庆节调休上班"),
    (datetime.date(2027, 1, 1), HOLIDAY, "元旦（示例，以国务院通知为准）"),
    *((d, HOLIDAY, "春节（示例，以国务院通知为准）") for d in days(2027, 2, 5, 8)),
    (datetime.date(2027, 4, 5), HOLIDAY, "清明节（示例，以国务院通知为准）"),
    *((d, HOLIDAY, "劳动节（示例，以国务院通知为准）") for d in days(2027, 5, 1, 2)),
    (datetime.date(2027, 6, 9), HOLIDAY, "端午节（示例，以国务院通知为准）"),
    (datetime.date(2027, 9, 15), HOLIDAY, "中秋节（示例，以国务院通知为准）"),
    *((d, HOLIDAY, "国庆节（示例，以国务院通知为准）") for d in days(2027, 10, 1, 3)),
    (datetime.date(2027, 10, 4), HOLIDAY, "国庆节（示例，以国务院通知为准）"),
]


def build_calendar():
    for date, kind, note in CALENDAR:
        CalendarDay.objects.update_or_create(date=date, defaults={"kind": kind, "note": note})


def open_columns_to_submissions():
    for column in NewsCategoryPage.objects.filter(title__in=OPEN_COLUMNS):
        column.accepts_submissions = True
        column.save_revision().publish()


def build_member_units(about):
    zones = {zone.title: zone for zone in ZonePage.objects.filter(title__in=MEMBER_ZONES)}
    for name, zone in zones.items():
        MemberUnit.objects.update_or_create(
            name=name,
            defaults={"kind": MemberUnit.Kind.ZONE, "province": zone.province, "zone": zone},
        )
    for name, kind, province in OTHER_MEMBERS:
        MemberUnit.objects.update_or_create(
            name=name, defaults={"kind": kind, "province": province}
        )
    members = AboutPage.objects.child_of(about).filter(slug="members").first()
    if members and not any(block.block_type == "member_directory" for block in members.body):
        members.body.append(("member_directory", None))
        members.save_revision().publish()


def build_messages():
    start = timezone.now() - datetime.timedelta(days=20)
    for number, message in enumerate(MESSAGES):
        Message.objects.update_or_create(
            subject=message["subject"],
            defaults={**message, "created_at": start + datetime.timedelta(days=3 * number)},
        )
    for word, note in WORDS:
        SensitiveWord.objects.update_or_create(word=word, defaults={"note": note})


def build_interaction(sections):
    """Roles and workflow, columns open to 投稿, member units and sample messages."""
    open_columns_to_submissions()
    setup_roles()
    build_member_units(sections["about"])
    build_calendar()
    build_messages()
