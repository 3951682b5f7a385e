"""Front matter of handwritten pages: where a translated page keeps the fingerprint of its source page.

A French page starts with ``translated_from: "1a2b3c4d"`` in a ``---`` block: the fingerprint of the
Dutch page's body it was translated from. MkDocs reads the block as page metadata and leaves it out
of the published page. The block is found the way MkDocs finds it (``mkdocs.utils.meta``), without
importing MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# The same pattern as mkdocs.utils.meta.YAML_RE: a block between --- lines at the very start.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class PageSource:
    """A handwritten page: its front matter (raw and read), and the Markdown body MkDocs publishes."""

    text: str
    body: str
    front_matter: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    body_line: int = 1
    """The 1-based line of the file on which the body starts."""

    def line_of(self, key: str) -> int:
        """The 1-based line of a top-level front matter key, or 1 when it is not there."""
        if self.front_matter is None:
            return 1
        for number, line in enumerate(self.front_matter.splitlines(), start=2):
            if re.match(rf"{re.escape(key)}\s*:", line):
                return number
        return 1


def read_page(text: str) -> PageSource:
    """Split a page into its front matter and body, as MkDocs does (a body without front matter is the whole text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            metadata = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            metadata = None
        if isinstance(metadata, dict):
            rest = text[match.end():]
            body = rest.lstrip("\n")
            body_line = text.count("\n", 0, match.end()) + 1 + (len(rest) - len(body))
            return PageSource(text, body, match.group(1), metadata, body_line)
    return PageSource(text, text)


def with_front_matter_value(text: str, key: str, value: str) -> str:
    """The page with ``key: "value"`` in its front matter: the key's line replaced, or added at the end of the block.

    A page without front matter gets a block of its own at the top. Other lines stay as they are.
    """
    page = read_page(text)
    entry = f'{key}: "{value}"'
    if page.front_matter is None:
        if _FRONT_MATTER.match(page.text):
            raise ValueError("the front matter at the top of the page is not a YAML mapping")
        return f"---\n{entry}\n---\n\n{page.text}"
    lines = page.front_matter.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            end = index + 1
            while end < len(lines) and lines[end].startswith((" ", "\t")):
                end += 1  # the key's value went on over indented lines
            lines[index:end] = [entry + "\n"]
            break
    else:
        lines.append(entry + "\n")
    match = _FRONT_MATTER.match(page.text)
    assert match is not None  # read_page found it
    opening = page.text[:match.start(1)]
    closing = page.text[match.end(1):match.end()]
    edited = opening + "".join(lines) + closing + page.text[match.end():]
    reread = read_page(edited)
    if reread.metadata != {**page.metadata, key: value} or reread.body != page.body:
        raise ValueError(f"cannot set {key} in this front matter without changing the rest of it")
    return edited

