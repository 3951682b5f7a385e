"""The colours of the groups in the model picture: the model's own, or a palette made for any number of groups.

Each group gets a heading colour (under white text, and the tile's border on the light page) and a
lighter border for the dark scheme. Both keep WCAG 2.1 AA contrast (``hooks.source.colours``); a
generated palette spreads the hues evenly around the colour wheel, starting at the site's blue, so
that neighbouring groups differ however many there are.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from ..model import Model
from ..source.colours import GRAPHIC_CONTRAST, HEADING_TEXT, TEXT_CONTRAST, contrast, darkened, hls_colour, hls_of

#: Material's dark ("slate") page background with the site's hue: hsl(215, 15%, 14%) (docs/assets/stylesheets/site.css).
SLATE_PAGE = hls_colour(215, 0.14, 0.15)
#: Where the generated palette starts: the site's blue (--cm-blue).
FIRST_HUE = 212.0
SATURATION = 0.6
#: A little above the minimum, so that rounding in a browser never takes a colour below it.
MARGIN = 0.1


@dataclass(frozen=True)
class GroupColour:
    """A group's colours: its heading (and light-scheme border), and its border in the dark scheme."""

    heading: str
    slate_border: str


def slate_border(colour: str) -> str:
    """The colour lightened, in its own hue, until it stands out from the dark page (3:1)."""
    hue, lightness, saturation = hls_of(colour)
    while contrast(colour, SLATE_PAGE) < GRAPHIC_CONTRAST + MARGIN and lightness < 1:
        lightness = min(1.0, lightness + 0.01)
        colour = hls_colour(hue, lightness, saturation)
    return colour


def generated_colour(index: int, count: int) -> str:
    """Group ``index`` of ``count``: its hue, at the lightest shade that white text still reads on."""
    hue = FIRST_HUE + index * 360 / count
    return darkened(hls_colour(hue, 0.5, SATURATION), HEADING_TEXT, TEXT_CONTRAST + MARGIN)


def group_colours(model: Model) -> dict[str, GroupColour]:
    """Every group's colours, by group id, in the model's order."""
    count = len(model.groups)
    colours = {}
    for index, group in enumerate(model.groups):
        heading = group.colour or generated_colour(index, count)
        colours[group.id] = GroupColour(heading, slate_border(heading))
    return colours


def group_colours_css(model: Model, environment: jinja2.Environment) -> str:
    """The stylesheet that gives each group's tile its colours, for the head of the model picture's page.

    In the head rather than on each tile: generated pages carry no ``style`` attribute at all.
    """
    return environment.get_template("group-colours.css.j2").render(colours=group_colours(model)).strip()
