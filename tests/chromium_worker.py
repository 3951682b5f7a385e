"""Headless Chromium in a worker thread of its own, for browser tests outside test_browser.py.

Playwright's sync API allows one running instance per thread. A session-wide fixture imported into
several test modules becomes one fixture per module, and the second instance fails with "using
Playwright Sync API inside the asyncio loop". A task run here gets its own thread, its own Playwright
and its own Chromium, so it works whichever other browser tests run in the same session.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, NoReturn, TypeVar

import pytest

from browser_support import CHROMIUM_ARGUMENTS, INSTALL_HINT

T = TypeVar("T")


class _Unavailable(Exception):
    """Chromium or Playwright cannot be used on this machine."""


def unavailable(reason: str) -> NoReturn:
    """Under CI a missing browser fails the run; locally the browser tests are skipped with a hint."""
    message = f"the browser tests cannot run: {reason}; {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def run_in_chromium(task: Callable[[Any], T]) -> T:
    """``task(browser)`` in a fresh headless Chromium (Debian's package), in a thread of its own."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        unavailable("no `chromium` on PATH")

    def work() -> T:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGUMENTS)
            except Error as error:
                raise _Unavailable(f"{executable} does not start ({error.message.splitlines()[0]})") from None
            try:
                return task(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium") as pool:
        try:
            return pool.submit(work).result()
        except _Unavailable as error:
            unavailable(str(error))
