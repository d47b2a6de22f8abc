"""The portal's own translations: compiled without gettext, read before Wagtail's."""

import polib
from django.core.management import call_command
from django.utils import translation

from portal.ops.translations import compile_catalogues


def test_compile_writes_a_catalogue_gettext_reads(tmp_path):
    folder = tmp_path / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans"}
    po.append(polib.POEntry(msgid="Saved", msgstr="已保存"))
    po.save(str(folder / "django.po"))

    assert compile_catalogues([tmp_path]) == [folder / "django.mo"]
    assert polib.mofile(str(folder / "django.mo")).find("Saved").msgstr == "已保存"
    assert compile_catalogues([tmp_path]) == []  # up to date: nothing rewritten


def test_the_command_reports_what_it_did(capsys):
    call_command("compile_translations")
    assert "translations up to date" in capsys.readouterr().out


def test_the_portal_catalogue_comes_before_wagtails():
    with translation.override("zh-hans"):
        # Missing from Wagtail 8.0's zh_Hans catalogue:
        assert translation.gettext("Schedule to publish") == "定时发布"
        assert translation.gettext("Go to the first error") == "转到第一个错误"
        # Worded differently by Wagtail ("在用"); the admin says 已发布 everywhere:
        assert translation.gettext("live") == "已发布"


def test_javascript_messages_are_translated(client):
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    catalogue = response.content.decode("unicode_escape")
    assert "插入内容块" in catalogue
    assert "输入文字，或输入“/”插入内容块" in catalogue
