"""The renderer's guarantee: model texts and labels become HTML that can never run, track or restyle a page.

The loader refuses what it can explain (raw HTML, attribute lists, images, headings, unsafe links),
with file, line and field. This module does not rely on it. Each model text is turned into HTML on its
own, with a Markdown converter that knows no extension (no attribute lists), and that HTML goes through
nh3 (the Ammonia sanitizer) with an allow-list: emphasis, paragraphs, lists and links, no attribute but
``href``, and only ``https``, ``http`` and ``mailto`` links. Whatever else the text held is dropped
(a ``<script>`` with its content, an image) or kept as plain text (a heading's words).

The result is then placed into the generated page's Markdown, which MkDocs converts once more, with
attribute lists, admonitions, tables and definition lists. So that this second pass cannot make
anything of it, every character of the text that Markdown gives a meaning to is written as an HTML
character reference (``*`` as ``&#42;``): Python-Markdown passes references through untouched, and the
browser shows the character. What reaches MkDocs is then only tags that passed the sanitizer, references
and plain words.

Labels are plain text (``hooks.source.labels`` refuses markup in them) and are escaped the same way.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3
from markupsafe import Markup

#: What a model text may become. Block texts (a description, several paragraphs or a list) may hold
#: paragraphs and lists; inline texts (a name, a list item, a table cell) only emphasis and links.
INLINE_TAGS = frozenset({"em", "strong", "a"})
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})

# Characters that mean something to Markdown or its extensions anywhere in a line: emphasis, code,
# links and images, attribute lists, tables, admonitions, raw HTML and entities, escapes.
_MARKDOWN_CHARACTERS = re.compile(r"[\\`*_{}\[\]!|<>&#~^$\"]")
# A text placed at the start of a line would also start a list, a heading, a quote or a rule there.
_LINE_START = re.compile(r"^(?:[-+:=]|\d+(?=[.)]))")
_TAG = re.compile(r"(<[^<>]*>)")
# The characters that need nothing of the above: the common case, which skips Markdown and nh3.
_PLAIN = re.compile(r"[^\\`*_{}\[\]!|<>&#~^$\"\n\r\t]*")


@functools.cache  # one converter per process; reset before each text
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[], output_format="html")


def _reference(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(character)};" for character in match.group(0))


def _inert_html(fragment: str) -> str:
    """Sanitized HTML with its text (not its tags, which nh3 wrote) made inert for a Markdown pass."""
    parts = _TAG.split(fragment)
    parts[0] = _LINE_START.sub(_reference, parts[0], count=1)
    return "".join(part if index % 2 else _MARKDOWN_CHARACTERS.sub(
        lambda match: match.group(0) if match.group(0) in "&" else _reference(match), part)
        for index, part in enumerate(parts))


def sanitize(fragment: str, *, block: bool) -> str:
    """HTML cut down to the model texts' allow-list (nh3): no other tag, attribute or link scheme survives."""
    return nh3.clean(fragment, tags=set(BLOCK_TAGS if block else INLINE_TAGS), attributes=ATTRIBUTES,
                     url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
                     clean_content_tags={"script", "style", "template", "textarea", "title", "noscript",
                                         "iframe", "object", "svg", "math"})


@functools.lru_cache(maxsize=4096)  # a competency's texts are rendered for its page, the dictionary and the table
def model_text_html(text: str, *, block: bool = False) -> Markup:
    """A model text as HTML that passed the sanitizer, ready to be placed in a page's Markdown.

    An inline text comes out on one line without block elements; a block text as paragraphs and
    lists, each on one line and apart from the next, so that Markdown keeps each as it is.
    """
    stripped = " ".join(text.split())
    if _PLAIN.fullmatch(text) and not _LINE_START.match(stripped):  # nothing in it means anything to Markdown or HTML
        return Markup(f"<p>{stripped}</p>" if block else stripped)
    converter = _converter()
    converter.reset()
    rendered = " ".join(sanitize(converter.convert(text), block=block).split())
    if not block:
        return Markup(_inert_html(rendered))
    return Markup("\n\n".join(_inert_html(part) for part in _top_level_blocks(rendered)))


_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol)>")


def _top_level_blocks(fragment: str) -> list[str]:
    """Sanitized block HTML cut into its top-level elements; loose text (a heading's words) becomes a paragraph."""
    blocks: list[str] = []
    depth, start = 0, 0
    for match in _BLOCK_TAG.finditer(fragment):
        if depth == 0 and match.start() > start and fragment[start:match.start()].strip():
            blocks.append(f"<p>{fragment[start:match.start()].strip()}</p>")
        if depth == 0 and not match.group(1):
            start = match.start()
        depth += -1 if match.group(1) else 1
        if depth == 0:
            blocks.append(fragment[start:match.end()].strip())
            start = match.end()
    if fragment[start:].strip():
        blocks.append(f"<p>{fragment[start:].strip()}</p>")
    return blocks


def plain_text_html(text: str, *, line_start: bool = True) -> Markup:
    """A plain text (a label, a value from mkdocs.yml) as inert HTML for a page's Markdown: never markup.

    ``line_start=False`` for a piece that follows other text on its line (part of a label with placeholders).
    """
    # &, <, > and " are among the characters written as references: this escapes the HTML too.
    escaped = _MARKDOWN_CHARACTERS.sub(_reference, re.sub(r"\s+", " ", text))
    return Markup(_LINE_START.sub(_reference, escaped, count=1) if line_start else escaped)


def inert_line_start(fragment: Markup) -> Markup:
    """Inert HTML that may now start a line: a list marker, a number and dot, a ':' at its start become references."""
    return Markup(_LINE_START.sub(_reference, fragment, count=1))


def title_text(title: str) -> str:
    """A page title as plain, escaped text that stays inert however a theme prints it.

    Material prints ``page.title`` as HTML, and in ``<title>`` after ``striptags``, which decodes
    references once more: an escaped ``&lt;/title&gt;`` in a heading would come out as a real end tag
    there. Angle brackets therefore become the similar-looking ‹ and ›, which no decoding turns into markup.
    """
    text = html.unescape(re.sub(r"<[^>]*>", "", title))
    # Quotes stay as they are, as in the heading MkDocs took the title from: the theme escapes the title
    # itself where it puts it in an attribute.
    return html.escape(" ".join(text.replace("<", "‹").replace(">", "›").split()), quote=False)
