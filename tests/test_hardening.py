"""Bad input, faults and hostile text: each gives a clear error or a correct result, and
loses nothing.

Cases already tested elsewhere are not repeated here: missing, empty, whitespace-only,
binary and undecodable report files, GB18030/GBK/UTF-16/Big5 decoding (test_report.py);
each kind of bad parameter file, refused before any kernel starts (test_params.py); a cell
that raises, a kernel that dies, a cell that hangs, a failed HTML write, the lock and an
interrupted build (test_build.py). This module takes those cases through the real
notebooks and real processes: a copy of the project whose parameter files name hostile,
re-encoded and broken reports (the ``hardening_build`` fixture in conftest.py), two
``datong build`` processes at once, and Ctrl-C sent to a running build.
"""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402
from conftest import HOSTILE, HOSTILE_TITLE, copy_project, write_params  # noqa: E402

import datong_lib as dl  # noqa: E402
from datong_lib import config  # noqa: E402
from datong_lib.publish import cache, pool, runner  # noqa: E402
from datong_lib.figures.extractor import extract  # noqa: E402


def _manifest(reports: Path) -> dict:
    return json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["briefings"]


def _leftovers(reports: Path) -> list[Path]:
    return [p for p in reports.rglob("*") if ".tmp-" in p.name or p.name == ".build.lock"]


# --------------------------------------------------------------------- report files

