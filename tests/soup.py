"""Typed lookups in built pages: BeautifulSoup's optional answers narrowed by an assertion.

``select_one`` may find nothing and an attribute may be missing or, for ``class`` and ``rel``, a list
of values. In a test, either means the page is not what it should be: these helpers fail the test
with the selector or the attribute named, and otherwise give the type the test works with.
"""

from __future__ import annotations

from bs4 import Tag


def one(root: Tag, selector: str) -> Tag:
    """The first element under ``root`` that the CSS ``selector`` matches."""
    found = root.select_one(selector)
    assert found is not None, f"no element matches {selector!r}"
    return found


def attr(element: Tag, name: str) -> str:
    """The value of a single-valued attribute of ``element`` (``href``, ``lang``, ``content`` …)."""
    value = element.get(name)
    assert isinstance(value, str), f"<{element.name}> has no single-valued {name!r} attribute: {value!r}"
    return value
