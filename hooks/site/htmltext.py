"""Rewrite the text of an HTML document, and only its text, with the standard library's HTML tokenizer.

Two things are done to finished pages: French typography (``hooks.site.typography``) and links to the
glossary (``hooks.site.glossary``). Both must leave markup, attributes, code, scripts and styles alone,
which a regular expression over HTML cannot promise. ``rewrite_text`` copies the document byte for
byte and hands each run of text (the text between two tags, with its character references decoded)
to a function, together with the elements it stands in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements with no end tag: they never hold text, so they are not kept on the stack of open elements.
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "param", "source", "track", "wbr"})
#: Elements whose text is never prose: code, preformatted text, and what browsers do not show as text.
NOT_PROSE = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea", "template", "svg", "math"})


_LINE_BREAK = re.compile("\n")
#: Elements whose content the parser hands over unparsed: scripts, styles, and inline SVG icons.
_RAW_CONTENT = ("script", "style", "svg")


@dataclass(frozen=True)
class Element:
    """An open element around a text: its tag name and attributes."""

    tag: str
    attributes: dict[str, str | None]


#: Rewrites one run of text (decoded, as a reader sees it) standing in the given open elements,
#: innermost last. Returns the HTML to put in its place (escaped by the function), or None to keep it.
TextRewrite = Callable[[str, Sequence[Element]], "str | None"]


class _Rewriter(HTMLParser):
    def __init__(self, source: str, rewrite: TextRewrite) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.rewrite = rewrite
        self.stack: list[Element] = []
        self.output: list[str] = []
        self.copied = 0  # how much of the source is in the output
        self.run_start: int | None = None  # where the current run of text starts in the source
        self.line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(source))]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _end_run(self) -> None:
        """Rewrite the text from the start of the current run up to here, and copy the rest verbatim."""
        here = self._offset()
        if self.run_start is not None:
            raw = self.source[self.run_start:here]
            replaced = self.rewrite(html.unescape(raw) if "&" in raw else raw, self.stack) if raw else None
            self.output.append(self.source[self.copied:self.run_start])
            self.output.append(raw if replaced is None else replaced)
            self.copied = here
            self.run_start = None

    def _text(self) -> None:
        if self.run_start is None:
            self.run_start = self._offset()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag in _RAW_CONTENT:
            return  # HTMLParser hands their content over as data; it is never text
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_run()
        if tag not in VOID_ELEMENTS:
            self.stack.append(Element(tag, dict(attrs)))
        if tag == "svg":
            # An inline icon: its many path tags hold no text to rewrite, so the parser skips to </svg>.
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_run()

    def handle_endtag(self, tag: str) -> None:
        self._end_run()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_comment(self, data: str) -> None:
        self._end_run()

    def handle_decl(self, decl: str) -> None:
        self._end_run()

    def handle_pi(self, data: str) -> None:
        self._end_run()

    def unknown_decl(self, data: str) -> None:
        self._end_run()

    def finish(self) -> str:
        self.close()
        if self.run_start is not None:
            raw = self.source[self.run_start:]
            replaced = self.rewrite(html.unescape(raw), self.stack)
            self.output.append(self.source[self.copied:self.run_start])
            self.output.append(raw if replaced is None else replaced)
        else:
            self.output.append(self.source[self.copied:])
        return "".join(self.output)


def rewrite_text(document: str, rewrite: TextRewrite) -> str:
    """``document`` with each run of text replaced by what ``rewrite`` makes of it; markup stays as it is."""
    parser = _Rewriter(document, rewrite)
    parser.feed(document)
    return parser.finish()


def inside(elements: Sequence[Element], tags: frozenset[str] | set[str]) -> bool:
    """Whether any of the open elements is one of ``tags``."""
    return any(element.tag in tags for element in elements)


def language_of(elements: Sequence[Element], default: str = "") -> str:
    """The language of a text: the ``lang`` of the innermost element that has one."""
    for element in reversed(elements):
        value = element.attributes.get("lang")
        if value:
            return value
    return default
