"""The site's own models (app label `portal`): the home page, 网站设置 and the footer's
link directory."""

from portal.site.models.home import HomeColumn, HomePage, HomeSpotlightZone
from portal.site.models.links import DirectoryLink, LinkGroup
from portal.site.models.settings import SiteSettings

__all__ = [
    "DirectoryLink",
    "HomeColumn",
    "HomePage",
    "HomeSpotlightZone",
    "LinkGroup",
    "SiteSettings",
]
