"""Place points (latitude, longitude) on a small dot map: pure arithmetic, no map data.

The municipalities' points are projected equirectangularly, with the longitude
scaled by the cosine of the region's middle latitude so that distances look right
in Central Norway (a degree of longitude is about half a degree of latitude there).
North is up. The result is in the SVG's own units; the template draws the dots.

>>> dots, width, height = place({"a": (63.0, 10.0), "b": (64.0, 12.0)}, width=200, margin=10)
>>> dots["a"], dots["b"], (width, height)
((10.0, 211.7), (190.0, 10.0), (200, 221.7))
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping


def place(
    points: Mapping[Hashable, tuple[float, float]], *, width: float = 480, margin: float = 12
) -> tuple[dict[Hashable, tuple[float, float]], float, float]:
    """Return each point's (x, y) on a map ``width`` wide, and the map's width and height."""
    if not points:
        return {}, width, 2 * margin
    latitudes = [float(lat) for lat, _lon in points.values()]
    longitudes = [float(lon) for _lat, lon in points.values()]
    middle = math.radians((min(latitudes) + max(latitudes)) / 2)
    x_span = max((max(longitudes) - min(longitudes)) * math.cos(middle), 1e-9)
    y_span = max(latitudes) - min(latitudes)
    scale = (width - 2 * margin) / x_span
    height = 2 * margin + y_span * scale
    dots = {
        key: (
            round(margin + (float(lon) - min(longitudes)) * math.cos(middle) * scale, 1),
            round(margin + (max(latitudes) - float(lat)) * scale, 1),
        )
        for key, (lat, lon) in points.items()
    }
    return dots, width, round(height, 1)
