"""Every setting of the portal, read from the environment (environment.py) and split by
concern. The defaults run the portal on one machine: SQLite, a file cache shared by the
worker processes of this host, the database search backend and console e-mail.
`DATABASE_URL` switches to PostgreSQL and `REDIS_URL` to a shared Redis cache;
docs/configuration.md lists every variable.
"""

from portal.settings.accounts import *  # noqa: F403
from portal.settings.base import *  # noqa: F403
from portal.settings.caches import *  # noqa: F403
from portal.settings.database import *  # noqa: F403
from portal.settings.files import *  # noqa: F403
from portal.settings.health import *  # noqa: F403
from portal.settings.logs import *  # noqa: F403
from portal.settings.security import *  # noqa: F403
from portal.settings.wagtail import *  # noqa: F403
