"""The site's published addresses: absolute URLs, hreflang alternates and sitemap.xml.

Every language, the default one too, lives in its own folder, and the site root is the language
choice. Search engines get one cluster of alternates per page: the page in each language, and
``x-default`` (the reader whose language is none of them) at the language choice.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from .render import template_environment

SITEMAP = "sitemap.xml"
X_DEFAULT = "x-default"


def absolute_url(site_url: str, path: str) -> str:
    """The published address of ``path`` (relative to the site root, as MkDocs' ``File.url``)."""
    return urljoin(site_url.rstrip("/") + "/", "" if path in (".", "./") else path.lstrip("/"))


@dataclass(frozen=True)
class PublishedPage:
    """A page of one language and the same page in every language (itself included), as site paths."""

    language: str
    path: str
    alternates: Mapping[str, str] = field(default_factory=dict)


def hreflang_links(site_url: str, alternates: Mapping[str, str]) -> list[tuple[str, str]]:
    """Absolute (hreflang, URL) pairs for a page's alternates, with ``x-default`` at the language choice."""
    links = [(language, absolute_url(site_url, path)) for language, path in alternates.items()]
    return [*links, (X_DEFAULT, absolute_url(site_url, ""))]


def language_choice_entry(languages: Iterable[str]) -> PublishedPage:
    """The site root, the language choice: its alternates are each language's home page."""
    return PublishedPage(X_DEFAULT, "", {language: f"{language}/" for language in languages})


def sitemap(site_url: str, pages: Iterable[PublishedPage]) -> str:
    """sitemap.xml for the pages of every language, each with its hreflang alternates."""
    entries = [(absolute_url(site_url, page.path), hreflang_links(site_url, page.alternates)) for page in pages]
    return template_environment().get_template("sitemap.xml.j2").render(entries=entries)


def write_sitemap(site_dir: Path, site_url: str, pages: Iterable[PublishedPage]) -> None:
    """Write sitemap.xml and its gzipped copy at the site root, only when their content changed."""
    text = sitemap(site_url, pages).encode("utf-8")
    _write_if_changed(site_dir / SITEMAP, text)
    # mtime=0: the same sitemap gives the same bytes, so an unchanged site is not rewritten
    _write_if_changed(site_dir / f"{SITEMAP}.gz", gzip.compress(text, mtime=0))


def _write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)
