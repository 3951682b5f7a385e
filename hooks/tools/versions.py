"""Every published version of the model online side by side: each one built into ``<site>/<version>/``.

A version is published by a git tag ``v<version>`` (``v1.1.0``) on the commit that published it; the
working tree is the newest version, under the version its ``model/model.yaml`` names. Each version is
built from its own files (a tag's tree is exported, never checked out) with MkDocs, with two settings
added through a configuration that inherits the project's ``mkdocs.yml``:

- ``site_url`` is ``<site url>/<version>/``: every page's canonical address, hreflang alternates and
  sitemap name the version's own address (an old version's pages say what they said, at a stable
  address);
- ``extra.version`` turns on Material's version selector (the ``mike`` convention it reads: a
  ``versions.json`` beside the version folders).

Beside the version folders, the site gets ``versions.json`` (newest first, the newest with the alias
``latest``), ``latest/``: a redirect page for every page of the newest version, so that a link to
``/latest/nl/…`` always opens the newest text, ``index.html``, which sends the reader to the newest
version, and the newest version's ``404.html``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..site.render import template_environment
from .git import GitError, run_git

TAG_PREFIX = "v"
#: The alias of the newest version: Material's default for "not outdated", and the folder of redirects.
LATEST = "latest"
#: The configuration written beside a version's mkdocs.yml for its build, and removed after it.
VERSION_CONFIG = ".mkdocs-version.yml"
_VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
_REDIRECT_TEMPLATE = "version-redirect.html.j2"


class VersionError(Exception):
    """A version that cannot be found or built: the message says which and why."""


@dataclass(frozen=True)
class Release:
    """One version of the model and where its files come from: a git tag, or the working tree (``tag`` None)."""

    version: str
    tag: str | None

    @property
    def source(self) -> str:
        return f"tag {self.tag}" if self.tag else "the working tree"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key: numbers compared as numbers (1.10.0 after 1.9.0), other parts as text after them."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.-]", version))


def _git(root: Path, *arguments: str) -> bytes:
    try:
        return run_git(root, *arguments)
    except GitError as error:
        raise VersionError(f"{error} (the published versions are read from git tags)") from None


def _model_version(text: str, where: str) -> str:
    try:
        facts = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise VersionError(f"{where}: model/model.yaml cannot be read ({error})") from None
    version = facts.get("version") if isinstance(facts, dict) else None
    if not isinstance(version, str) or not _VERSION_PATTERN.match(version):
        raise VersionError(f"{where}: model/model.yaml has no usable version (found {version!r}; expected "
                           "letters, digits, dots and dashes, such as \"1.1.0\")")
    return version


def find_releases(root: Path) -> list[Release]:
    """The published versions (tags ``v*``) and the working tree's version, newest first.

    A tag whose model names another version than the tag is refused: the address would not be the one
    the tag promises. When the working tree has the version of a tag, the working tree is built.
    """
    current = _model_version((root / "model" / "model.yaml").read_text(encoding="utf-8"), "the working tree")
    releases = {current: Release(current, None)}
    tags = _git(root, "tag", "--list", f"{TAG_PREFIX}*").decode().split()
    for tag in tags:
        text = _git(root, "show", f"{tag}:model/model.yaml").decode("utf-8", "replace")
        version = _model_version(text, f"tag {tag}")
        if tag != TAG_PREFIX + version:
            raise VersionError(f"tag {tag}: its model/model.yaml names version {version}; tag that commit "
                               f"{TAG_PREFIX}{version}, or remove the tag")
        releases.setdefault(version, Release(version, tag))
    return sorted(releases.values(), key=lambda release: version_key(release.version), reverse=True)


@contextmanager
def _release_tree(root: Path, release: Release) -> Iterator[Path]:
    """The folder holding the release's files: the working tree, or the tag's tree exported to a temporary folder."""
    if release.tag is None:
        yield root
        return
    archive = _git(root, "archive", "--format=tar", release.tag)
    with tempfile.TemporaryDirectory(prefix=f"version-{release.version}-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder)


def _version_config(site_url: str, version: str) -> str:
    settings = {"INHERIT": "mkdocs.yml", "site_url": f"{site_url.rstrip('/')}/{version}/",
                "extra": {"version": {"provider": "mike", "default": LATEST}}}
    return "# Written for one version's build by python -m hooks.versions, and removed after it.\n" + \
        yaml.safe_dump(settings, sort_keys=False)


def build_release(root: Path, release: Release, site_url: str, target: Path) -> None:
    """Build one version with MkDocs (``--strict``) into ``target``."""
    with _release_tree(root, release) as tree:
        config = tree / VERSION_CONFIG
        config.write_text(_version_config(site_url, release.version), encoding="utf-8")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                 "--site-dir", str(target)],
                cwd=tree, capture_output=True, text=True, check=False,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        finally:
            config.unlink(missing_ok=True)
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise VersionError(f"version {release.version} ({release.source}) does not build:\n{output}")


def versions_json(releases: Sequence[Release]) -> str:
    """What Material's version selector reads: every version, newest first, the newest aliased ``latest``."""
    entries = [{"version": release.version, "title": release.version,
                "aliases": [LATEST] if index == 0 else []} for index, release in enumerate(releases)]
    return json.dumps(entries, indent=2) + "\n"


def _page_head(html: str) -> tuple[str, str]:
    """The language and title of a built page (for its redirect page)."""
    language = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return (language.group(1) if language else "", title.group(1).strip() if title else "")


def _redirect_page(page: Path, version: str, target: str) -> str:
    """A page that sends the reader to ``target``, titled and in the language of the built ``page``."""
    language, title = _page_head(page.read_text(encoding="utf-8"))
    template = template_environment().get_template(_REDIRECT_TEMPLATE)
    return template.render(language=language, title=title, version=version, target=target)


def write_latest(site: Path, newest: str) -> int:
    """Under ``latest/``, a redirect page for every page of the newest version; returns how many."""
    folder = site / newest
    count = 0
    for page in sorted(folder.rglob("index.html")):
        path = page.parent.relative_to(folder).as_posix()
        path = "" if path == "." else f"{path}/"
        redirect = site / LATEST / path / "index.html"
        redirect.parent.mkdir(parents=True, exist_ok=True)
        target = "../" * (path.count("/") + 1) + f"{newest}/{path}"
        redirect.write_text(_redirect_page(page, newest, target), encoding="utf-8")
        count += 1
    return count


def write_root(site: Path, releases: Sequence[Release]) -> None:
    """versions.json, the redirects of ``latest/``, the root page (to the newest version) and the 404 page."""
    newest = releases[0].version
    (site / "versions.json").write_text(versions_json(releases), encoding="utf-8")
    shutil.rmtree(site / LATEST, ignore_errors=True)
    write_latest(site, newest)
    (site / "index.html").write_text(_redirect_page(site / newest / "index.html", newest, f"{newest}/"),
                                     encoding="utf-8")
    not_found = site / newest / "404.html"
    if not_found.is_file():
        shutil.copyfile(not_found, site / "404.html")


def build_versions(root: Path, site: Path, site_url: str) -> list[Release]:
    """Build every version into ``site/<version>/`` and write the files they share."""
    releases = find_releases(root)
    site.mkdir(parents=True, exist_ok=True)
    for release in releases:
        build_release(root, release, site_url, site / release.version)
    write_root(site, releases)
    return releases
