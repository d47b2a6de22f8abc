"""The portal's own translations (`locale/`): the .po files are the source, kept in git;
the .mo files Django reads are written from them with polib, so set-up needs no gettext."""

import os
import tempfile
from pathlib import Path

import polib


def compile_catalogues(locale_dirs):
    """Write a .mo beside every .po under `locale_dirs` that is missing or older than its
    .po. Returns the .mo paths written. Each is written to a temporary file and renamed, so
    parallel test workers compiling at once never read half a catalogue."""
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
            os.close(handle)
            try:
                polib.pofile(str(po_path)).save_as_mofile(temporary)
                os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from the app's user
                os.replace(temporary, mo_path)
            finally:
                if os.path.exists(temporary):
                    os.remove(temporary)
            written.append(mo_path)
    return written
