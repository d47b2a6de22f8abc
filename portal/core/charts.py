"""Charts drawn by the server as SVG geometry for a template: no script, no library, no
inline style (colours come from classes in the stylesheet), each shown beside its table.

`columns` draws a value per day (or any series in order) as vertical bars with a scale;
`bars` draws labelled values as horizontal bars, longest first as given.
"""

from dataclasses import dataclass, field

WIDTH = 720
COLUMNS_HEIGHT = 220
LEFT, BOTTOM, TOP = 56, 28, 12
MOST_X_LABELS = 8
BAR_ROW = 30
LABEL_WIDTH = 250
LABEL_CHARACTERS = 16


def scale_top(largest):
    """The smallest 1, 2 or 5 × 10ⁿ at or above the largest value (1 for an empty chart)."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if top * step >= largest:
                return top * step
        top *= 10


@dataclass
class Shape:
    x: float
    y: float
    width: float = 0
    height: float = 0
    text: str = ""
    css: str = ""


@dataclass
class Chart:
    title: str
    width: int
    height: int
    shapes: list = field(default_factory=list)  # bars: rect
    ticks: list = field(default_factory=list)  # scale lines with their value
    labels: list = field(default_factory=list)  # text under or beside bars
    values: list = field(default_factory=list)  # a bar's number at its end
    empty: bool = False


def columns(title, points, css="chart-bar"):
    """points: [(label, value)] in order."""
    chart = Chart(title, WIDTH, COLUMNS_HEIGHT, empty=not any(value for _, value in points))
    top = scale_top(max((value for _, value in points), default=0))
    plot_width, plot_height = WIDTH - LEFT - 8, COLUMNS_HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    for quarter in range(5):
        value = top * quarter / 4
        y = baseline - plot_height * quarter / 4
        chart.ticks.append(
            Shape(LEFT, y, plot_width, text=f"{value:,.0f}" if value % 1 == 0 else f"{value:,.1f}")
        )
    step = plot_width / max(len(points), 1)
    every = max(1, -(-len(points) // MOST_X_LABELS))
    for number, (label, value) in enumerate(points):
        height = plot_height * value / top
        x = LEFT + number * step
        chart.shapes.append(
            Shape(
                x + step * 0.1,
                baseline - height,
                max(step * 0.8, 1),
                height,
                f"{label}：{value:,}",
                css,
            )
        )
        if number % every == 0:
            chart.labels.append(Shape(x + step / 2, COLUMNS_HEIGHT - 8, text=str(label)))
    return chart


def bars(title, points, css="chart-bar"):
    """points: [(label, value)] or [(label, value, css)]; one row each."""
    chart = Chart(title, WIDTH, max(len(points), 1) * BAR_ROW + 8, empty=not points)
    top = max((point[1] for point in points), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 80
    for number, point in enumerate(points):
        label, value = point[0], point[1]
        y = 4 + number * BAR_ROW
        short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
        chart.labels.append(Shape(LABEL_WIDTH - 8, y + BAR_ROW / 2 + 4, text=short))
        width = room * value / top
        chart.shapes.append(
            Shape(
                LABEL_WIDTH,
                y + 4,
                max(width, 1 if value else 0),
                BAR_ROW - 10,
                f"{label}：{value:,}",
                point[2] if len(point) > 2 else css,
            )
        )
        chart.values.append(Shape(LABEL_WIDTH + width + 6, y + BAR_ROW / 2 + 4, text=f"{value:,}"))
    return chart
