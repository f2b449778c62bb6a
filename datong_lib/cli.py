"""The ``datong`` command: a thin layer over library functions.

Exit codes of ``datong build``: 0 every selected briefing is up to date; 1 at least one
briefing failed (its last good HTML is kept); 2 a parameter file, the report file it names
or the command line is invalid (nothing ran for it), or ``--pdf`` cannot print here (no
Chromium or Playwright; the HTML is still built); 3 another build holds the lock on the
reports folder; 130 interrupted (see :mod:`datong_lib.errors`).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from pathlib import Path

from .errors import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_LOCKED, EXIT_OK


def _not_in_summary(record: logging.LogRecord) -> bool:
    """Keep a briefing's failure off the console: the summary printed at the end names it.

    The log file still gets it, with any traceback.
    """
    return not (record.name == "datong.build" and record.levelno >= logging.ERROR)


def _setup_logging(quiet: bool, log_file: str | None) -> None:
    logger = logging.getLogger("datong")
    logger.setLevel(logging.INFO)
    logger.handlers.clear()
    logger.propagate = False
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.ERROR if quiet else logging.WARNING)
    console.setFormatter(logging.Formatter("datong: %(message)s"))
    console.addFilter(_not_in_summary)
    logger.addHandler(console)
    if log_file:
        fh = logging.FileHandler(log_file, encoding="utf-8")
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(fh)


def cmd_build(args) -> int:
    from .errors import ParameterError, ReportError
    from .publish.lock import LockHeld
    from .publish.runner import build
    from .report import resolve_report

    _setup_logging(args.quiet, args.log)
    if args.scheduler and importlib.util.find_spec("distributed") is None:
        print('datong build: --scheduler needs Dask: pip install "datong-lib[dask]"', file=sys.stderr)
        return EXIT_INVALID
    pdf_problem = None
    if args.pdf:
        from .publish.export import pdf_problem as _pdf_problem

        pdf_problem = _pdf_problem()
        if pdf_problem:  # the HTML is still built; the exit code says the PDFs are missing
            print(f"datong build --pdf: {pdf_problem}", file=sys.stderr)
    report = None
    if args.report:
        # A path the user typed is relative to where they typed it; a bare name means data/raw/.
        try:
            report = str(resolve_report(args.report).resolve())
        except ReportError as exc:
            print(f"datong build: {exc}", file=sys.stderr)
            return EXIT_INVALID
    try:
        result = build(jobs=args.jobs, force=args.force, only=args.only or None, report=report,
                       scheduler=args.scheduler, timeout=args.timeout, reports_dir=args.reports_dir,
                       progress=False if args.quiet else None, pdf=args.pdf and not pdf_problem)
    except LockHeld as exc:
        print(f"datong build: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except ParameterError as exc:
        print(f"datong build: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("datong build: interrupted; finished briefings are kept, run it again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    logger = logging.getLogger("datong.build")
    logger.info(result.summary())
    if not args.quiet:
        print(result.summary())
    elif result.exit_code:
        print(result.summary(), file=sys.stderr)
    if pdf_problem:
        print(f"datong build --pdf: no PDF was printed: {pdf_problem}", file=sys.stderr)
        return max(result.exit_code, EXIT_INVALID)
    return result.exit_code


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


def version() -> str:
    """The installed distribution's version (``datong --version``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("datong-lib")
    except PackageNotFoundError:
        return "unknown (datong_lib is not installed; pip install -e .)"


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


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="datong", description="Briefings from Chinese government work reports.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the HTML briefings into reports/",
                       description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--jobs", "-j", type=int, default=None, help="notebooks executed at once (default: number of cores)")
    b.add_argument("--force", action="store_true", help="rebuild every briefing, changed or not")
    b.add_argument("--only", nargs="+", metavar="SLUG", help="build only these briefings (params/<SLUG>.yaml)")
    b.add_argument("--report", metavar="PATH", help="build for another report file (a path, or a name in data/raw/); "
                   "outputs are named <slug>--<report>.html")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="execute the notebooks on this Dask scheduler")
    b.add_argument("--timeout", type=float, default=600, metavar="S", help="seconds allowed per cell and (plus a "
                   "grace period) per notebook (default 600)")
    b.add_argument("--pdf", action="store_true", help="also print each briefing to reports/<slug>.pdf with the "
                   "system Chromium (A4, fonts embedded; reprinted only when the HTML changed)")
    b.add_argument("--reports-dir", metavar="DIR", help="where to write the briefings (default: reports/)")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing unless something failed (for cron)")
    b.add_argument("--log", metavar="FILE", help="append a log of the build to FILE")
    b.set_defaults(func=cmd_build)

    fmt = dict(choices=["csv", "json", "xlsx"], default="csv", help="output format (default csv)")
    i = sub.add_parser("indicators", help="the curated indicator table")
    i.add_argument("--format", **fmt)
    i.add_argument("--sector", metavar="S", help="only this sector (a slug from data/sectors.yaml)")
    i.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    i.set_defaults(func=cmd_indicators)

    e = sub.add_parser("extract", help="every figure found in a report")
    e.add_argument("path", nargs="?", default=None, help="a report file or a name in data/raw/ (default: the Datong report)")
    e.add_argument("--format", **fmt)
    e.add_argument("--sector", metavar="S", help="only figures whose sentence belongs to this sector "
                   "(a slug, 中文 or English name from data/sectors.yaml)")
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    e.set_defaults(func=cmd_extract)

    s = sub.add_parser("sectors", help="the sector taxonomy: slug, 中文 and English names")
    s.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    s.set_defaults(func=cmd_sectors)

    s = sub.add_parser("series", help="one indicator's target and result year by year across the bundled reports")
    s.add_argument("indicator", help="a key of data/indicator_names.yaml (gdp, cpi, urban_new_jobs, ...)")
    s.add_argument("--metric", choices=["growth", "level"], default="growth", help="growth rate or level "
                   "(default growth)")
    s.add_argument("--place", default="全国", metavar="NAME", help="the place the reports speak for (default 全国)")
    s.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    s.set_defaults(func=cmd_series)
    im = sub.add_parser("import", help="copy report files (PDF, Word, web page, CSV/XLSX, text) into data/raw/")
    im.add_argument("files", nargs="+", metavar="FILE", help="report files; each is copied byte for byte with a "
                    "<name>.yaml sidecar of the detected metadata (a bad file is refused, the others imported)")
    im.add_argument("--name", help="the report's name in data/raw/ (default: the file name without suffix)")
    im.add_argument("--force", action="store_true", help="replace a report of that name")
    im.add_argument("--row", type=int, metavar="N", help="one report row of a table export with several (1-based)")
    im.set_defaults(func=cmd_import)
    return parser


def main(argv=None) -> int:
    """Run the ``datong`` command line; return the exit code."""
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
