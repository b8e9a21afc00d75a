"""The coverage table for coordinators: in the terminal, and as one self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.coverage import Coverage
from imhbot.content.models import AGE_BANDS, Content


def coverage_text(content: Content, tables: Sequence[Coverage]) -> str:
    labels = {c: content.concern(c).label for c in CONCERN_IDS}
    width = max(len(label) for label in labels.values())
    bands = [band.name for band in AGE_BANDS]
    blocks = []
    for table in tables:
        lines = [f"{table.name} ({len(table.gaps())} lege vakjes)"]
        lines.append(" " * width + "".join(f"{band:>11}" for band in bands))
        for concern in CONCERN_IDS:
            counts = (table.count(concern, band) for band in bands)
            cells = "".join(f"{count if count else '-':>11}" for count in counts)
            lines.append(f"{labels[concern]:<{width}}{cells}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n\nEen - is een leeg vakje: daar is nog geen aanbieder.\n"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; line-height: 1.4; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #bbb; padding: .3rem .6rem; }
td { text-align: center; min-width: 4rem; }
th[scope=row] { text-align: left; font-weight: normal; }
td.gap { background: #f8d7da; color: #842029; font-weight: bold; }
td.few { background: #fff3cd; }
td.many { background: #d1e7dd; }
caption { text-align: left; font-weight: bold; font-size: 1.2rem; padding: .5rem 0; }
"""


def coverage_html(content: Content, tables: Sequence[Coverage], today: dt.date) -> str:
    sections = "\n".join(_table(content, table) for table in tables)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dekking van het aanbod</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>Dekking van het aanbod</h1>
<p>Per regio: hoeveel aanbieders er zijn voor elke zorg en leeftijd (stand van {today:%d-%m-%Y}).
Een rood vakje betekent dat er nog geen aanbieder is. Landelijke aanbieders staan apart.</p>
{sections}
</body>
</html>
"""


def _table(content: Content, table: Coverage) -> str:
    head = "".join(f'<th scope="col">{escape(band.name)}</th>' for band in AGE_BANDS)
    rows = []
    for concern in CONCERN_IDS:
        cells = "".join(_cell(table.count(concern, band.name)) for band in AGE_BANDS)
        label = escape(content.concern(concern).label)
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    caption = f"{escape(table.name)}: {len(table.gaps())} lege vakjes"
    return (
        f"<table>\n<caption>{caption}</caption>\n"
        f'<tr><th scope="col">Zorg</th>{head}</tr>\n' + "\n".join(rows) + "\n</table>"
    )


def _cell(count: int) -> str:
    kind = "gap" if count == 0 else "few" if count == 1 else "many"
    return f'<td class="{kind}">{count}</td>'
