"""Stable URLs after renames: a small redirect page at every address a competency or group used to have.

A competency's page is ``/<lang>/<group id>/<competency id>/``. When an id changes, the model keeps
the old one in ``former_ids``, and the build publishes, in every language, a page at the old address
that sends the reader (and search engines, through ``rel=canonical``) to the new one:

- a competency's former id: ``<group>/<former id>/`` → ``<group>/<id>/``;
- a group's former id: ``<former group id>/`` → ``<group>/``, and ``<former group id>/<id>/`` →
  ``<group>/<id>/`` for each of its competencies (with the competencies' own former ids too).

Redirect pages are plain HTML files written after the build, never pages of the navigation, so they
do not show up in the menu, the search or the sitemap. They carry a marker: a file without it is a
real page, and a redirect is never written over one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Competency, Group, Model, Translated
from ..problems import Location, ModelError, Problem, field_path
from ..source.load import ModelSources
from .render import template_environment
from .typography import french_typography

TEMPLATE = "redirect.html.j2"
#: Written into every redirect page; a file at an old address without it is a real page.
MARKER = '<meta name="generator" content="competency-model redirect">'


@dataclass(frozen=True)
class Redirect:
    """An old address, inside a language folder, and the page it now belongs to (both end with /)."""

    old_path: str
    new_path: str
    title: Translated[str]
    """The title of the new page, shown as the link on the redirect page."""
    former_id: str
    owner: Group | Competency
    """Whose ``former_ids`` make this address old: the group's when its id changed, else the competency's."""


def redirects(model: Model) -> list[Redirect]:
    """Every old address of the model's competencies and groups, and where it leads now."""
    found = []
    for group in model.groups:
        for former_group in group.former_ids:
            found.append(Redirect(f"{former_group}/", f"{group.id}/", group.name, former_group, group))
        for competency in model.competencies_in(group):
            new_path = f"{group.id}/{competency.id}/"
            for former in competency.former_ids:
                found.append(Redirect(f"{group.id}/{former}/", new_path, competency.name, former, competency))
            # A bookmark may hold any combination of the old group id and old competency ids.
            for former_group in group.former_ids:
                for old_id in (competency.id, *competency.former_ids):
                    found.append(Redirect(f"{former_group}/{old_id}/", new_path, competency.name, former_group, group))
    return found


def redirect_page(redirect: Redirect, language: str, source_language: str, site_url: str | None = None) -> str:
    """The HTML of one redirect page in one language.

    The refresh and the link are relative, so the site works under any address; the canonical link
    is absolute when the site's address is known, as search engines prefer.
    """
    target = posixpath.relpath(redirect.new_path, redirect.old_path) + "/"
    canonical = f"{site_url.rstrip('/')}/{language}/{redirect.new_path}" if site_url else target
    title_language = redirect.title.language_of(language, source_language)
    # A French title is typeset like every French page (hooks/site/typography.py); its lang says which it is.
    return french_typography(template_environment().get_template(TEMPLATE).render(
        language=language, target=target, canonical=canonical, marker=MARKER,
        title=redirect.title.values[title_language], title_language=title_language))


def former_id_location(redirect: Redirect, sources: ModelSources | None) -> tuple[Location, str]:
    """Where the former id behind a redirect is written: the place and field to name in a problem."""
    if isinstance(redirect.owner, Competency):
        path: tuple[str | int, ...] = ("former_ids", redirect.owner.former_ids.index(redirect.former_id))
        document = next((d for d in sources.competencies if d.display_path == redirect.owner.source_file), None) \
            if sources else None
        shown = redirect.owner.source_file
    else:
        document = sources.single.get("groups.yaml") if sources else None
        entries = document.data.get("groups", []) if document and isinstance(document.data, dict) else []
        index = next((i for i, entry in enumerate(entries) if entry.get("id") == redirect.owner.id), 0)
        path = ("groups", index, "former_ids", redirect.owner.former_ids.index(redirect.former_id))
        shown = document.display_path if document else "model/groups.yaml"
    if document is None:
        return Location(shown), "former_ids"
    return document.location(path), field_path(path)


def _page_file(site_dir: Path, language: str, path: str) -> Path:
    return site_dir / language / path / "index.html"


def write_redirects(site_dir: Path, model: Model, languages: Iterable[str], site_url: str | None = None,
                    sources: ModelSources | None = None) -> None:
    """Write every redirect page into the built site, in every language, only where its content changed.

    Raises ModelError, naming the former id's file, line and field, when an old address holds a real
    page (for example a group's former id equal to a handwritten page's name: the redirect would hide
    that page) or when one old address would lead to two pages. Nothing is written then.
    """
    problems = []
    pages: dict[Path, tuple[str, str | None]] = {}  # the page, and what the file holds now
    leads_to: dict[str, Redirect] = {}
    for redirect in redirects(model):
        first = leads_to.setdefault(redirect.old_path, redirect)
        if first.new_path != redirect.new_path:
            location, field = former_id_location(redirect, sources)
            first_location, _ = former_id_location(first, sources)
            problems.append(Problem(location, field, f"the old address {redirect.old_path} would lead both to "
                                    f"{first.new_path} (former id at {first_location}) and to {redirect.new_path}; "
                                    "keep the former id in one place"))
            continue
        for language in languages:
            target = _page_file(site_dir, language, redirect.old_path)
            existing = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
            if existing is not None and MARKER not in existing:
                location, field = former_id_location(redirect, sources)
                problems.append(Problem(location, field,
                                        f"/{language}/{redirect.old_path} is the address of a page of the site; "
                                        "a former id must not be the address of a current page"))
                continue
            pages[target] = (redirect_page(redirect, language, model.source_language, site_url), existing)
    if problems:
        raise ModelError(problems)
    for target, (html, existing) in pages.items():
        if existing != html:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
