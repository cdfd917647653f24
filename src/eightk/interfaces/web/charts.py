"""Bar charts as SVG, drawn on the server (no script, no library): counts per year, stacked by
series (event types, or filings / items / events). Colours come from the stylesheet (classes
``s0``..``s9``), so the markup carries no style."""

from __future__ import annotations

from markupsafe import Markup, escape

_W, _H, _LEFT, _BOTTOM, _TOP = 640, 220, 40, 24, 10
_SERIES_CLASSES = 10


def stacked_bars(counts: dict[str, dict[int, int]], *, label: str) -> Markup:
    """``counts``: series -> year -> count. One bar per year (every year between the first and
    the last), its series stacked; a legend below. ``label`` is the chart's accessible name."""
    years = sorted({y for per in counts.values() for y in per})
    if not years:
        return Markup('<p class="empty">Nothing to chart yet.</p>')
    years = list(range(years[0], years[-1] + 1))
    totals = {y: sum(per.get(y, 0) for per in counts.values()) for y in years}
    top = max(totals.values()) or 1
    plot_w, plot_h = _W - _LEFT - 8, _H - _BOTTOM - _TOP
    step = plot_w / len(years)
    bar = min(48.0, max(2.0, step * 0.7))
    parts = [f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(label)}">',
             f"<title>{escape(label)}</title>",
             f'<line class="axis" x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_W - 8}" y2="{_TOP + plot_h}"/>',
             f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + 4}" text-anchor="end">{top}</text>',
             f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + plot_h}" text-anchor="end">0</text>']
    names = list(counts)
    for i, y in enumerate(years):
        x = _LEFT + i * step + (step - bar) / 2
        base = float(_TOP + plot_h)
        for s, name in enumerate(names):
            n = counts[name].get(y, 0)
            if not n:
                continue
            h = plot_h * n / top
            base -= h
            parts.append(f'<rect class="s{s % _SERIES_CLASSES}" x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}"><title>{y} {escape(name)}: {n}</title></rect>')
        if len(years) <= 12 or i % max(1, len(years) // 10) == 0:
            parts.append(f'<text class="tick" x="{x + bar / 2:.1f}" y="{_H - 6}" text-anchor="middle">{y}</text>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="key s{s % _SERIES_CLASSES}"></span>{escape(name)}</li>'
                     for s, name in enumerate(names))
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')


__all__ = ["stacked_bars"]
