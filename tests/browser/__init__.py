"""Helpers the browser tests share."""

from playwright.sync_api import expect


def log_in_as_editor(page, base_url):
    """Log in to the admin as the `editor` fixture (conftest.py) and wait for the admin."""
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill("bianji")
    page.locator("#id_password").fill("pw-editor")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("body")).not_to_contain_text("登录")
