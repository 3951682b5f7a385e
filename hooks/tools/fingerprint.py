"""The fingerprint of a source text: how a translation remembers which text it was made from.

A translation stores the fingerprint of the source-language text it translates (``translated_from``
in the model's YAML, or in a handwritten page's front matter). When the source text changes, its
fingerprint no longer matches and the translation is outdated. This works on a fresh clone, without
commit dates or any other history.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

#: How many hex digits of the SHA-256 are kept: short enough to read, long enough never to collide by chance
#: between two versions of one text. What a recorded fingerprint may look like is the schema's
#: (``hooks.source.schema.fingerprint_pattern``).
FINGERPRINT_LENGTH = 8
#: Between the items of a list. A newline cannot occur inside an item once its whitespace is normalised,
#: so ["a b"] and ["a", "b"] never share a fingerprint.
ITEM_SEPARATOR = "\n"


def normalised(text: str) -> str:
    """The text as its fingerprint sees it: Unicode NFC, runs of whitespace made one space, no ends.

    Re-wrapping a paragraph in the YAML or in Markdown, or an editor's choice of composed accents,
    does not change what a translator has to translate, so it does not outdate a translation.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(source: str | Sequence[str]) -> str:
    """The first 8 hex digits of the SHA-256 of the normalised text (a list: its items joined by a newline)."""
    canonical = normalised(source) if isinstance(source, str) else ITEM_SEPARATOR.join(normalised(item) for item in source)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
