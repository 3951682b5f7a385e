"""What the hook lets go of during a build, and gets back when it is needed (hooks/build/parking.py).

The built pages themselves are checked by the site tests; a build with and without these steps gives
the same files. Here: the steps on their own, with a stand-in for MkDocs' Page.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hooks.build.parking import PARKED, PageParking, unpark


def converted_page(title: str, html: str) -> Any:
    return SimpleNamespace(title=title, content=html, markdown=f"# {title}\n\nText")


def test_a_converted_page_is_parked_when_the_next_one_starts_and_the_last_on_env() -> None:
    first, second = converted_page("Samenwerken", "<h1>Samenwerken</h1>" + "<p>é</p>" * 500), converted_page("Last", "<p>x</p>")
    parking = PageParking()
    parking.page_starts(first)
    assert first.content is not None  # not yet: MkDocs has still to convert it
    parking.page_starts(second)
    assert (first.content, first.markdown, first.title) == (None, None, "Samenwerken")
    assert len(getattr(first, PARKED)) < 200
    assert second.content == "<p>x</p>"
    parking.park_converted_page()  # on_env: every page is converted
    assert second.content is None

    unpark(first)
    assert first.content == "<h1>Samenwerken</h1>" + "<p>é</p>" * 500
    assert not hasattr(first, PARKED)
    unpark(first)  # a page that is not parked is left as it is
    assert first.content.startswith("<h1>")
