"""Drives headless Chromium through `claimgraph serve`'s pages, as a reader would, and prints
what it saw as JSON for the Rust test that started the server to check.

    browser.py CHROMIUM walk BASE SCREENSHOT
        Opens `/`, follows the first allegation to its page, reads its quotes and map, saves a
        screenshot of that page, then follows a node of the map to another claim.
    browser.py CHROMIUM visit BASE
        Opens `/` and every claim and actor page linked from there on, and reports any dialog
        that opened, any script the pages' policy blocked, any <script> element and any
        `javascript:` link.

Playwright drives the browser given by its executable path: the browsers Playwright would
download are not needed.
"""

import json
import sys

from playwright.sync_api import sync_playwright


def walk(page, base, screenshot):
    page.goto(base + "/")
    allegations = page.locator("#allegations tbody a.claim")
    count = allegations.count()
    first = allegations.first
    first_label = first.inner_text()
    first.click()
    page.wait_for_load_state()
    claim_url = page.url
    heading = page.locator("h1").inner_text()
    quotes = page.locator(".quote blockquote").all_inner_texts()
    svg = page.locator("div.map svg")
    svg_nodes = page.locator("div.map svg g.node").count()
    page.screenshot(path=screenshot, full_page=True)

    # A node of the map that is another claim; Graphviz writes its link as xlink:href.
    here = claim_url[len(base):]
    target = None
    for link in page.locator("div.map svg a").all():
        href = link.get_attribute("xlink:href") or link.get_attribute("href")
        if href and href.startswith("/claim/") and href != here:
            target = (link, href)
            break
    followed = None
    if target is not None:
        link, href = target
        link.click()
        page.wait_for_url(base + href)
        followed = {
            "href": href,
            "url": page.url,
            "heading": page.locator("h1").inner_text(),
        }
    return {
        "allegations": count,
        "first_label": first_label,
        "claim_url": claim_url,
        "heading": heading,
        "quotes": quotes,
        "svg": svg.count(),
        "svg_nodes": svg_nodes,
        "followed": followed,
    }


def visit(page, base):
    ran, blocked = [], []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    # Markup that got through would be stopped by the pages' Content-Security-Policy, and
    # Chromium would say so here.
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    # Every page the site links to, breadth first, as a reader clicking through would.
    queue, seen = ["/", "/?lang=zh"], []
    visited = set(queue)
    while queue and len(seen) < 100:
        path = queue.pop(0)
        page.goto(base + path)
        seen.append(
            {
                "path": path,
                "text": page.locator("body").inner_text(),
                "scripts": page.locator("script").count(),
                "javascript_links": page.eval_on_selector_all(
                    "a",
                    """links => links
                        .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
                        .filter(h => h.trim().toLowerCase().startsWith('javascript:'))""",
                ),
            }
        )
        hrefs = page.eval_on_selector_all(
            "a", "links => links.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))"
        )
        for href in hrefs:
            if href and href.startswith(("/claim/", "/actor/")) and href not in visited:
                visited.add(href)
                queue.append(href)
    return {"pages": seen, "ran": ran, "blocked": blocked}


def main():
    chromium, mode, base = sys.argv[1:4]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            if mode == "walk":
                result = walk(page, base, sys.argv[4])
            elif mode == "visit":
                result = visit(page, base)
            else:
                sys.exit(f"unknown mode {mode}")
        finally:
            browser.close()
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
