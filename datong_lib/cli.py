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

from .errors import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_LOCKED


def _command(name: str):
    """The table sub-command ``name`` of :mod:`.commands`, imported when it runs (not for a build)."""

    def run(args) -> int:
        from . import commands

        return getattr(commands, name)(args)

    return run


cmd_extract, cmd_import, cmd_indicators, cmd_sectors, cmd_series = (
    _command(n) for n in ("cmd_extract", "cmd_import", "cmd_indicators", "cmd_sectors", "cmd_series"))


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
        # A path the user typed is relative to where they typed it; a bare name means data/raw/;
        # a pattern (national_*.txt) matches files from here, or else names in data/raw/.
        report = []
        try:
            for value in args.report:
                for one in _expand_report(value):
                    path = str(resolve_report(one).resolve())
                    if path not in report:
                        report.append(path)
        except ReportError as exc:
            print(f"datong build: {exc}", file=sys.stderr)
            return EXIT_INVALID
        report = report[0] if len(report) == 1 else report
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


def _expand_report(value: str) -> list[str]:
    """A report argument as names or paths: a glob pattern gives every file it matches."""
    import glob

    from .config import DATA_DIR
    from .errors import ReportError

    if not glob.has_magic(value):
        return [value]
    found = sorted(glob.glob(value)) or sorted(glob.glob(str(DATA_DIR / "raw" / value)))
    found = [f for f in found if not f.endswith((".yaml", ".yml"))]  # sidecars describe reports
    if not found:
        raise ReportError(f"no report file matches {value!r}")
    return found


def version() -> str:
    """The installed distribution's version (``datong --version``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("datong-lib")
    except PackageNotFoundError:
        return "unknown (datong_lib is not installed; pip install -e .)"


class _Version(argparse.Action):
    """``--version``, with the version looked up only when asked for (importlib.metadata
    costs every other command about 30 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {version()}")
        parser.exit()


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="datong", description="Briefings from Chinese government work reports.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the HTML briefings into reports/",
                       description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--jobs", "-j", type=int, default=None, help="notebooks executed at once (default: one more than the usable cores)")
    b.add_argument("--force", action="store_true", help="rebuild every briefing, changed or not")
    b.add_argument("--only", nargs="+", metavar="SLUG", help="build only these briefings (params/<SLUG>.yaml)")
    b.add_argument("--report", metavar="PATH", action="append", help="build for another report file (a path, "
                   "a name in data/raw/ or a quoted pattern such as 'data/raw/national_*.txt'); repeat it for "
                   "several reports, built in one pool; outputs are named <slug>--<report>.html")
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
