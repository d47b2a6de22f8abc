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


TILE_BOXES = """[...document.querySelectorAll(".zone-tile")].map(a => {
  const r = a.getBoundingClientRect();
  return [a.getAttribute('aria-label'), r.width, r.height]; })"""


@pytest.mark.parametrize(("elder", "least"), [(False, 44), (True, 60)], ids=["normal", "elder"])
def test_every_tile_is_big_enough_to_tap_on_a_phone(demo_server, page, demo_site, elder, least):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/")
    page.evaluate(f"localStorage.setItem('portal:elder', '{'on' if elder else 'off'}')")
    page.goto(demo_server.url + demo_site["开发区目录"])
    small = [box for box in page.evaluate(TILE_BOXES) if min(box[1], box[2]) < least - 0.5]
    assert not small
    # Where the tiles need more than the screen, the map scrolls in its own box, not the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    east = max(GRID.items(), key=lambda item: item[1][1])[0]  # a tile on the map's east edge
    last = page.locator(f'.zone-tile[aria-label^="{east.value}："]')
    last.focus()
    box = last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.locator(".zone-map").screenshot(path=SHOTS / f"phone-zone-map-{least}px.png")


CONTRAST = """(() => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('.zone-tile')].map(a => {
    const s = getComputedStyle(a), count = a.querySelector('.tile-count');
    const t = getComputedStyle(count), under = getComputedStyle(count).backgroundColor;
    if (!/rgba\\(0, 0, 0, 0\\)|transparent/.test(under)) return ['covered', under, 0];
    const [l1, l2] = [lum(s.backgroundColor), lum(t.color)].sort((x, y) => y - x);
    return [a.className.match(/tile-b\\d/)[0], s.backgroundColor, (l1 + 0.05) / (l2 + 0.05)];
  }); })()"""


def test_high_contrast_keeps_the_scale_of_the_tiles(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + "/")
    page.evaluate("localStorage.setItem('portal:a11y:contrast', 'on')")
    page.goto(demo_server.url + demo_site["开发区目录"])
    tiles = page.evaluate(CONTRAST)
    colours = {}
    for bucket, colour, ratio in tiles:
        colours.setdefault(bucket, set()).add(colour)
        assert ratio >= 4.5, (bucket, colour, ratio)
    assert all(len(found) == 1 for found in colours.values())  # one colour per step
    assert len({found.pop() for found in colours.values()}) == len(colours) >= 3
    page.locator(".zone-map").screenshot(path=SHOTS / "desktop-zone-map-high-contrast.png")
