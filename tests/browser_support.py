"""Browser-test support: built sites served on 127.0.0.1, one headless Chromium per run, and axe-core.

conftest.py registers this module as a pytest plugin, so its fixtures (``browser``, ``site_url``,
``session``) exist once for the whole run and every test module can ask for them without importing
them. That matters: Playwright's sync API allows one running instance per thread, and a fixture
imported into a test module becomes a second fixture, with a second Chromium, in that module.
Test modules import only the plain helpers (``served``, ``run_axe``, ``screenshot``, …).

The sites are served by the tests themselves, so the browser never needs anything but the loopback
address; every request a page makes is recorded, which is how the tests prove that no page reaches
another host.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

#: Where the tests save a screenshot of every page type, for people to look at (git-ignored).
SCREENSHOTS = Path(__file__).parent / "screenshots"

#: The WCAG 2.0 and 2.1 success criteria at levels A and AA, as axe-core tags them.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Debian's Chromium is what CI installs (.ci/run); Playwright's own browser download needs internet.
CHROMIUM_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = ("install Debian's Chromium (`apt-get install chromium`) and the test requirements "
                "(`.venv/bin/pip install -r requirements-test.txt`)")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def axe_source() -> tuple[str, str]:
    """The axe-core script bundled in the pinned axe-playwright-python package, and its version line."""
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    return script, script.split("\n", 1)[0].strip("/*! ")


def _unavailable(reason: str) -> NoReturn:
    """Under CI a missing browser fails the run; locally the browser tests are skipped with a hint."""
    message = f"the browser tests cannot run: {reason}; {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without printing a line per request into the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    """A browser drops connections it no longer needs when it leaves a page; that is no error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site in ``folder``, served by a small threaded HTTP server on 127.0.0.1 and a free port,
    as its root URL (ending in ``/``); the server stops when the block ends."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serving {folder.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real model's built site, served on 127.0.0.1."""
    with served(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run; each test opens its own context and page."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("no `chromium` on PATH")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGUMENTS)
        except Error as error:
            _unavailable(f"{executable} does not start ({error.message.splitlines()[0]})")
        yield chromium
        chromium.close()


@dataclass
class BrowserSession:
    """Opens pages in fresh browser contexts and records every request they make."""

    browser: Any
    site_url: str
    requests: list[str] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)

    def open(self, path: str, *, viewport: dict[str, int] | None = None, color_scheme: str = "light") -> Any:
        """A new page showing ``path`` (a path from the site root), in a context of its own, so that no
        stored palette choice or other state carries over from another test. ``color_scheme`` is what
        the reader's system prefers; Material picks the matching palette from it."""
        context = self.browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme)
        self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.set_default_timeout(15_000)
        self.goto(page, path)
        return page

    def goto(self, page: Any, path: str) -> None:
        """Load a path of the site; Material's scripts have run when the load event has fired."""
        response = page.goto(self.site_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the local server."""
        local = urlsplit(self.site_url).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != local]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def session(browser: Any, site_url: str) -> Iterator[BrowserSession]:
    """Pages for one test; closed afterwards."""
    opened = BrowserSession(browser, site_url)
    yield opened
    opened.close()


def run_axe(page: Any, script: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (open search results included)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=script)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per violated rule: what, how bad, where, and axe's own advice."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    """Save a screenshot for people to look at; tests/screenshots/ is git-ignored."""
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    return target

