"""Shared fixtures: the real briefings built once per session, and a copy of the project
holding hostile and broken reports, built once too.

Both builds run the real notebooks, so every test that uses them is marked slow.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
from pathlib import Path

import pytest
import yaml

from datong_lib import config

# Every way a report's text could try to become markup, a link or a script.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "md_link": "[click](javascript:alert(1))",
    "md_image": "![x](javascript:alert(1))",
    "anchor": '<a href="https://evil.example/x">官网</a>',
    "svg": '"><svg onload=alert(1)>',
}
HOSTILE_TITLE = '<script>alert(1)</script>恶意标题<img src=x onerror=alert(1)> "><svg onload=alert(1)>'

# Traditional characters, so the file can be saved as Big5.
BIG5_REPORT = """某市政府工作報告

一、2023年工作回顧
全市地區生產總值增長5.2%，達到1200億元。接待遊客1500萬人次，旅遊收入增長20%。城鎮新增就業3.5萬人。
（一）產業轉型
新建算力中心2個，新能源裝機容量達到1000萬千瓦。
二、2024年工作安排
今年主要預期目標是：地區生產總值增長5.5%左右；城鎮新增就業3.6萬人以上；居民消費價格漲幅3%左右。
（一）推動文化旅遊發展
打造文化旅遊品牌，接待遊客增長10%以上。
"""


def copy_project(dest: Path) -> Path:
    """Copy notebooks/, params/ and data/ into ``dest`` (writable) and return it."""
    for name in ("notebooks", "params", "data"):
        shutil.copytree(config.PROJECT_DIR / name, dest / name)
    for p in dest.rglob("*"):
        p.chmod(p.stat().st_mode | 0o200)
    return dest


def hostile_report_text() -> str:
    """The Datong report with hostile markup in its title, headings, sentences and beside figures."""
    h = HOSTILE
    text = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    text = text.replace("# 干字当头", f"# 干字当头{h['script']}{h['svg']}", 1)
    text = text.replace("### D 大同文旅品牌叫响全国", f"### D 大同文旅品牌叫响全国{h['img']}{h['md_link']}", 1)
    text = text.replace("### 统筹提振消费和扩大投资", f"### 统筹提振消费{h['anchor']}和扩大投资{h['script']}", 1)
    text = text.replace("接待游客1718.7万人次", f"接待游客{h['script']}1718.7万人次{h['img']}")
    text = text.replace("## 2024年工作回顾\n", "## 2024年工作回顾\n\n"
                        f"全市文旅收入增长12%{h['anchor']}，提出“{h['script']}”和“{h['md_link']}”的口号，"
                        f"游客满意度达到95%{h['md_image']}{h['svg']}。\n", 1)
    return text


def write_hostile_report(folder: Path) -> Path:
    """Write ``hostile.md`` and a sidecar whose title is markup; return the report path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.md"
    path.write_text(hostile_report_text(), encoding="utf-8")
    meta = yaml.safe_load(config.DEFAULT_REPORT.with_suffix(".yaml").read_text(encoding="utf-8"))
    meta.update(title=HOSTILE_TITLE, speaker="刘俊义<script>alert(1)</script>")
    path.with_suffix(".yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return path


def write_odd_reports(folder: Path) -> dict[str, Path]:
    """Reports in other encodings and broken ones; return them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    files = {
        "utf16": ("utf16.md", raw.encode("utf-16")),
        "big5": ("big5.txt", BIG5_REPORT.encode("big5")),
        "noheadings": ("noheadings.md", "\n\n".join(
            line for line in raw.splitlines() if line.strip() and not line.startswith("#")).encode("utf-8")),
        "binary": ("binary.md", random.Random(6).randbytes(4096)),
        "empty": ("empty.md", b""),
        "blank": ("blank.md", " \n\n\u3000\t\n".encode("utf-8")),
    }
    out = {}
    for key, (name, data) in files.items():
        (folder / name).write_bytes(data)
        out[key] = folder / name
    return out


def write_params(project: Path, slug: str, notebook: str, **parameters) -> Path:
    path = project / "params" / f"{slug}.yaml"
    path.write_text(yaml.safe_dump({"notebook": notebook, "parameters": parameters}, allow_unicode=True),
                    encoding="utf-8")
    return path


# Briefings of the hardening build: slug -> (notebook, report key, extra parameters).
HARDENING_BRIEFINGS = {
    "hostile_overview": ("01_overview.ipynb", "hostile", {}),
    "hostile_tourism": ("02_sector_briefing.ipynb", "hostile", {"sector": "tourism"}),
    "hostile_targets": ("03_targets.ipynb", "hostile", {}),
    "hostile_text": ("04_text_analysis.ipynb", "hostile", {}),
    "utf16_tourism": ("02_sector_briefing.ipynb", "utf16", {"sector": "tourism"}),
    "big5_overview": ("01_overview.ipynb", "big5", {}),
    "noheadings_tourism": ("02_sector_briefing.ipynb", "noheadings", {"sector": "tourism"}),
    "binary_tourism": ("02_sector_briefing.ipynb", "binary", {"sector": "tourism"}),
    "empty_overview": ("01_overview.ipynb", "empty", {}),
    "blank_targets": ("03_targets.ipynb", "blank", {}),
}


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory):
    """Every real briefing (the bundled report), built once into a temporary reports folder,
    with its PDF when this machine can print one (``datong build --force --pdf``)."""
    from datong_lib.publish import build
    from datong_lib.publish.export import pdf_problem

    out = tmp_path_factory.mktemp("reports")
    only = [p.stem for p in sorted(config.PARAMS_DIR.glob("*.yaml")) if not p.stem.startswith("compare")]
    result = build(reports_dir=out, jobs=2, force=True, only=only, progress=False, pdf=pdf_problem() is None)
    assert not result.failed and not result.invalid, result.summary()
    return out


@pytest.fixture(scope="session")
def hardening_build(tmp_path_factory):
    """A copy of the project whose parameter files point at hostile, re-encoded and broken
    reports, built once; returns (project, reports folder, BuildResult, report paths)."""
    from datong_lib.publish import build

    root = tmp_path_factory.mktemp("hardening")
    project = copy_project(root / "project")
    inbox = project / "incoming"
    reports = {"hostile": write_hostile_report(inbox), **write_odd_reports(inbox)}
    for slug, (notebook, key, extra) in HARDENING_BRIEFINGS.items():
        write_params(project, slug, notebook, report=f"incoming/{reports[key].name}", **extra)
    out = root / "reports"
    result = build(project_dir=project, reports_dir=out, jobs=2, only=list(HARDENING_BRIEFINGS),
                   progress=False, timeout=300)
    return project, out, result, reports


@pytest.fixture(scope="session")
def scorer():
    """scripts/score_extractor.py as a module (the scripts folder is no package)."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "score_extractor.py"
    spec = importlib.util.spec_from_file_location("score_extractor", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
