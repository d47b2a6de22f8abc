"""A reader finds the zones of a province on the directory's tile map, by mouse or keyboard,
and a screen-reader user reads the same figures in a table."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import SHOTS
from zones.choices import Province
from zones.tile_map import GRID

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}

TILE_COUNTS = """Object.fromEntries([...document.querySelectorAll('.zone-tile')].map(a => [
  a.getAttribute('aria-label').split('：')[0], +a.querySelector('.tile-count').textContent]))"""
TABLE_COUNTS = """Object.fromEntries([...document.querySelectorAll('.zone-map-table tbody tr')].map(
  tr => [tr.querySelector('th').textContent, +tr.querySelector('td').textContent]))"""


def listed(page):
    return int(page.locator("#zone-results-count strong").text_content())


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?level=国家级",
        "?level=省级",
        "?kind=高新技术产业开发区",
        "?level=国家级&kind=经济技术开发区",
    ],
)
def test_each_tile_counts_what_its_link_lists(demo_server, page, demo_site, query):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["开发区目录"] + query)
    tiles = page.evaluate(TILE_COUNTS)
    assert len(tiles) == 34 and {"台湾省", "香港特别行政区", "澳门特别行政区"} <= set(tiles)
    assert page.evaluate(TABLE_COUNTS) == tiles  # the screen reader's table
    assert sum(tiles.values()) == listed(page)
    province, count = next((name, count) for name, count in tiles.items() if count)
    page.locator(f'.zone-tile[aria-label^="{province}："]').click()
    assert listed(page) == count
    expect(page.locator(f'.zone-tile[aria-label^="{province}："]')).to_have_attribute(
        "aria-current", "true"
    )
    for name, value in re.findall(r"(\w+)=([^&]+)", query):  # the other filters stay
        expect(page.locator(f"#zone-{name}")).to_have_value(value)


def test_tiles_sit_in_their_grid_places_and_are_coloured_by_count(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["开发区目录"])
    boxes = {
        province: page.locator(f'.zone-tile[aria-label^="{province.value}："]').bounding_box()
        for province in GRID
    }
    beijing = boxes[Province.BEIJING]  # row 1, column 5
    for province, (row, column, _) in GRID.items():
        box = boxes[province]
        assert round((box["y"] - beijing["y"]) / box["height"]) == row - 1, province
        assert round((box["x"] - beijing["x"]) / box["width"]) == column - 5, province
    sizes = {(round(box["width"]), round(box["height"])) for box in boxes.values()}
    assert len(sizes) == 1  # equal tiles
    colours = page.evaluate(
        "[...document.querySelectorAll('.zone-tile')].map(a => [a.className,"
        " +a.querySelector('.tile-count').textContent, getComputedStyle(a).backgroundColor])"
    )
    empty = {colour for cls, count, colour in colours if count == 0}
    full = {colour for cls, count, colour in colours if count and "tile-b4" in cls}
    assert len(empty) == 1 and full and not empty & full
    page.locator(".zone-map").screenshot(path=SHOTS / "desktop-zone-tile-map.png")


def test_a_keyboard_reaches_a_tile_and_enter_filters(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["开发区目录"])
    tile = page.locator('.zone-tile[aria-label^="北京市："]')
    for _ in range(200):
        page.keyboard.press("Tab")
        if tile.evaluate("el => el === document.activeElement"):
            break
    expect(tile).to_be_focused()
    count = int(tile.locator(".tile-count").text_content())
    assert tile.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#zone-province")).to_have_value("北京市")
    assert listed(page) == count
    page.screenshot(path=SHOTS / "phone-zone-map-beijing.png", full_page=True)
