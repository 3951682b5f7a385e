"""Every published address resolves to a built file: canonical links, hreflang alternates, Open Graph
URLs, sitemaps and redirects, over the whole built site (tier 3), and the address helpers (tier 1)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from hooks.site.addresses import PublishedPage, absolute_url, hreflang_links, language_choice_entry, sitemap
from hooks.site.redirects import MARKER
from hooks.source.siteconfig import read_mkdocs_yml
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
#: The two built sites: the real one, and the fixture with former ids (redirects) and a third language.
SITES = {"real_site": PROJECT / "mkdocs.yml", "five_groups_site": FIXTURES / "five-groups" / "mkdocs.yml"}


# --- Tier 1: the helpers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("site_url", "path", "expected"), [
    ("https://example.org/", "nl/beslissen/", "https://example.org/nl/beslissen/"),
    ("https://example.org", "nl/", "https://example.org/nl/"),
    ("https://example.org/competencies/", "fr/about/", "https://example.org/competencies/fr/about/"),
    ("https://example.org/competencies", "", "https://example.org/competencies/"),
    ("https://example.org/competencies/", "./", "https://example.org/competencies/"),
    ("https://example.org/competencies/", "/nl/", "https://example.org/competencies/nl/"),
])
def test_absolute_url_stays_under_the_sites_address(site_url: str, path: str, expected: str) -> None:
    assert absolute_url(site_url, path) == expected


def test_hreflang_links_are_absolute_with_x_default_at_the_language_choice() -> None:
    links = hreflang_links("https://example.org/site/", {"nl": "nl/a/", "fr": "fr/a/"})
    assert links == [("nl", "https://example.org/site/nl/a/"), ("fr", "https://example.org/site/fr/a/"),
                     ("x-default", "https://example.org/site/")]


def test_sitemap_is_well_formed_and_escapes_addresses() -> None:
    pages = [language_choice_entry(["nl", "fr"]),
             PublishedPage("nl", "nl/a&b/", {"nl": "nl/a&b/", "fr": "fr/a&b/"})]
    root = ElementTree.fromstring(sitemap("https://example.org/", pages))
    urls = root.findall("s:url", SITEMAP_NS)
    assert [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in urls] == [
        "https://example.org/", "https://example.org/nl/a&b/"]
    alternates = {link.get("hreflang"): link.get("href") for link in urls[1].findall("x:link", SITEMAP_NS)}
    assert alternates == {"nl": "https://example.org/nl/a&b/", "fr": "https://example.org/fr/a&b/",
                          "x-default": "https://example.org/"}


# --- Tier 3: the built sites ------------------------------------------------------------------------

def _site_url(config: Path) -> str:
    return str(read_mkdocs_yml(config)["site_url"])


def _built_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file a published address serves, or None when the address is not under the site's."""
    if not url.startswith(site_url):
        return None
    path = urlsplit(url[len(site_url):]).path
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def published_addresses(site: Path, site_url: str) -> list[tuple[str, str, str]]:
    """Every (where, what, address) the site publishes about its own pages, in every page and sitemap."""
    found: list[tuple[str, str, str]] = []
    for html in sorted(site.rglob("*.html")):
        where = html.relative_to(site).as_posix()
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("link[rel=canonical]"):
            found.append((where, "canonical", attr(link, "href")))
        for link in soup.select("link[rel=alternate][hreflang]"):
            found.append((where, f"hreflang {attr(link, 'hreflang')}", attr(link, "href")))
        for meta in soup.select('meta[property="og:url"]'):
            found.append((where, "og:url", attr(meta, "content")))
        refresh = soup.select_one('meta[http-equiv="refresh"]')
        if refresh is not None:  # a redirect's target is relative; it is resolved where the page is published
            target = attr(refresh, "content").split("url=", 1)[1]
            page_url = absolute_url(site_url, where.removesuffix("index.html"))
            found.append((where, "redirect", urljoin(page_url, target)))
    for map_file in sorted(site.rglob("sitemap.xml")):
        where = map_file.relative_to(site).as_posix()
        root = ElementTree.fromstring(map_file.read_bytes())
        for url in root.findall("s:url", SITEMAP_NS):
            found.append((where, "loc", url.findtext("s:loc", default="", namespaces=SITEMAP_NS)))
            for alternate in url.findall("x:link", SITEMAP_NS):
                found.append((where, f"hreflang {alternate.get('hreflang')}", alternate.get("href", "")))
    return found


