"""Every picture in an article has words for readers who cannot see it."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from tests import factories


def article_with_picture(column, caption="", **image):
    picture = ImageFactory(**image)
    body = json.dumps([{"type": "image", "value": {"image": picture.pk, "caption": caption}}])
    return factories.NewsPageFactory(parent=column, title="开发区新貌", body=body)


def alt_text(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".body-image img")["alt"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "description, caption, expected",
    [
        ("管委会大楼外景", "新落成的管委会大楼", "管委会大楼外景"),
        ("", "新落成的管委会大楼", "新落成的管委会大楼"),
        ("", "", "大楼照片"),
    ],
)
def test_picture_alt_is_description_then_caption_then_title(
    client, column, description, caption, expected
):
    article = article_with_picture(
        column, caption=caption, title="大楼照片", description=description
    )
    assert alt_text(client, article) == expected


@pytest.mark.django_db
def test_editor_is_asked_for_the_alt_text_of_an_image(admin_client, home):
    picture = ImageFactory(title="IMG_0001")
    response = admin_client.get(f"/admin/images/{picture.pk}/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    field = form.find("input", attrs={"name": "description"})
    label = form.find("label", attrs={"for": field["id"]})
    assert "替代文字" in label.get_text()
    assert "读屏软件" in form.get_text()
