"""The engine-free core (python -m hooks.generate): a plain MkDocs build of what it writes gives the hooks' pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, build_site
from hooks.generate import main
from hooks.site.state import load_site
from hooks.site.typography import french_typography, is_french
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml

#: A page's article: what MkDocs made of its Markdown, in the theme's frame.
ARTICLE = re.compile(r"<article.*?</article>", re.DOTALL)

# What the hooks build does to a page that a plain build of the generated Markdown cannot, each named here and
# taken out of the comparison; everything else in the article is compared byte for byte.
#: The site's status (mkdocs.yml, extra.status), which the hook puts in the page's context as MkDocs writes it.
STATUS_NOTICE = re.compile(r'\n  <div class="cm-status" role="note"[^>]*>.*?</div>\n', re.DOTALL)
#: The links to the glossary, which the hook adds to a generated page's HTML (hooks/site/glossary.py).
GLOSSARY_LINK = re.compile(r'<a class="cm-term"[^>]*>(.*?)</a>', re.DOTALL)
#: Material's edit button: the hook points it at the model file a page is made from (or leaves it out of
#: pages made from several); a plain build points it at the generated Markdown file.
EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon" rel="edit">.*?</a>', re.DOTALL)
#: Lines of nothing but spaces, which Material's templates leave around the edit button and around the
#: source-file block that they open when ``page.meta`` holds anything (the hook writes the page's description there).
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
#: The soft hyphens the hook puts in long words of headings once the site is written (hooks/site/hyphenation.py).
SOFT_HYPHEN = "\u00ad"
#: The dictionary's PDF: only ``mkdocs build`` makes it, so the hooks build links it (on the dictionary's page,
#: in the downloads list) where the generated tree's downloads page says it is missing.
PDF = re.compile(r'<p class="[^"]*cm-(?:dictionary__pdf|pdf-missing)[^"]*">.*?</p>\n?|<li>(?:(?!</li>).)*?\.pdf".*?</li>\n?',
                 re.DOTALL)


def article(html: str) -> str:
    found = ARTICLE.search(html)
    assert found is not None
    return BLANK_LINES.sub("\n", PDF.sub("", EDIT_BUTTON.sub("", found.group(0))))


def hooks_article(html: Path) -> str:
    text = html.read_text(encoding="utf-8").replace(SOFT_HYPHEN, "")
    return article(GLOSSARY_LINK.sub(r"\1", STATUS_NOTICE.sub("\n", text)))


def plain_article(html: Path, language: str) -> str:
    """The plain page's article, French pages typeset as the hook typesets every page it writes."""
    text = html.read_text(encoding="utf-8")
    return article(french_typography(text, language) if is_french(language) else text)


def _pages(folder: Path) -> set[str]:
    return {html.relative_to(folder).as_posix() for html in folder.rglob("index.html")}


def test_a_plain_mkdocs_build_of_the_generated_tree_gives_the_same_pages(real_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert main([str(out), "--config", str(PROJECT / "mkdocs.yml")]) == 0
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in settings
    assert "{{" not in "".join(page.read_text(encoding="utf-8") for page in (out / "docs").rglob("*.md"))
    home = (out / "docs" / "nl" / "index.md").read_text(encoding="utf-8")
    assert "(uitwisselen-en-samenwerken/index.md)" in home, "the model's placeholders are filled"
    result = build_site(out / "mkdocs.yml", tmp_path / "plain-site")
    assert result.returncode == 0, result.stdout + result.stderr

    languages = i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml"))
    compared, differences = 0, {"status": 0, "glossary": 0}
    for language in languages:
        # Without the hook, mkdocs-static-i18n publishes the default language at the root.
        plain_root = tmp_path / "plain-site" / ("" if language.default else language.code)
        hooks_root = real_site / language.code
        pages = {page for page in _pages(hooks_root) if not page.startswith("pagefind")}
        assert pages <= _pages(plain_root), language.code
        for page in sorted(pages):
            plain, hooked = plain_article(plain_root / page, language.code), hooks_article(hooks_root / page)
            if page.startswith("interview-kits/") and page != "interview-kits/index.html":
                # The hook leaves the kits out of search (overrides/main.html, ``searched``); a plain build cannot.
                assert "data-pagefind-body" not in hooked, f"{language.code}/{page}"
                plain = plain.replace("<div data-pagefind-body>", "<div>", 1)
            assert plain == hooked, f"{language.code}/{page}"
            text = (hooks_root / page).read_text(encoding="utf-8")
            differences["status"] += bool(STATUS_NOTICE.search(text))
            differences["glossary"] += bool(GLOSSARY_LINK.search(text))
            compared += 1
    site = load_site(PROJECT, PROJECT / "docs", languages)
    assert compared >= len(languages) * len(site.pages) > 2 * 12
    assert all(differences.values()), f"a difference named above no longer occurs: {differences}"


def test_generate_names_a_missing_mkdocs_yml_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--config", str(tmp_path / "mkdocs.yml")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "mkdocs.yml: no such file" in error


def test_generate_names_a_placeholder_it_cannot_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(PROJECT / "model", project / "model")
    shutil.copytree(PROJECT / "docs", project / "docs")
    about = project / "docs" / "fr" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nÉcrivez à {{ contact.fax }}.\n", encoding="utf-8")
    line = about.read_text(encoding="utf-8").count("\n")
    assert main([str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 1
    error = capsys.readouterr().err
    assert f"docs/fr/about.md:{line}:11: contact.fax: no such value under 'extra' in mkdocs.yml" in error, error
    assert not (tmp_path / "out").exists()
