"""The models of the association: its pages, member units, 留言, the sensitive-word list
and what the portal keeps of people's personal data."""

from association.models.deadlines import CalendarDay, MessageSettings, MessageYearFigures
from association.models.members import MemberDirectoryBlock, MemberUnit
from association.models.messages import Message, MessageQuerySet
from association.models.pages import (
    AboutBodyBlock,
    AboutPage,
    MagazineIndexPage,
    MagazineIssuePage,
    MessageBoardPage,
    ServiceIndexPage,
    ServicePage,
    SideMenuMixin,
)
from association.models.privacy import ContactRecord, PrivacySettings
from association.models.screening import SensitiveWord

__all__ = [
    "AboutBodyBlock",
    "AboutPage",
    "CalendarDay",
    "ContactRecord",
    "MagazineIndexPage",
    "MagazineIssuePage",
    "MemberDirectoryBlock",  # named by migration 0002
    "MemberUnit",
    "Message",
    "MessageBoardPage",
    "MessageQuerySet",
    "MessageSettings",
    "MessageYearFigures",
    "PrivacySettings",
    "SensitiveWord",
    "ServiceIndexPage",
    "ServicePage",
    "SideMenuMixin",
]
