"""Group colours keep WCAG 2.1 AA contrast in both colour schemes, for the model's own and for 1 to 12 generated ones."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from hooks.site.palette import SLATE_PAGE, generated_colour, group_colours, slate_border
from hooks.site.state import load_site
from hooks.source.colours import contrast, hls_colour
from hooks.source.siteconfig import read_site_config

PROJECT = Path(__file__).resolve().parents[1]
WHITE = "#ffffff"


def slate_page_from_the_stylesheets() -> str:
    """The dark scheme's page background as the browser computes it: Material's hsla() with the site's hue."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    site_css = (PROJECT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    slate = re.search(r'\[data-md-color-scheme="slate"\] \{(.*?)\}', site_css, re.DOTALL)
    assert slate is not None
    hue = re.search(r"--md-hue:\s*(\d+)", slate.group(1))
    assert hue is not None
    palette_css = next((Path(spec.origin).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    background = re.search(r"slate\][^}]*--md-default-bg-color:hsla\(var\(--md-hue\),\s*(\d+)%,\s*(\d+)%",
                           palette_css.read_text(encoding="utf-8"))
    assert background is not None
    return hls_colour(int(hue.group(1)), int(background.group(2)) / 100, int(background.group(1)) / 100)


def test_the_dark_page_background_is_the_one_the_stylesheets_give() -> None:
    assert slate_page_from_the_stylesheets() == SLATE_PAGE


@pytest.mark.parametrize("count", range(1, 13))
def test_a_generated_palette_keeps_aa_contrast_in_both_schemes(count: int) -> None:
    headings = [generated_colour(index, count) for index in range(count)]
    assert len(set(headings)) == count
    for heading in headings:
        assert contrast(heading, WHITE) >= 4.5  # the heading's white text, and the border on the light page
        assert contrast(slate_border(heading), SLATE_PAGE) >= 3.0  # the border on the dark page


def test_the_real_model_keeps_its_own_colours() -> None:
    _, languages = read_site_config(PROJECT / "mkdocs.yml")
    model = load_site(PROJECT, PROJECT / "docs", languages).model
    colours = group_colours(model)
    assert [colours[group.id].heading for group in model.groups] == ["#1a4f8b", "#1f6b4f", "#6b3d8f", "#9a4410"]
    for colour in colours.values():
        assert contrast(colour.heading, WHITE) >= 4.5 and contrast(colour.slate_border, SLATE_PAGE) >= 3.0
