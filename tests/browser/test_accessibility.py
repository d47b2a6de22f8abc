"""A screen-reader or keyboard user, or a reader at 200 % zoom, can use every kind of page.

axe-core (bundled by axe-playwright-python, nothing downloaded) checks each page type on
a phone and on a desktop; a serious or critical finding fails the test.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
# 200 % zoom on a 375 px wide phone leaves 187.5 CSS pixels of width.
ZOOMED_PHONE = {"width": 188, "height": 400}
# What sticks out past the right edge (for the failure message).
WIDEST = """(() => {
  const edge = document.documentElement.clientWidth + 1;
  const right = el => el.getBoundingClientRect().right;
  return [...document.querySelectorAll('body *')]
    .filter(el => right(el) > edge && right(el.parentElement) <= edge)
    .slice(0, 4).map(el => el.outerHTML.slice(0, 80) + ' ' + Math.round(right(el)));
})()"""


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


# Headings of the page's own content; the chrome's regions (通知公告, links) have h2s.
HEADINGS = """[document.querySelectorAll('h1').length,
  ...[...document.querySelectorAll('main :is(h1,h2,h3,h4,h5,h6)')].map(h => +h.tagName[1])]"""


def heading_problems(counted):
    """One h1 on the page, first in the content, and no level skipped going down."""
    h1_count, levels = counted[0], counted[1:]
    problems = [] if h1_count == 1 and levels[:1] == [1] else [f"h1: {h1_count}, {levels}"]
    problems += [f"h{a} → h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    return problems


def choose_elder_mode(page, demo_server):
    page.goto(demo_server.url + "/")
    page.evaluate("localStorage.setItem('portal:elder', 'on')")


def check_every_page(page, demo_server, urls, viewport, elder=False):
    page.set_viewport_size(viewport)
    if elder:
        choose_elder_mode(page, demo_server)
    found = {}
    for name, url in urls.items():
        page.goto(demo_server.url + url)
        problems = serious_violations(page) + heading_problems(page.evaluate(HEADINGS))
        if problems:
            found[f"{name} {url}"] = problems
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())


def test_no_serious_problems_on_a_phone(demo_server, page, demo_site):
    check_every_page(page, demo_server, demo_site, PHONE)


def test_no_serious_problems_on_a_desktop(demo_server, page, demo_site):
    check_every_page(page, demo_server, demo_site, DESKTOP)


def test_no_serious_problems_in_elder_mode(demo_server, page, demo_site):
    check_every_page(page, demo_server, demo_site, PHONE, elder=True)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder-mode"])
def test_text_fits_a_phone_at_200_percent_zoom(demo_server, page, demo_site, elder):
    page.set_viewport_size(ZOOMED_PHONE)
    if elder:
        choose_elder_mode(page, demo_server)
    too_wide = {}
    for name, url in demo_site.items():
        page.goto(demo_server.url + url)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if widths[0] > widths[1]:
            too_wide[f"{name} {url}"] = widths + page.evaluate(WIDEST)
    assert not too_wide, too_wide
