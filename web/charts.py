"""Charts drawn on the server as SVG, so that they need no script and no library.

Every chart has a text alternative (its title and description) and the page beside it shows
the same numbers as a table, which is where screen-reader and keyboard users read them.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from web.statistics import Timeline

# Five colours far enough apart to tell apart and each at least 4.5:1 against white.
CATEGORY_COLOURS = ("#1f5fa8", "#a35200", "#1b7a4a", "#8a3ea0", "#b8283a")

WIDTH, HEIGHT = 880, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 36


def category_colour(position: int) -> str:
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def nice_ticks(peak: int, *, most: int = 5) -> list[int]:
    """Round axis values from 0 to at least ``peak``: 0, 5, 10 … or 0, 20, 40 …"""
    if peak <= 0:
        return [0, 1]
    raw = peak / most
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    top = -(-peak // step) * step
    return list(range(0, top + 1, step))


def timeline_svg(timeline: Timeline, *, title: str, description: str) -> SafeString:
    """Stacked bars of provisions per year, one colour per migration category."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    ticks = nice_ticks(timeline.peak)
    scale = plot_height / ticks[-1]
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title chart-desc" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>',
            WIDTH,
            HEIGHT,
            title,
            description,
        )
    ]
    for tick in ticks:
        y = TOP + plot_height - tick * scale
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                _n(y),
                _n(y),
                LEFT - 6,
                _n(y + 4),
                tick,
            )
        )
    if timeline.years:
        band = plot_width / len(timeline.years)
        bar = max(2.0, band * 0.72)
        for index, year in enumerate(timeline.years):
            x = LEFT + index * band + (band - bar) / 2
            base = TOP + plot_height
            for position, category in enumerate(timeline.categories):
                n = timeline.count(year, category.slug)
                if not n:
                    continue
                height = n * scale
                base -= height
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {}, {} {}</title></rect>",
                        _n(x),
                        _n(base),
                        _n(bar),
                        _n(height),
                        category_colour(position),
                        year,
                        category.name,
                        n,
                        "provision" if n == 1 else "provisions",
                    )
                )
            if year % 5 == 0 or len(timeline.years) <= 12:
                parts.append(
                    format_html(
                        '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                        _n(LEFT + index * band + band / 2),
                        HEIGHT - BOTTOM + 18,
                        year,
                    )
                )
    parts.append(
        format_html(
            '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            LEFT,
            WIDTH - RIGHT,
            TOP + plot_height,
            TOP + plot_height,
        )
    )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped by format_html


def legend_html(timeline: Timeline) -> SafeString:
    return format_html(
        '<ul class="legend">{}</ul>',
        format_html_join(
            "",
            # A tiny SVG rather than a styled span: the site's CSP forbids inline styles.
            '<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            '<rect width="10" height="10" fill="{}"/></svg>{}</li>',
            ((category_colour(i), c.name) for i, c in enumerate(timeline.categories)),
        ),
    )


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
