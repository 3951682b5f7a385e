"""Colour contrast as WCAG 2.1 defines it, and the group colours HR may set in model/groups.yaml.

A group's colour fills the heading of its tile in the model picture, under white text, and draws
the tile's border on the light page. WCAG 2.1 AA asks 4.5:1 for that text (1.4.3) and 3:1 for the
border against the page (1.4.11); in the dark scheme the border gets a lighter shade of the same hue
(``hooks.site.palette``).
"""

from __future__ import annotations

import colorsys
import re

from ..problems import Problem, field_path
from .yamlsource import YamlDocument

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: The heading's text on a group colour.
HEADING_TEXT = "#ffffff"
#: The page behind the tiles in the light scheme (Material's default background).
LIGHT_PAGE = "#ffffff"
#: WCAG 2.1 AA: text (1.4.3), and graphics that identify a part of the page (1.4.11).
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a ``#rrggbb`` colour."""
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hls_colour(hue: float, lightness: float, saturation: float) -> str:
    """``#rrggbb`` from hue (0-360), lightness and saturation (0-1)."""
    red, green, blue = colorsys.hls_to_rgb(hue / 360 % 1, lightness, saturation)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def hls_of(colour: str) -> tuple[float, float, float]:
    """Hue (0-360), lightness and saturation (0-1) of a ``#rrggbb`` colour."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)))
    return hue * 360, lightness, saturation


def darkened(colour: str, against: str, ratio: float) -> str:
    """The colour, its lightness lowered step by step until it reaches ``ratio`` against ``against``."""
    hue, lightness, saturation = hls_of(colour)
    while contrast(colour, against) < ratio and lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        colour = hls_colour(hue, lightness, saturation)
    return colour


def group_colour_problems(document: YamlDocument) -> list[Problem]:
    """A group colour that white heading text or the light page would not stand out from."""
    problems = []
    for index, group in enumerate(document.data.get("groups") or []):
        colour = group.get("colour") if isinstance(group, dict) else None
        if not isinstance(colour, str) or not HEX_COLOUR.match(colour):
            continue  # the schema says what a colour looks like
        ratio = min(contrast(colour, HEADING_TEXT), contrast(colour, LIGHT_PAGE))
        if ratio < TEXT_CONTRAST:
            path = ("groups", index, "colour")
            problems.append(Problem(document.location(path), field_path(path),
                                    f"{colour} has a contrast of {ratio:.2f}:1 with the heading's white text; WCAG "
                                    f"2.1 AA needs {TEXT_CONTRAST}:1: choose a darker colour, such as "
                                    f"{darkened(colour, HEADING_TEXT, TEXT_CONTRAST + 0.1)}"))
    return problems
