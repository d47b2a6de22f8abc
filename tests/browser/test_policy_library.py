"""A reader finds the documents of one 发文机关 and year still in force in two clicks, and
an old document says what repealed it (the demo library)."""

from playwright.sync_api import expect

from tests.helpers import SHOTS


def test_two_clicks_to_the_documents_in_force_of_one_issuer_and_year(demo_server, page):
    page.goto(demo_server.url + "/policies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政策法规")

    issuers = page.get_by_role("navigation", name="发文机关")
    issuers.get_by_role("link", name="中国开发区协会").click()  # click 1
    years = page.get_by_role("navigation", name="年份")
    expect(years.get_by_role("link", name="2022年（1）")).to_be_visible()
    expect(years.get_by_role("link", name="2019年")).to_have_count(0)  # revised: not in force
    years.get_by_role("link", name="2022年（1）").click()  # click 2

    expect(page.locator(".policy-title")).to_have_text(
        ["中国开发区协会会员管理办法（2022年修订）（示例）"]
    )
    expect(page.locator(".policy-validity")).to_have_text(["现行有效"])
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "policy-library.png", full_page=True)

    # The whole list of that issuer, repealed ones too, and what replaced the old notice.
    page.get_by_role("navigation", name="年份").get_by_role("link", name="全部").click()
    page.get_by_role("navigation", name="有效性").get_by_role("link", name="已废止（1）").click()
    page.get_by_role("link", name="中国开发区协会关于开发区统计信息报送的通知（示例）").click()
    mark = page.get_by_role("note")
    expect(mark).to_contain_text("本文件已废止")
    mark.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "中国开发区协会关于改进开发区统计信息报送工作的通知（示例）"
    )
