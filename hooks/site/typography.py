"""French typography, applied by the renderer to the finished HTML so that authors write plain spaces.

French puts a space before the high punctuation marks and inside guillemets, and that space must
not break: a line that starts with "?" or ":" is a typesetting error. The choice here follows the
Imprimerie nationale's convention as most French and Belgian publishers apply it on screen:

- a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``, and inside ``« »``;
- a no-break space of full width (U+00A0) before ``:``, which the convention spaces like a word.

An ordinary space the author wrote is replaced; a missing one is added ("Groupe:" becomes
"Groupe :"). Nothing is changed inside code, preformatted text, scripts, styles or attributes (the
HTML tokenizer of ``hooks.site.htmltext`` never shows them as text), in text whose ``lang`` is not French
(a Dutch fallback on a French page), or in URLs and e-mail addresses written as text. A colon gets
a space only when a space or the end of the text follows it, so times and ratios (10:30, 1:2) and
"https://" keep theirs. A text run (the text between two tags) that starts with a space and a mark
gets that space made no-break; one that starts with the mark itself is left as it is, since the
tag before it may end a block.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .htmltext import NOT_PROSE, Element, inside, language_of, rewrite_text

NARROW_NO_BREAK_SPACE = "\u202f"
_MARKS = re.compile("[;:!?«»]")
NO_BREAK_SPACE = "\u00a0"

# URLs, e-mail addresses and domain names written as text: their "?" and ":" are not punctuation.
_NOT_WORDS = re.compile(r"\b(?:[a-z][a-z0-9+.-]*:)?//\S+|\b(?:mailto|tel|urn):\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                        re.IGNORECASE)
# A space (or none) before ; ! ? that follows a character which is not itself a space, an opening
# bracket or one of those marks ("?!" keeps its two marks together).
_BEFORE_HIGH_MARK = re.compile(r"(?<=[^\s(\[«;:!?])[ \u00a0\u202f]?(?=[;!?])")
# Before a colon followed by a space, the end of the text, or a closing guillemet or bracket.
_BEFORE_COLON = re.compile(r"(?<=[^\s(\[«;:!?])[ \u00a0\u202f]?(?=:(?:[\s»)\]]|$))")
# A text run that starts with a space and a mark follows an element ("<a>méthode STAR</a> : faites"):
# that space is the one before the mark, whatever the element ends with.
_RUN_START_HIGH_MARK = re.compile(r"^[ \u00a0\u202f](?=[;!?])")
_RUN_START_COLON = re.compile(r"^[ \u00a0\u202f](?=:(?:[\s»)\]]|$))")
_AFTER_OPENING_GUILLEMET = re.compile(r"«[ \u00a0\u202f]?(?=\S)")
_BEFORE_CLOSING_GUILLEMET = re.compile(r"(?<=\S)[ \u00a0\u202f]?»")


def french_spacing(text: str) -> str:
    """Plain text with French no-break spaces before ``; : ! ?`` and inside ``« »`` (see the module)."""
    text = _RUN_START_COLON.sub(NO_BREAK_SPACE, _RUN_START_HIGH_MARK.sub(NARROW_NO_BREAK_SPACE, text))
    parts: list[str] = []
    start = 0
    for match in _NOT_WORDS.finditer(text):
        parts.append(_space_words(text[start:match.start()]))
        parts.append(match.group(0))
        start = match.end()
    parts.append(_space_words(text[start:]))
    return "".join(parts)


def _space_words(text: str) -> str:
    text = _BEFORE_HIGH_MARK.sub(NARROW_NO_BREAK_SPACE, text)
    text = _BEFORE_COLON.sub(NO_BREAK_SPACE, text)
    text = _AFTER_OPENING_GUILLEMET.sub("«" + NARROW_NO_BREAK_SPACE, text)
    return _BEFORE_CLOSING_GUILLEMET.sub(NARROW_NO_BREAK_SPACE + "»", text)


def is_french(language: str) -> bool:
    return language == "fr" or language.startswith("fr-")


def french_typography(document: str, language: str = "") -> str:
    """An HTML page or fragment with ``french_spacing`` applied to its French prose.

    ``language`` is the page's language, for a fragment whose elements do not say it; a ``lang``
    attribute inside the document takes precedence.
    """
    def rewrite(text: str, elements: Sequence[Element]) -> str | None:
        if not _MARKS.search(text) or not is_french(language_of(elements, language)) or inside(elements, NOT_PROSE):
            return None
        spaced = french_spacing(text)
        return None if spaced == text else html.escape(spaced, quote=False)

    return rewrite_text(document, rewrite)
