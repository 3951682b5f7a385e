"""The engine-free core (python -m hooks.generate): a plain MkDocs build of what it writes gives the hooks' pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, build_site
from hooks.generate import main
from hooks.site.state import load_site
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml


def article_text(html: Path) -> str:
    """The text of a page's article, every kind of space left out (French spacing is added after the build).

    Without the notice of the site's status, which the hook adds from mkdocs.yml while MkDocs writes the page,
    nor the soft hyphens it puts in headings after the build. Without the dictionary's PDF too: only
    ``mkdocs build`` makes it, and ``hooks.generate`` does not (its downloads page says the PDF is missing).
    """
    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert article is not None, html
    for left_out in article.select(".cm-status, .cm-dictionary__pdf, .cm-pdf-missing, li:has(> a[href$='.pdf'])"):
        left_out.decompose()
    return "".join(article.get_text().split()).replace("\u00ad", "")


def built_page(site: Path, markdown_path: str) -> Path:
    stem = markdown_path.removesuffix(".md")
    return site / (f"{stem.removesuffix('index')}index.html" if stem.endswith("index") or not stem else f"{stem}/index.html")


def test_a_plain_mkdocs_build_of_the_generated_tree_gives_the_same_pages(real_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert main([str(out), "--config", str(PROJECT / "mkdocs.yml")]) == 0
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in settings
    result = build_site(out / "mkdocs.yml", tmp_path / "plain-site")
    assert result.returncode == 0, result.stdout + result.stderr

    languages = i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml"))
    site = load_site(PROJECT, PROJECT / "docs", languages)
    compared = 0
    for language in languages:
        # Without the hook, mkdocs-static-i18n publishes the default language at the root.
        plain_root = tmp_path / "plain-site" / ("" if language.default else language.code)
        for path in site.pages:
            hooks_page, plain_page = built_page(real_site / language.code, path), built_page(plain_root, path)
            assert article_text(plain_page) == article_text(hooks_page), f"{language.code}/{path}"
            compared += 1
    assert compared == len(languages) * len(site.pages) > 2 * 12


def test_generate_names_a_missing_mkdocs_yml_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--config", str(tmp_path / "mkdocs.yml")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "mkdocs.yml: no such file" in error
