"""网站健康自查's content lines come from kept findings: each publish judges that page
again, the nightly `check_content` judges every live page, and the self-check reads the
kept lines instead of judging the site on each view."""

import pytest
from django.core.management import call_command

from association.models import SensitiveWord
from portal.site.health import content
from portal.site.health.content import check_content
from portal.site.health.models import ContentFinding
from portal.site.health.report import site_health
from tests import factories


def content_lines(kind):
    section = next(section for section in site_health() if section.key == kind)
    return [line.text for line in section.lines], section.total


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def banned(db):
    return SensitiveWord.objects.create(word="赌博")


@pytest.mark.django_db
def test_a_publish_judges_that_page_at_once(column, banned):
    article = factories.NewsPageFactory(parent=column, title="通报", body=paragraph("正文"))
    assert content_lines("sensitive_word") == ([], 0)

    article.body = paragraph("严禁赌博")
    article.save_revision().publish()
    lines, total = content_lines("sensitive_word")
    assert total == 1 and lines[0].startswith("「通报」") and "赌博" in lines[0]

    article.body = paragraph("严禁违法活动")
    article.save_revision().publish()  # the editor fixed it: the line goes
    assert content_lines("sensitive_word") == ([], 0)


@pytest.mark.django_db
def test_an_unpublished_or_deleted_page_leaves_no_line(column, banned):
    kept = factories.NewsPageFactory(parent=column, title="留着", body=paragraph("赌博"))
    withdrawn = factories.NewsPageFactory(parent=column, title="撤下", body=paragraph("赌博"))
    deleted = factories.NewsPageFactory(parent=column, title="删除", body=paragraph("赌博"))
    check_content()
    assert content_lines("sensitive_word")[1] == 3
    withdrawn.unpublish()
    deleted.delete()
    lines, total = content_lines("sensitive_word")
    assert total == 1 and lines[0].startswith(f"「{kept.title}」")


@pytest.mark.django_db
def test_the_nightly_run_finds_what_changed_without_a_publish(column):
    factories.NewsPageFactory(parent=column, title="旧文", body=paragraph("严禁赌博"))
    check_content()
    assert content_lines("sensitive_word")[1] == 0
    SensitiveWord.objects.create(word="赌博")  # the list changed; no page was published
    check_content()
    assert content_lines("sensitive_word")[1] == 1
    column.get_children().update(live=False)  # gone from the site without the signal
    check_content()
    assert ContentFinding.objects.count() == 0


@pytest.mark.django_db
def test_every_live_page_is_judged_in_chunks(column, banned, monkeypatch):
    monkeypatch.setattr(content, "CHUNK", 3)
    for n in range(8):
        factories.NewsPageFactory(parent=column, title=f"文章{n}", body=paragraph("赌博"))
    pages, findings = check_content()
    assert findings == 8 and pages >= 8
    lines, total = content_lines("sensitive_word")
    assert total == 8
    assert {line.split("」")[0] for line in lines} == {f"「文章{n}" for n in range(8)}


@pytest.mark.django_db
def test_the_command_says_what_it_found(column, banned, capsys):
    factories.NewsPageFactory(parent=column, body=paragraph("赌博"))
    call_command("check_content")
    assert "发现 1 个问题" in capsys.readouterr().out
