"""Build the HTML briefings: execute notebooks, export HTML, keep ``reports/`` consistent.

``datong build`` calls :func:`build`. Notebooks call :func:`publish_headlines` to put two
or three headline figures on the index page. Importing this package is cheap: papermill
and nbconvert load only when a briefing actually has to be built.

Headlines
---------
A notebook publishes its headline figures with::

    from datong_lib.publish import publish_headlines
    publish_headlines([
        {"label": "地区生产总值", "value": "1,200", "unit": "亿元", "note": "2024"},
        {"label": "游客", "value": 7000, "unit": "万人次"},
    ])

The call displays one output whose MIME type is ``application/vnd.datong.headlines+json``
(plus a plain-text version for JupyterLab). The build reads the last such output from
the executed notebook, stores the figures in ``reports/manifest.json`` and shows them on
``reports/index.html``; the briefing's own HTML leaves the output out.
"""

from __future__ import annotations

import json

HEADLINES_MIME = "application/vnd.datong.headlines+json"
MAX_HEADLINES = 3
_FIELDS = ("label", "value", "unit", "note")

__all__ = ["HEADLINES_MIME", "publish_headlines", "read_headlines", "build"]


def _clean_headlines(items) -> list[dict]:
    """Return the headline items as plain dicts of strings, checked and trimmed."""
    if isinstance(items, dict):
        items = [items]
    out = []
    for item in list(items):
        if not isinstance(item, dict) or "label" not in item or "value" not in item:
            raise ValueError(
                "each headline is a dict with at least 'label' and 'value' "
                f"(optional 'unit', 'note'); got {item!r}"
            )
        unknown = set(item) - set(_FIELDS)
        if unknown:
            raise ValueError(f"unknown headline field(s) {sorted(unknown)}; known: {', '.join(_FIELDS)}")
        out.append({k: str(item[k]) for k in _FIELDS if item.get(k) is not None})
    if len(out) > MAX_HEADLINES:
        raise ValueError(f"at most {MAX_HEADLINES} headlines per briefing; got {len(out)}")
    return out


def publish_headlines(items) -> None:
    """Display headline figures for the index page (an output the briefing itself hides).

    Parameters
    ----------
    items : list of dict
        Up to three dicts with ``label`` and ``value`` and optionally ``unit`` and
        ``note``. Values are shown as given (format numbers before passing them).

    Examples
    --------
    >>> publish_headlines([{"label": "GDP", "value": "1,200", "unit": "亿元"}])  # doctest: +SKIP
    """
    cleaned = _clean_headlines(items)
    text = "; ".join(f"{h['label']}: {h['value']}{h.get('unit', '')}" for h in cleaned)
    try:
        from IPython.display import display
    except ImportError:  # outside IPython there is nothing to display to
        return
    display({HEADLINES_MIME: {"headlines": cleaned}, "text/plain": f"Headlines: {text}"}, raw=True)


def read_headlines(nb) -> list[dict]:
    """Return the headlines the executed notebook published (the last call wins).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...       "data": {HEADLINES_MIME: {"headlines": [{"label": "GDP", "value": "1"}]}}}]}]}
    >>> read_headlines(nb)
    [{'label': 'GDP', 'value': '1'}]
    """
    found: list[dict] = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if HEADLINES_MIME in data:
                payload = data[HEADLINES_MIME]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                try:
                    found = _clean_headlines(payload.get("headlines", []))
                except (ValueError, AttributeError):
                    found = []
    return found


def build(**kwargs):
    """Build the briefings; see :func:`datong_lib.publish.runner.build`."""
    from .runner import build as _build

    return _build(**kwargs)
