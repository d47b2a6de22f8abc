"""Static files' addresses in production, worked out once per process.

`{% static %}` looks each name up in the manifest of hashed names and joins it to
STATIC_URL: about 40 µs, nine times on every page (the stylesheets and scripts of
base.html), a tenth of an article built afresh. The manifest is read when the process
starts and does not change while it runs (a deploy restarts the workers), so each
name's address is kept as first given.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's hashed and compressed files, each address worked out once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        address = self.addresses.get(name)
        if address is None:
            # A name missing from the manifest raises here, every time, as before.
            address = self.addresses[name] = super().url(name)
        return address
