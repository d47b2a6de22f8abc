"""网站健康自查 (portal.site.health): the default update intervals of columns and how the
dead-link job treats other sites. (留言 deadlines are 留言办理 settings in the admin.)"""

from portal.settings.environment import env, env_bool

# Days a column may go without new content before the self-check lists it; an editor
# sets another interval for one column in the admin (栏目更新周期).
SITE_HEALTH_DYNAMIC_DAYS = int(env("SITE_HEALTH_DYNAMIC_DAYS", "14"))  # 动态 columns, home
SITE_HEALTH_NOTICE_DAYS = int(env("SITE_HEALTH_NOTICE_DAYS", "183"))  # 通知, 政策: 6 months

# The dead-link job (`check_links`): a link is dead after this many failed runs in a row,
# each at least SITE_HEALTH_LINK_RECHECK_HOURS after the last check of that link.
SITE_HEALTH_LINK_FAILURES = int(env("SITE_HEALTH_LINK_FAILURES", "3"))
SITE_HEALTH_LINK_RECHECK_HOURS = float(env("SITE_HEALTH_LINK_RECHECK_HOURS", "20"))
SITE_HEALTH_LINK_TIMEOUT = float(env("SITE_HEALTH_LINK_TIMEOUT", "10"))  # seconds a request
SITE_HEALTH_LINK_ATTEMPTS = int(env("SITE_HEALTH_LINK_ATTEMPTS", "2"))  # tries within a run
SITE_HEALTH_LINK_REDIRECTS = int(env("SITE_HEALTH_LINK_REDIRECTS", "5"))
# At most one request per host this often (seconds), so no site sees a burst from us.
SITE_HEALTH_LINK_HOST_INTERVAL = float(env("SITE_HEALTH_LINK_HOST_INTERVAL", "2"))
# Whether links to loopback and private addresses are requested (off: an editor's link
# cannot make the server probe its own network).
SITE_HEALTH_LINK_PRIVATE_HOSTS = env_bool("SITE_HEALTH_LINK_PRIVATE_HOSTS")
