"""Under the Content-Security-Policy the public pages break no rule, and editors can still
edit and publish in the Wagtail admin under its own policy."""

import pytest
from playwright.sync_api import expect

from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)

# Injected by the browser itself (not by the page), so the policy does not block it.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it reports collected in `page.violations`."""
    page.violations = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.violations.append(message.text)
        ),
    )
    return page


def violations(page):
    return page.violations + page.evaluate("window.__violations")


def test_public_pages_break_no_rule_of_the_policy(live_server, watched, every_page_type):
    for url in every_page_type["pages"]:
        response = watched.goto(live_server.url + url)
        assert response.status == 200, url
        policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
        assert "script-src 'self'" in policy, url
        watched.wait_for_load_state("networkidle")
        assert violations(watched) == [], url
    # The page's own scripts ran: the article counted its reader (once, for both visits).
    watched.goto(live_server.url + every_page_type["article"].url)
    expect(watched.locator(".view-count")).to_have_text("1")
    assert violations(watched) == []


def test_an_editor_edits_and_publishes_under_the_admin_policy(
    live_server, watched, every_page_type, django_user_model
):
    django_user_model.objects.create_superuser("bianji", "bianji@example.org", "kai-fa-qu-2020")
    article = every_page_type["article"]
    watched.set_viewport_size({"width": 1400, "height": 1000})
    watched.goto(live_server.url + "/admin/login/")
    watched.locator("#id_username").fill("bianji")
    watched.locator("#id_password").fill("kai-fa-qu-2020")
    SHOTS.mkdir(exist_ok=True)
    watched.screenshot(path=SHOTS / "admin-login.png")
    watched.get_by_role("button", name="登录").click()
    expect(watched.get_by_role("heading", level=1).first).to_be_visible()

    watched.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    title = watched.locator("#id_title")
    title.fill("开发区高质量发展（修订）")
    # The live preview beside the editor runs the page's own template in a frame.
    watched.get_by_role("button", name="预览").first.click()
    preview = watched.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("开发区高质量发展（修订）")
    SHOTS.mkdir(exist_ok=True)
    watched.screenshot(path=SHOTS / "admin-edit-with-preview.png")

    watched.get_by_role("button", name="更多动作").click()
    watched.get_by_role("button", name="发布").click()
    expect(watched.locator(".messages")).to_contain_text("已经发布")
    assert violations(watched) == []

    watched.goto(live_server.url + article.url)
    expect(watched.get_by_role("heading", level=1)).to_have_text("开发区高质量发展（修订）")
    assert violations(watched) == []