def test_report_without_any_heading_loads_as_paragraphs(tmp_path):
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    path = tmp_path / "flat.md"
    path.write_text("\n\n".join(l for l in raw.splitlines() if l.strip() and not l.startswith("#")), encoding="utf-8")
    r = dl.load_report(path)
    assert r.sections.empty
    assert len(r.paragraphs) > 40 and (r.paragraphs["section_id"] == -1).all()
    row = r.sentences.iloc[-1]
    assert r.text[row.start:row.end] == row.text
    assert extract(r)["text"].str.contains("1718.7万人次", regex=False).any()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_decodes(tmp_path, encoding):
    path = tmp_path / "r.md"
    path.write_bytes(config.DEFAULT_REPORT.read_text(encoding="utf-8").encode(encoding))
    r = dl.load_report(path)
    assert r.encoding == encoding and "1718.7万人次" in r.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [
    "大同市政府工作报告。全市地区生产总值增长百分之五，城乡居民收入稳步增长。",  # no ASCII: no NUL byte at all
    "大同市政府工作报告，全市地区生产总值增长５．２％。\u3000各位代表：",  # full-width digits, one NUL
    "增长5.5%左右",
])
def test_utf16_without_byte_order_mark_decodes_with_little_or_no_ascii(tmp_path, encoding, text):
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    # The loader turns an ideographic space inside a line into a plain one; nothing else changes.
    assert dl.load_report(path).text.strip() == text.replace("\u3000", " ").strip()
    assert dl.report.decode.decode_bytes(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_refused_with_a_reason(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "noise.md"
    path.write_bytes(rng.randbytes(rng.randrange(10, 50_000)))
    with pytest.raises(dl.errors.ReportError, match="binary|could not be decoded|no Chinese"):
        dl.load_report(path)


@pytest.mark.parametrize("seed", [4, 5])
def test_random_bytes_without_nul_are_refused_with_a_reason(tmp_path, seed):
    data = bytes(b for b in random.Random(seed).randbytes(20_000) if b)
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(dl.errors.ReportError, match="could not be decoded|no Chinese") as err:
        dl.load_report(path)
    assert "noise.txt" in str(err.value)


def _big_report(path: Path, megabytes: float) -> Path:
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    body = raw.split("## 2024年工作回顾", 1)[1]
    copies = int(megabytes * 1_000_000 // len(body.encode("utf-8")))
    path.write_text(raw + ("\n## 2024年工作回顾" + body) * copies, encoding="utf-8")
    return path


def test_five_megabyte_report_loads_and_extracts_in_linear_time(tmp_path):
    timings = {}
    for mb in (1, 5):
        path = _big_report(tmp_path / f"big{mb}.md", mb)
        best = (float("inf"), float("inf"))
        # Best of two runs from a collected heap: one slow run on a busy 2-core machine
        # is noise, a quadratic step is not.
        for _ in range(2):
            gc.collect()
            t0 = time.perf_counter()
            r = dl.load_report(path)
            n_sent = len(r.sentences)
            t1 = time.perf_counter()
            figs = extract(r)
            t2 = time.perf_counter()
            best = (min(best[0], t1 - t0), min(best[1], t2 - t1))
        timings[mb] = best
        t0, t1, t2 = 0.0, best[0], best[0] + best[1]
        print(f"{path.stat().st_size / 1e6:.1f} MB: load_report + sentences {t1 - t0:.2f} s "
              f"({n_sent} sentences), extract {t2 - t1:.2f} s ({len(figs)} figures)")
    (load5, ext5), (load1, ext1) = timings[5], timings[1]
    assert load5 < 15 and ext5 < 60  # generous for a slow CI machine
    # Five times the text may take about five times as long, not twenty-five.
    assert load5 < 10 * max(load1, 0.05) and ext5 < 10 * max(ext1, 0.05)


def test_extract_stays_a_function_after_its_module_is_imported():
    # The module is extractor.py: a submodule named like the function would replace it
    # as the package attribute once imported.
    code = ("import datong_lib as dl, datong_lib.figures.extractor, datong_lib.indicators.table\n"
            "assert callable(dl.extract) and not isinstance(dl.extract, type(dl)), type(dl.extract)\n"
            "assert len(dl.extract('增长5.5%左右。')) == 1")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_a_report_that_never_names_a_sector_still_gets_emphasis():
    r = dl.load_report(text="一、2023年工作回顧\n全市地區生產總值增長5.2%。\n二、2024年工作安排\n增長5.5%左右。\n")
    emph = dl.sector_emphasis(r)
    assert (emph["count"] == 0).all()


# --------------------------------------------------------------------- reports through the build

@pytest.mark.slow
def test_reencoded_and_headingless_reports_build(hardening_build):
    _, reports, result, _ = hardening_build
    for slug in ("utf16_tourism", "big5_overview", "noheadings_tourism"):
        assert slug in result.built, result.summary()
        assert _manifest(reports)[slug]["status"] == "ok"
    utf16 = _visible(reports / "utf16_tourism.html")
    assert "1718.7万人次" in utf16 and "接待游客" in utf16
    big5 = _visible(reports / "big5_overview.html")
    assert "某市政府工作報告" in big5 and "1200億元" in big5
    assert "1718.7万人次" in _visible(reports / "noheadings_tourism.html")


@pytest.mark.slow
@pytest.mark.parametrize("slug, reason", [("binary_tourism", "binary file"), ("empty_overview", "is empty"),
                                          ("blank_targets", "only whitespace")])
def test_broken_report_is_refused_before_any_kernel_and_the_rest_build(hardening_build, slug, reason):
    _, reports, result, _ = hardening_build
    assert result.exit_code == 2 and not result.failed, result.summary()
    assert reason in result.invalid[slug] and "report file rejected before any kernel started" in result.invalid[slug]
    assert not (reports / f"{slug}.html").exists()
    assert not (reports / "_build" / f"{slug}.ipynb").exists()  # no kernel ever ran it
    entry = _manifest(reports)[slug]
    assert entry["status"] == "failed" and reason in entry["error"] and entry["report"]
    index = (reports / "index.html").read_text(encoding="utf-8")
    card = index.split(f'id="b-{slug}"', 1)[1].split("</li>", 1)[0]
    assert "status-failed" in card and reason in card
    assert len(result.built) == 7 and not _leftovers(reports)


@pytest.mark.slow
def test_report_turning_bad_keeps_the_last_good_briefing_and_recovers(hardening_build, monkeypatch):
    project, reports, _, files = hardening_build
    params = project / "params" / "utf16_tourism.yaml"
    original = params.read_text(encoding="utf-8")
    good = (reports / "utf16_tourism.html").read_bytes()
    write_params(project, "utf16_tourism", "02_sector_briefing.ipynb", sector="tourism",
                 report=f"incoming/{files['binary'].name}")
    with mock.patch.object(pool, "run_local", side_effect=AssertionError("a kernel would have started")):
        result = runner.build(project_dir=project, reports_dir=reports, only=["utf16_tourism"], progress=False)
    assert result.exit_code == 2 and "binary file" in result.invalid["utf16_tourism"]
    assert (reports / "utf16_tourism.html").read_bytes() == good
    assert _manifest(reports)["utf16_tourism"]["status"] == "stale"
    params.write_text(original, encoding="utf-8")
    result = runner.build(project_dir=project, reports_dir=reports, only=["utf16_tourism"], progress=False,
                          jobs=1, timeout=300)
    assert result.exit_code == 0 and result.built == ["utf16_tourism"], result.summary()
    assert _manifest(reports)["utf16_tourism"]["status"] == "ok"


@pytest.mark.slow
def test_build_for_a_binary_report_is_refused_without_a_kernel(hardening_build, tmp_path):
    project, _, _, files = hardening_build
    with mock.patch.object(pool, "run_local", side_effect=AssertionError("a kernel would have started")):
        result = runner.build(project_dir=project, reports_dir=tmp_path / "r", report=str(files["binary"]),
                              only=["overview", "sector_energy"], progress=False)
    assert result.exit_code == 2
    assert set(result.invalid) == {"overview--binary", "sector_energy--binary"}
    assert all("binary file" in m for m in result.invalid.values())


# --------------------------------------------------------------------- parameter files, real notebooks

@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("real"))


@pytest.mark.parametrize("text, expected", [
    ("notebook: 02_sector_briefing.ipynb\nparameters: {sector: [tourism\n", "malformed YAML"),
    ("notebook: 02_sector_briefing.ipynb\nparameters: {sector: turism}\n",
     "unknown sector 'turism'; did you mean 'tourism'? known: macro, energy"),
    ("notebook: 02_sector_briefing.ipynb\nparameters: {sector: 7}\n", "parameter 'sector' of 02_sector_briefing.ipynb must be str"),
    ("notebook: 04_text_analysis.ipynb\nparameters: {top: many}\n", "must be int"),
    ("notebook: 02_sector_briefing.ipynb\nparameters: {sectr: energy}\n", "unknown parameter 'sectr'"),
    ("notebook: 02_sector_brief.ipynb\nparameters: {sector: energy}\n", "notebook '02_sector_brief.ipynb' not found"),
    ("notebook: 03_targets.ipynb\nparameters: {report: nowhere.md}\n", "report file not found: nowhere.md"),
])
def test_bad_parameter_file_is_refused_before_any_kernel_while_others_run(real_project, tmp_path, text, expected):
    (real_project / "params" / "bad.yaml").write_text(text, encoding="utf-8")
    started = []
    with mock.patch.object(pool, "run_local", side_effect=lambda tasks, **kw: started.extend(t["slug"] for t in tasks)):
        result = runner.build(project_dir=real_project, reports_dir=tmp_path / "r", only=["bad", "sector_energy"],
                              progress=False)
    assert result.exit_code == 2 and list(result.invalid) == ["bad"]
    assert expected in result.invalid["bad"]
    assert started == ["sector_energy"]  # the good briefing still runs; the bad one never started
    if "unknown sector" in expected:
        sectors = [s["slug"] for s in __import__("yaml").safe_load(config.SECTORS_YAML.read_text(encoding="utf-8"))]
        assert all(s in result.invalid["bad"] for s in sectors)


# --------------------------------------------------------------------- faults in the build itself

@pytest.fixture
def small_project(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "library_digest", lambda *a: "lib")
    project = buildkit.make_project(tmp_path / "p", {"energy": buildkit.sector_params("energy"),
                                                     "tourism": buildkit.sector_params("tourism")})
    reports = tmp_path / "reports"
    first = runner.build(project_dir=project, reports_dir=reports, jobs=2, timeout=30, progress=False)
    assert first.exit_code == 0, first.summary()
    return project, reports


@pytest.mark.slow
def test_html_export_failure_keeps_the_last_good_html_and_the_next_build_recovers(small_project, monkeypatch):
    from datong_lib.publish import html as htmlmod

    project, reports = small_project
    good = {s: (reports / f"{s}.html").read_bytes() for s in ("energy", "tourism")}
    real = htmlmod.render

    def broken(nb, *, title, footer):
        if "tourism" in title or "文化旅游" in title:
            raise MemoryError("exporter ran out of memory (simulated)")
        return real(nb, title=title, footer=footer)

    monkeypatch.setattr(htmlmod, "render", broken)
    result = runner.build(project_dir=project, reports_dir=reports, force=True, jobs=2, timeout=30, progress=False)
    assert result.built == ["energy"] and "HTML export failed: MemoryError" in result.failed["tourism"]
    assert (reports / "tourism.html").read_bytes() == good["tourism"]
    assert (reports / "_build" / "tourism.ipynb").is_file() and not _leftovers(reports)
    assert _manifest(reports)["tourism"]["status"] == "stale"
    monkeypatch.setattr(htmlmod, "render", real)
    assert runner.build(project_dir=project, reports_dir=reports, progress=False, timeout=30).built == ["tourism"]


def _cli(project: Path, reports: Path, *args, **popen):
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "datong_lib.cli", "build", "--reports-dir", str(reports),
                             "--jobs", "2", "--timeout", "60", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", **popen)


@pytest.mark.slow
def test_two_builds_started_at_once(small_project):
    project, reports = small_project
    import nbformat

    nbformat.write(buildkit.briefing_notebook("time.sleep(2)\n"), project / "notebooks" / "02_sector_briefing.ipynb")
    first = _cli(project, reports)
    time.sleep(0.3)
    second = _cli(project, reports)
    outs = [(p.wait(timeout=120), *p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _, _ in outs)
    assert codes == [0, 3], outs
    loser = next(err for code, _, err in outs if code == 3)
    assert "holds" in loser and "PID" in loser
    assert not _leftovers(reports)
    assert all(e["status"] == "ok" for e in _manifest(reports).values())
    again = _cli(project, reports)  # and the lock is free again
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0 and "failed 0" in out, err


def _kernels_in(folder: Path) -> list:
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel_launcher" in " ".join(proc.info["cmdline"] or []) and Path(proc.cwd()) == folder:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


@pytest.mark.slow
def test_ctrl_c_then_a_normal_build(small_project):
    """SIGINT to the whole process group, as Ctrl-C in a terminal sends it."""
    pytest.importorskip("psutil")
    project, reports = small_project
    good_tourism = (reports / "tourism.html").read_bytes()
    buildkit.write_params(project, "energy", buildkit.sector_params("energy", top_n=4))
    buildkit.write_params(project, "tourism", buildkit.sector_params("tourism", fail="hang"))
    proc = _cli(project, reports, "--jobs", "1", "--only", "energy", "tourism", start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # wait until energy is done and tourism's kernel is hanging
        entries = _manifest(reports) if (reports / "manifest.json").is_file() else {}
        if entries.get("energy", {}).get("status") == "ok" and entries["energy"].get("parameters", {}).get("top_n") == 4 \
                and _kernels_in(project / "notebooks"):
            break
        time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the build never reached the hanging notebook: " + "".join(proc.communicate()))
    time.sleep(1)
    os.killpg(proc.pid, signal.SIGINT)
    code = proc.wait(timeout=60)
    _, err = proc.communicate()
    assert code == 130, err
    assert "interrupted" in err and "run it again" in err
    for _ in range(50):
        if not _kernels_in(project / "notebooks"):
            break
        time.sleep(0.2)
    assert not _kernels_in(project / "notebooks"), "a kernel outlived the interrupted build"
    assert not (reports / ".build.lock").exists()
    assert (reports / "tourism.html").read_bytes() == good_tourism
    assert "sector energy top 4" in (reports / "energy.html").read_text(encoding="utf-8")  # finished work kept

    buildkit.write_params(project, "tourism", buildkit.sector_params("tourism"))
    again = _cli(project, reports)
    out, err = again.communicate(timeout=120)
    # How many it rebuilds depends on the library hash, which changes whenever datong_lib is edited.
    assert again.returncode == 0 and "failed 0" in out and "built 0" not in out, err
    assert "sector tourism top 3" in (reports / "tourism.html").read_text(encoding="utf-8")
    assert not _leftovers(reports)
    assert all(e["status"] == "ok" for e in _manifest(reports).values())


# --------------------------------------------------------------------- hostile text

class _Elements(HTMLParser):
    """Every start tag with its attributes, and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Elements:
    p = _Elements()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def _visible(path: Path) -> str:
    return "".join(_parse(path).text)


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
HOSTILE_PAGES = ["hostile_overview", "hostile_tourism", "hostile_targets", "hostile_text", "index"]


@pytest.mark.slow
def test_hostile_report_builds_every_briefing(hardening_build):
    _, _, result, _ = hardening_build
    for slug in HOSTILE_PAGES[:-1]:
        assert slug in result.built, result.summary()


@pytest.mark.slow
@pytest.mark.parametrize("slug", HOSTILE_PAGES)
def test_hostile_text_injects_no_element(hardening_build, slug):
    _, reports, _, _ = hardening_build
    page = _parse(reports / f"{slug}.html")
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert metas[:2] == [{"charset": "utf-8"}, {"http-equiv": "Content-Security-Policy", "content": CSP}], metas
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "svg", "form", "base", "meta") or \
            (tag == "meta" and set(attrs) <= {"charset", "name", "content"}) or \
            (tag == "meta" and attrs == {"http-equiv": "Content-Security-Policy", "content": CSP}), (tag, attrs)
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, (tag, attrs)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:text")), (tag, attrs)
        if tag == "img":
            assert attrs.get("src", "").startswith("data:image/png;base64,"), attrs  # charts only
        if tag == "a":
            href = attrs.get("href", "")
            assert "evil.example" not in href and not href.startswith(("http:", "https:", "//")), attrs
        if tag == "link":
            assert False, attrs


SHOWN_AS_TEXT = {
    # what each briefing quotes from the hostile report, character for character
    # (the overview lists headline indicators only; the tourism briefing quotes the visitors sentence)
    "hostile_overview": [f"刘俊义{HOSTILE['script']}", f"品牌叫响全国{HOSTILE['img']}{HOSTILE['md_link']}"],
    "hostile_tourism": [f"接待游客{HOSTILE['script']}1718.7万人次{HOSTILE['img']}", HOSTILE["anchor"],
                        f"“{HOSTILE['script']}”和“{HOSTILE['md_link']}”"],
    "hostile_targets": [f"刘俊义{HOSTILE['script']}"],
    "hostile_text": [HOSTILE["script"], HOSTILE["md_link"], f"扩大投资{HOSTILE['script']}"],
}


@pytest.mark.slow
@pytest.mark.parametrize("slug", HOSTILE_PAGES[:-1])
def test_hostile_text_is_shown_as_text(hardening_build, slug):
    _, reports, _, _ = hardening_build
    text = _visible(reports / f"{slug}.html")
    assert HOSTILE_TITLE in text  # the sidecar's title, in the footer
    for needle in SHOWN_AS_TEXT[slug]:
        assert needle in text, needle


@pytest.mark.slow
def test_hostile_sidecar_title_is_escaped_in_every_footer_and_the_index(hardening_build):
    _, reports, _, _ = hardening_build
    for slug in HOSTILE_PAGES[:-1]:
        page = (reports / f"{slug}.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;恶意标题" in page
    index = _visible(reports / "index.html")
    assert HOSTILE_TITLE in index
