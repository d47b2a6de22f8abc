"""Files of 投稿 stored before issue 21 sat in the public 投稿 collection under the senders'
names: those of articles not yet published move to the pending collection under random
names (news/submitted_files.py)."""

from django.db import migrations

from news.submitted_files import make_waiting_files_private


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_submission_flagged_words_unbounded"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(make_waiting_files_private, migrations.RunPython.noop)]
