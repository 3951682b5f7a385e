"""In a real browser: every request a page makes succeeds, none asks for a sitemap, and the console
stays free of errors, on the page types Lighthouse is run on and the language choice, in both languages.

Material's script asks for a sitemap.xml next to every alternate link of a page's head; the pages
refuse those requests before they leave the browser (overrides/main.html), and the language switch
still lands on the same page (test_browser.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from browser_support import PHONE, BrowserSession
from hooks.model import Model
from hooks.source.load import load_model
from test_browser import PROJECT, page_path

pytestmark = pytest.mark.browser

#: The pages Lighthouse is run on (README.md), in each language.
PAGE_TYPES = ("home", "competency", "group", "at-a-glance")


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


def record(page: Any) -> tuple[list[str], list[str]]:
    """Lists that fill, while the page lives, with its failed requests and its console errors."""
    failures: list[str] = []
    errors: list[str] = []
    def on_response(response: Any) -> None:
        if response.status >= 400:
            failures.append(f"HTTP {response.status} {response.url}")

    def on_request_failed(request: Any) -> None:
        # The browser fetches the icon for its own tab, after the page has loaded; when the test moves on
        # to the next page, that fetch is cancelled (ERR_ABORTED). That is the test's doing, not the site's.
        if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.png"):
            return
        failures.append(f"{request.failure} {request.url}")

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return failures, errors


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_pages_make_no_failing_request_and_no_console_error(session: BrowserSession, model: Model,
                                                            viewport: dict[str, int] | None) -> None:
    page = session.open("", viewport=viewport)
    failures, errors = record(page)
    visited = [""] + [page_path(page_type, model, language) for language in ("nl", "fr") for page_type in PAGE_TYPES]
    for path in visited:
        session.goto(page, path)
        page.wait_for_load_state("networkidle")
    sitemaps = [url for url in session.requests if "sitemap.xml" in url]
    assert not sitemaps, f"pages asked for a sitemap: {sitemaps}"
    assert not failures, f"failed requests on {visited}: {failures}"
    assert not errors, f"console errors on {visited}: {errors}"
