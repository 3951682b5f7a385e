"""Links from generated pages to the glossary: each term, where it first appears on a page.

Only running text is linked: not headings, not text that already is a link, not code, and not text
in another language than the page's (a fallback). The finished HTML of the page's content is
rewritten with ``hooks.site.htmltext``, so markup and attributes stay as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import GlossaryTerm
from ..source.content import form_pattern
from .htmltext import NOT_PROSE, Element, inside, language_of, rewrite_text

#: Where a term is not linked: links, headings, and what is not prose.
NOT_LINKED = NOT_PROSE | {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "nav"}


@dataclass(frozen=True)
class TermLink:
    """A glossary term in one language: its anchor and the pattern of its word forms."""

    id: str
    pattern: re.Pattern[str]


def term_links(glossary: Sequence[GlossaryTerm], language: str) -> list[TermLink]:
    """The terms that have word forms in ``language``, with one pattern each (longer forms first)."""
    links = []
    for term in glossary:
        forms = sorted(term.forms.values.get(language, ()), key=len, reverse=True)
        if forms:
            links.append(TermLink(term.id, re.compile("|".join(form_pattern(form) for form in forms), re.IGNORECASE)))
    return links


def link_terms(content: str, terms: Sequence[TermLink], glossary_url: str, language: str) -> str:
    """The page's HTML with the first occurrence of each term linked to ``glossary_url#<id>``."""
    linked: set[str] = set()

    def rewrite(text: str, elements: Sequence[Element]) -> str | None:
        if inside(elements, NOT_LINKED) or language_of(elements, language) != language:
            return None
        pieces: list[str] = []
        position = 0
        while True:
            found = [(match.start(), -len(match.group(0)), term.id, match) for term in terms if term.id not in linked
                     for match in [term.pattern.search(text, position)] if match is not None]
            if not found:
                break
            _, _, term_id, match = min(found, key=lambda candidate: candidate[:3])
            pieces.append(html.escape(text[position:match.start()], quote=False))
            pieces.append(f'<a class="cm-term" href="{html.escape(glossary_url)}#{term_id}">'
                          f'{html.escape(match.group(0), quote=False)}</a>')
            linked.add(term_id)
            position = match.end()
        if not pieces:
            return None
        pieces.append(html.escape(text[position:], quote=False))
        return "".join(pieces)

    return rewrite_text(content, rewrite)