@pytest.mark.parametrize("site_fixture", SITES)
def test_every_published_address_resolves_to_a_built_file(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    site_url = _site_url(SITES[site_fixture])
    addresses = published_addresses(site, site_url)
    kinds = {what.split()[0] for _, what, _ in addresses}
    assert {"canonical", "hreflang", "og:url", "loc"} <= kinds, kinds
    if site_fixture == "five_groups_site":
        assert "redirect" in kinds, "the fixture's former ids should have made redirect pages"
    broken = []
    for where, what, url in addresses:
        target = _built_file(site, site_url, url)
        if target is None or not target.is_file():
            broken.append(f"{where}: {what} {url}" + (" is not under the site's address" if target is None else ""))
    assert not broken, f"{len(broken)} of {len(addresses)} published addresses lead nowhere:\n" + "\n".join(broken)


def _pages(site: Path) -> list[Path]:
    """The site's pages: every index.html but redirects' (the root's language choice included)."""
    return [html for html in sorted(site.rglob("index.html")) if MARKER not in html.read_text(encoding="utf-8")]


def _path(html: Path, folder: Path) -> str:
    """The address of a built page relative to ``folder``, as MkDocs writes it: "" or ending with /."""
    relative = html.parent.relative_to(folder).as_posix()
    return "" if relative == "." else relative + "/"


def test_dutch_pages_are_published_with_their_folder(real_site: Path) -> None:
    """The default language lives under /nl/ like the others: its canonical address says so."""
    site_url = _site_url(SITES["real_site"])
    for html in _pages(real_site / "nl"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        folder = html.parent.relative_to(real_site).as_posix() + "/"
        assert attr(one(soup, "link[rel=canonical]"), "href") == site_url + folder


def test_the_sitemap_lists_every_page_once_with_its_alternates(real_site: Path) -> None:
    site_url = _site_url(SITES["real_site"])
    maps = sorted(path.relative_to(real_site).as_posix() for path in real_site.rglob("sitemap.xml*"))
    assert maps == ["sitemap.xml", "sitemap.xml.gz"]
    text = (real_site / "sitemap.xml").read_bytes()
    assert gzip.decompress((real_site / "sitemap.xml.gz").read_bytes()) == text
    urls = ElementTree.fromstring(text).findall("s:url", SITEMAP_NS)
    listed = [url.findtext("s:loc", default="", namespaces=SITEMAP_NS) for url in urls]
    assert sorted(listed) == sorted(absolute_url(site_url, _path(html, real_site)) for html in _pages(real_site))
    assert len(listed) == len(set(listed))
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)}
        assert set(alternates) == {"nl", "fr", "x-default"}, url.findtext("s:loc", namespaces=SITEMAP_NS)
        assert alternates["x-default"] == site_url


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_page_names_itself_in_every_language_and_the_choice_as_x_default(real_site: Path,
                                                                                 language: str) -> None:
    site_url = _site_url(SITES["real_site"])
    for html in _pages(real_site / language):
        path = _path(html, real_site / language)
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert alternates == {"nl": f"{site_url}nl/{path}", "fr": f"{site_url}fr/{path}", "x-default": site_url}, html
        assert attr(one(soup, 'meta[property="og:url"]'), "content") == f"{site_url}{language}/{path}"


def test_the_language_choice_names_each_home_page_and_itself(real_site: Path) -> None:
    site_url = _site_url(SITES["real_site"])
    soup = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert attr(one(soup, "link[rel=canonical]"), "href") == site_url
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {"nl": f"{site_url}nl/", "fr": f"{site_url}fr/", "x-default": site_url}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_language_switch_links_to_the_same_page(real_site: Path, language: str) -> None:
    """The switch's links go straight to the page in the other language: no sitemap is needed to find it."""
    site_url = _site_url(SITES["real_site"])
    for html in _pages(real_site / language):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        # The page's own language is shown as text, not linked (overrides/partials/alternate.html).
        links = soup.select("a.cm-languages__link[hreflang]")
        assert {attr(link, "hreflang") for link in links} == {"nl", "fr"} - {language}, html
        current = one(soup, ".cm-languages__current").parent
        assert current is not None and attr(current, "lang") == language, html
        for link in links:
            target = urljoin(absolute_url(site_url, _path(html, real_site)), attr(link, "href"))
            assert _built_file(real_site, site_url, target) == real_site / attr(link, "hreflang") / html.relative_to(
                real_site / language), (html, attr(link, "href"))
