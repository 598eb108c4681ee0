"""The weekly digest's chart: tickets filed per day, stacked by type, as a PNG.

matplotlib is imported when a chart is drawn, not when Guichet starts (it takes a second), and
used through its object API with the Agg canvas: no pyplot, no global figure state, so charts
may be drawn in a worker thread while the bot keeps answering Slack.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence

from bot.domain.models import Language, TicketType
from bot.domain.stats import Day
from bot.locales.i18n import t, type_name

# Okabe & Ito's palette: told apart by colour-blind readers too.
COLORS: dict[TicketType, str] = {
    TicketType.INCIDENT: "#D55E00",
    TicketType.SERVICE_REQUEST: "#0072B2",
    TicketType.PROBLEM: "#CC79A7",
    TicketType.INFORMATION_REQUEST: "#009E73",
    TicketType.IMPROVEMENT_REQUEST: "#E69F00",
    TicketType.TRAINING_REQUEST: "#56B4E9",
    TicketType.EMERGENCY: "#000000",
}
SIZE_INCHES = (9.0, 4.8)
DPI = 100
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DRAWING = threading.Lock()  # matplotlib's font and text caches are shared: one chart at a time


def day_label(day: Day, language: Language) -> str:
    """``Mon 5`` / ``lun. 5``."""
    weekday = t(language, f"vocabulary.weekday.{WEEKDAY_KEYS[day.day.weekday()]}")
    return f"{weekday} {day.day.day}"


def tickets_per_day_png(days: Sequence[Day], language: Language, title: str) -> bytes:
    """A stacked bar chart of ``days`` (one bar a day, one colour a type) in ``language``."""
    with _DRAWING:
        return _draw(days, language, title)


def _draw(days: Sequence[Day], language: Language, title: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(days)))
    bottoms = [0] * len(days)
    for ticket_type in TicketType:
        heights = [day.counts.get(ticket_type, 0) for day in days]
        if not any(heights):
            continue
        axes.bar(
            positions,
            heights,
            bottom=bottoms,
            width=0.7,
            color=COLORS[ticket_type],
            edgecolor="white",
            linewidth=0.5,
            label=type_name(language, ticket_type),
        )
        bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
    for position, total in zip(positions, bottoms, strict=True):
        if total:
            axes.annotate(
                str(total),
                (position, total),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10,
            )
    axes.set_xticks(positions, [day_label(day, language) for day in days], fontsize=10)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*bottoms, 1]) * 1.15)
    axes.set_ylabel(t(language, "reports.digest.chart_axis"), fontsize=10)
    axes.set_title(title, fontsize=12, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    if any(bottoms):  # listed top-down as the colours are stacked
        handles, labels = axes.get_legend_handles_labels()
        axes.legend(
            handles[::-1],
            labels[::-1],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=9,
        )
    figure.tight_layout()
    output = io.BytesIO()
    figure.savefig(output, format="png", metadata={"Software": None})
    return output.getvalue()
