"""The ``datong`` sub-commands that read and write tables: indicators, extract, sectors,
series and import. Each is a thin layer over one library call; :mod:`datong_lib.cli`
parses the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import EXIT_INVALID, EXIT_OK

__all__ = ["cmd_indicators", "cmd_extract", "cmd_sectors", "cmd_series", "cmd_import"]


def _write_frame(df, fmt: str, out: str | None) -> int:
    if fmt == "xlsx":
        if not out:
            print("datong: --format xlsx needs -o FILE", file=sys.stderr)
            return EXIT_INVALID
        df.to_excel(out, index=False)
        return EXIT_OK
    if fmt == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=2, date_format="iso")
    else:
        text = df.to_csv(index=False)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_indicators(args) -> int:
    from .errors import DatongError
    from .indicators import load_indicators

    try:
        df = load_indicators(args.sector) if args.sector else load_indicators()
    except DatongError as exc:
        print(f"datong indicators: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return _write_frame(df, args.format, args.output)


def cmd_extract(args) -> int:
    from .errors import DatongError
    from .figures import extract
    from .report import load_report
    from .sectors import check_sector, membership

    try:
        slug = check_sector(args.sector) if args.sector else None
        df = extract(load_report(args.path))
    except DatongError as exc:
        print(f"datong extract: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if slug:
        # The sector's figures: those whose sentence belongs to it (keywords or its sections).
        df = df[membership(df["sentence"], df["section"])[slug].to_numpy()].reset_index(drop=True)
    return _write_frame(df, args.format, args.output)


def cmd_sectors(args) -> int:
    from .errors import DatongError
    from .sectors import load_sectors

    try:
        df = load_sectors()
    except DatongError as exc:
        print(f"datong sectors: {exc}", file=sys.stderr)
        return EXIT_INVALID
    df = df[["slug", "name_zh", "name_en"]].astype({"slug": str})
    return _write_frame(df, args.format, args.output)


def cmd_series(args) -> int:
    from .errors import DatongError
    from .indicators.names import indicator_label
    from .indicators.series import series

    try:
        indicator_label(args.indicator)  # an unknown key: a clear message with the nearest one
        df = series(args.indicator, metric=args.metric, place=args.place)
    except DatongError as exc:
        print(f"datong series: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return _write_frame(df, args.format, args.output)

def cmd_import(args) -> int:
    """Copy each report file into data/raw with a sidecar of what was detected; exit 2 on any refusal."""
    from .errors import ReportError
    from .readers import read_documents
    from .readers.importer import import_report

    if args.name and len(args.files) > 1:
        print("datong import: --name names one report; give one FILE with it", file=sys.stderr)
        return EXIT_INVALID
    status = EXIT_OK
    for f in args.files:
        try:
            docs = read_documents(f) if args.row is None and Path(f).suffix.lower() in (".csv", ".tsv", ".xlsx") else []
            if len(docs) > 1:
                rows = ", ".join(str(d.metadata.get("row")) for d in docs)
                raise ReportError(f"{f} holds several reports (rows {rows}); import one at a time with --row N "
                                  "(and --name NAME); nothing was written.")
            results = import_report(f, name=args.name, force=args.force, row=args.row)
        except ReportError as exc:
            print(f"datong import: {exc}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        for r in results:
            shown = ", ".join(f"{k} {r[k]}" for k in ("report_year", "reviewed_year", "level", "place", "speaker",
                                                      "title", "date", "source") if r.get(k))
            missing = [k for k in ("report_year", "level", "place", "speaker") if not r.get(k)]
            print(f"imported {f} -> {r['file']} (read as {r['reader']}, {r['chars']:,} characters)")
            print(f"  detected: {shown or 'nothing'}")
            if missing:
                print(f"  not detected: {', '.join(missing)} - add them to the sidecar")
            for c in r.get("conflicts") or []:
                print(f"  conflict: {c}")
            print(f"  check and correct {r['sidecar']}, then: datong build --report {r['name']}")
    return status
