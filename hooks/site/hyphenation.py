"""Soft hyphens in the long words of headings, so that a phone breaks them with a hyphen, in the page's language.

A browser hyphenates with CSS ``hyphens: auto`` only where it has a hyphenation dictionary for the
language: Chromium downloads its dictionaries at run time, and without them a long Dutch compound in a
title ("Toegankelijkheidsverklaring") broke anywhere, without a hyphen, on a 375 px phone. So the build
puts soft hyphens (U+00AD) where pyphen's dictionaries (LibreOffice's, for Dutch and French among
others) allow a break: a browser shows a hyphen there only when it breaks the line, and nowhere else.

Only headings get them, and only words long enough to need them: running text wraps between words.
It is done to the written pages after the search index is built, so that search indexes whole words.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

import pyphen

from .htmltext import NOT_PROSE, Element, inside, language_of, rewrite_text

SOFT_HYPHEN = "\u00ad"
HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
#: Where the theme's article, which holds the page's headings, starts and ends.
ARTICLE_START, ARTICLE_END = "<article", "</article>"
HTML_LANGUAGE = re.compile(r"""<html\b[^>]*?\slang=["']?([^"'\s>]+)""")
#: Words shorter than this fit on a phone's line even in a title's large type.
LONG_WORD = re.compile(r"\w{10,}")


@functools.cache
def dictionary(language: str) -> pyphen.Pyphen | None:
    """pyphen's hyphenation patterns for a language (``nl``, ``fr``, ``fr-BE``), or None if it has none."""
    for code in (language.replace("-", "_"), language.split("-")[0]):
        if code in pyphen.LANGUAGES:
            # At least three letters either side of a break: "Toe-gan-ke-lijk-heids-ver-kla-ring".
            return pyphen.Pyphen(lang=code, left=3, right=3)
    return None


def hyphenated(text: str, language: str) -> str:
    """Plain text with soft hyphens in its long words, where the language's patterns allow a break."""
    patterns = dictionary(language)
    if patterns is None:
        return text
    return LONG_WORD.sub(lambda word: patterns.inserted(word.group(0), hyphen=SOFT_HYPHEN), text)


def hyphenate_headings(document: str, language: str = "") -> str:
    """An HTML page with soft hyphens in the long words of its headings (h1 to h4), each in its own ``lang``.

    ``language`` is the page's own. Only the page's article is read where it has one: the theme puts
    every heading there, and the header and navigation around it are two thirds of a page, which this
    pass, made over every written page, would otherwise parse for nothing.
    """
    def rewrite(text: str, elements: Sequence[Element]) -> str | None:
        if SOFT_HYPHEN in text or not LONG_WORD.search(text) or not inside(elements, HEADINGS) \
                or inside(elements, NOT_PROSE):
            return None
        spaced = hyphenated(text, language_of(elements, language))
        return None if spaced == text else html.escape(spaced, quote=False)

    start, end = document.find(ARTICLE_START), document.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return rewrite_text(document, rewrite)
    # The language the article inherits, as the whole page's parse would have found it.
    page_language = HTML_LANGUAGE.search(document, 0, start)
    if page_language:
        language = page_language.group(1)
    return document[:start] + rewrite_text(document[start:end], rewrite) + document[end:]
