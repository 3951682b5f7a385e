"""Two model versions online side by side (python -m hooks.versions): the files, and in Chromium the
version selector and the banner of the older version."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import PHONE, BrowserSession, axe_source, describe_violations, run_axe, screenshot, served
from git_support import edit, git, project_repository
from hooks.tools.versions import Release, VersionError, find_releases, version_key, versions_json

PAGE = "nl/handelen-en-resultaten-behalen/beslissen/"
SITE_URL = "https://competencies.example.org/"


def _versions_command(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.versions", *arguments], cwd=repository,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose 1.0.0 is tagged v1.0.0 and whose working tree is 1.1.0, built with hooks.versions."""
    repository = project_repository(tmp_path_factory.mktemp("versions") / "repository")
    facts = repository / "model" / "model.yaml"
    edit(facts, 'version: "1.1.0"', 'version: "1.0.0"')
    git(repository, "commit", "-qam", "Version 1.0.0")
    git(repository, "tag", "v1.0.0")
    edit(facts, 'version: "1.0.0"', 'version: "1.1.0"')
    # A page that only the newer version has.
    for language, title in (("nl", "Nieuw"), ("fr", "Nouveau")):
        (repository / "docs" / language / "nieuw.md").write_text(f"# {title}\n\n{title}.\n", encoding="utf-8")
    edit(repository / "mkdocs.yml", "  - faq.md\n", "  - faq.md\n  - nieuw.md\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "Version 1.1.0")
    site = repository.parent / "site"
    result = _versions_command(repository, "build", str(site), "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"Built 2 versions into {site}: 1.1.0, 1.0.0; the newest, 1.1.0, is the default.")
    return site


def test_versions_sort_as_numbers() -> None:
    assert sorted(["1.10.0", "1.9.0", "2.0.0", "1.9.1"], key=version_key) == ["1.9.0", "1.9.1", "1.10.0", "2.0.0"]


def test_versions_json_is_what_materials_selector_reads() -> None:
    entries = json.loads(versions_json([Release("1.1.0", None), Release("1.0.0", "v1.0.0")]))
    assert entries == [{"version": "1.1.0", "title": "1.1.0", "aliases": ["latest"]},
                       {"version": "1.0.0", "title": "1.0.0", "aliases": []}]


def test_a_tag_that_names_another_version_is_refused(tmp_path: Path) -> None:
    repository = project_repository(tmp_path / "repository")
    git(repository, "tag", "v0.9.0")
    with pytest.raises(VersionError, match=r"^tag v0\.9\.0: its model/model\.yaml names version 1\.1\.0; tag that "
                                           r"commit v1\.1\.0, or remove the tag$"):
        find_releases(repository)


def test_each_version_has_its_own_folder_and_addresses(two_versions: Path) -> None:
    assert sorted(path.name for path in two_versions.iterdir()) == [
        "1.0.0", "1.1.0", "404.html", "index.html", "latest", "versions.json"]
    old = (two_versions / "1.0.0" / PAGE / "index.html").read_text(encoding="utf-8")
    # Canonical and hreflang addresses name the version's own address.
    assert f'<link rel="canonical" href="{SITE_URL}1.0.0/{PAGE}">' in old
    assert f'hreflang="fr" href="{SITE_URL}1.0.0/fr/handelen-en-resultaten-behalen/beslissen/"' in old
    assert f"<loc>{SITE_URL}1.0.0/{PAGE}</loc>" in (two_versions / "1.0.0" / "sitemap.xml").read_text(encoding="utf-8")
    assert '"version": {"default": "latest", "provider": "mike"}' in old
    # The root and latest/ send the reader to the newest version.
    assert 'url=1.1.0/"' in (two_versions / "index.html").read_text(encoding="utf-8")
    latest = (two_versions / "latest" / PAGE / "index.html").read_text(encoding="utf-8")
    assert f'url=../../../../1.1.0/{PAGE}"' in latest and '<html lang="nl">' in latest
    assert "/1.1.0/" in (two_versions / "404.html").read_text(encoding="utf-8")



@pytest.fixture
def versions_session(browser: Any, two_versions: Path) -> Iterator[BrowserSession]:
    with served(two_versions) as url:
        session = BrowserSession(browser, url)
        yield session
        session.close()


@pytest.mark.browser
def test_the_selector_opens_the_same_page_in_the_other_version(versions_session: BrowserSession) -> None:
    errors: list[str] = []
    failed: list[str] = []
    page = versions_session.open(f"1.0.0/{PAGE}")
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert " ".join(banner.inner_text().split()) == ("Dit is een oudere versie van het competentiemodel. "
                                                     "Bekijk de nieuwste versie en wat er veranderd is")
    selector = page.locator(".md-version__current")
    assert selector.inner_text().strip() == "1.0.0"
    screenshot(page, "versions-old-version-banner", full_page=False)
    violations = run_axe(page, axe_source()[0])
    assert violations == [], describe_violations(violations)

    page.hover(".md-version")
    page.locator(".md-version__link", has_text="1.1.0").click()
    page.wait_for_url(f"**/1.1.0/{PAGE}")
    page.locator(".md-version__current").wait_for()
    assert page.locator(".md-version__current").inner_text().strip() == "1.1.0"
    assert page.locator("[data-md-component=outdated]").is_hidden()

    page.hover(".md-version")
    page.locator(".md-version__link", has_text="1.0.0").click()
    page.wait_for_url(f"**/1.0.0/{PAGE}")
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    assert errors == [] and failed == []
    assert versions_session.foreign_requests() == []


@pytest.mark.browser
def test_the_banner_leads_to_what_changed_in_the_newest_version(versions_session: BrowserSession) -> None:
    page = versions_session.open(f"1.0.0/{PAGE.replace('nl/', 'fr/')}")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "Ceci est une version antérieure du modèle de compétences." in banner.inner_text()
    banner.get_by_role("link").click()
    page.wait_for_url("**/1.1.0/fr/changes/")
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page.locator("[data-md-component=outdated]").is_hidden()


@pytest.mark.browser
def test_a_page_the_other_version_lacks_opens_its_start_page(versions_session: BrowserSession) -> None:
    page = versions_session.open("1.1.0/nl/nieuw/")
    page.hover(".md-version")
    page.locator(".md-version__link", has_text="1.0.0").click()
    page.wait_for_url("**/1.0.0/")
    assert page.locator("[data-md-component=outdated]").count() == 0  # the language choice has no banner


@pytest.mark.browser
def test_the_banner_and_selector_fit_a_phone(versions_session: BrowserSession) -> None:
    page = versions_session.open(f"1.0.0/{PAGE}", viewport=PHONE)
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    page.locator(".md-version__current").wait_for()
    screenshot(page, "versions-old-version-phone", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
