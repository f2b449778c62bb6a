"""The built briefings in a real browser: headless Debian Chromium driven by Playwright.

Nothing here downloads a browser: the tests use the system's ``chromium`` (``make
browser-deps`` installs it with a CJK font). Without one they skip, except under CI,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from datong_lib import config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
WIDTHS = (390, 1280)
SLUGS = [p.stem for p in sorted(config.PARAMS_DIR.glob("*.yaml")) if not p.stem.startswith("compare")]
SCREENSHOT_SLUGS = ("overview", "sector_tourism", "targets")


def _chromium() -> str:
    for candidate in (os.environ.get("DATONG_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    message = "no system Chromium found (looked for chromium, chromium-browser); run `make browser-deps`"
    if os.environ.get("CI"):
        pytest.fail(message + " — CI must run the browser tests")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright (Python) is not installed: pip install -e '.[test]'")
        pytest.skip("playwright (Python) is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where screenshots go; set DATONG_SHOTS=<folder> to keep copies for a human to look at."""
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    keep = os.environ.get("DATONG_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for p in folder.glob("*.png"):
            shutil.copy(p, Path(keep) / p.name)


# Elements wider than the window that are not inside something that scrolls on its own.
_OVERFLOW_JS = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= w + 0.5 || r.width === 0) continue;
    let p = el.parentElement, scrolls = false;
    while (p && p !== document.body) {
      const ox = getComputedStyle(p).overflowX;
      if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden') && p.getBoundingClientRect().right <= w + 0.5) { scrolls = true; break; }
      p = p.parentElement;
    }
    if (!scrolls) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
    if (out.length > 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, offenders: out};
}"""


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_CSP_LISTENER = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' ' + (e.sample || '')));"""


class Visit:
    """One page load: every request, console error, page error and dialog it caused."""

    def __init__(self, browser, path: Path, width: int):
        self.requests, self.blocked, self.console, self.errors, self.dialogs = [], [], [], [], []
        self.context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1,
                                           java_script_enabled=True)
        self.page = self.context.new_page()
        page = self.page
        # Every Content-Security-Policy violation: the DOM event (recorded by a script the
        # browser runs before the page's own, outside its policy) and Chromium's console report.
        page.add_init_script(_CSP_LISTENER)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))

        def route(r):
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(150)  # let any deferred script or handler run

    def csp_violations(self) -> list[str]:
        events = self.page.evaluate("() => window.__cspViolations || []")
        return events + [c for c in self.console if "Content Security Policy" in c]

    def close(self):
        self.context.close()

    def outside_file(self) -> list[str]:
        return self.blocked + [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]

    def images(self) -> list[tuple[int, bool]]:
        return self.page.evaluate("() => Array.from(document.images).map(i => [i.naturalWidth, i.complete])")

    def overflow(self) -> dict:
        return self.page.evaluate(_OVERFLOW_JS)

    def fonts_for(self, selector: str) -> list[dict]:
        """The platform fonts Chromium used for the text of the first element matching ``selector``."""
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no element matches {selector}"
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


_CSP_JS = """() => Array.from(document.querySelectorAll('meta[http-equiv]'))
  .filter(m => m.httpEquiv.toLowerCase() === 'content-security-policy' && m === document.head.children[1])
  .map(m => m.content)"""


def _check_page(browser, path: Path, shots: Path | None = None, shot_name: str | None = None):
    for width in WIDTHS:
        v = Visit(browser, path, width)
        try:
            assert v.outside_file() == [], f"{path.name} at {width}px requested {v.outside_file()}"
            assert v.csp_violations() == [], (path.name, v.csp_violations())
            assert v.page.evaluate(_CSP_JS) == [CSP], f"{path.name}: not exactly one CSP meta, first in head"
            assert v.console == [] and v.errors == [], (path.name, v.console, v.errors)
            assert v.dialogs == [], (path.name, v.dialogs)
            images = v.images()
            assert all(w > 0 and done for w, done in images), f"{path.name}: undecoded image {images}"
            o = v.overflow()
            assert o["scrollWidth"] <= o["innerWidth"], f"{path.name} overflows at {width}px: {o}"
            if width == WIDTHS[0]:
                fonts = v.fonts_for("h1")
                cjk = [f for f in fonts if "CJK" in f["familyName"] and f["glyphCount"] > 0]
                assert cjk, f"{path.name}: Chinese heading not drawn with a CJK font: {fonts}"
            if shots is not None and shot_name:
                v.page.screenshot(path=str(shots / f"{shot_name}-{width}.png"), full_page=True)
        finally:
            v.close()
    return images


@pytest.mark.parametrize("slug", SLUGS + ["index"])
def test_page_loads_offline_clean_readable_and_fits(browser, built_reports, shots, slug):
    path = built_reports / f"{slug}.html"
    shoot = slug == "index" or slug in SCREENSHOT_SLUGS
    images = _check_page(browser, path, shots if shoot else None, slug)
    if slug in ("overview", "sector_tourism", "targets"):
        assert images, f"{slug}: expected charts"


def test_index_links_lead_to_existing_files(browser, built_reports):
    v = Visit(browser, built_reports / "index.html", 1280)
    try:
        links = v.page.evaluate("() => Array.from(document.links).map(a => a.href)")
    finally:
        v.close()
    briefings = [u for u in links if u.endswith(".html")]
    assert len(briefings) == len(SLUGS)
    for url in links:
        parsed = urlparse(url)
        assert parsed.scheme == "file", url
        assert Path(unquote(parsed.path)).is_file(), url


def test_the_checks_catch_what_they_look_for(browser, tmp_path):
    """A page that breaks every rule: each check above would have failed on it."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>Plain heading</h1>'
                    '<img src="https://cdn.example/x.png"><img src="data:image/png;base64,AAAA">'
                    '<div style="width:2000px">wide</div><script>alert(1); console.error("boom"); undefinedCall()</script>'
                    '</body></html>', encoding="utf-8")
    v = Visit(browser, page, 390)
    try:
        assert v.dialogs == ["alert: 1"]
        assert v.outside_file() and "cdn.example" in v.outside_file()[0]
        assert any("boom" in c for c in v.console) and any("undefinedCall" in e for e in v.errors)
        assert any(w == 0 for w, _ in v.images())
        assert v.overflow()["scrollWidth"] > 390
        assert v.csp_violations() == []  # no policy, nothing to violate
    finally:
        v.close()
    # The same page under the briefings' policy: nothing runs or loads, and each refusal is reported.
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{CSP}">'),
        encoding="utf-8")
    v = Visit(browser, page, 390)
    try:
        assert v.dialogs == [] and v.blocked == []  # refused before any request left the page
        found = " | ".join(v.csp_violations())
        assert "script-src" in found and "cdn.example" in found, found
    finally:
        v.close()


def test_hostile_briefings_run_no_script_in_the_browser(browser, hardening_build, shots):
    _, reports, _, _ = hardening_build
    pages = sorted(reports.glob("hostile_*.html")) + [reports / "index.html"]
    assert len(pages) == 5
    for path in pages:
        v = Visit(browser, path, 1280)
        try:
            assert v.dialogs == [], (path.name, v.dialogs)
            assert v.outside_file() == [] and v.errors == [] and v.console == [], (path.name, v.outside_file(), v.errors)
            assert v.csp_violations() == [], (path.name, v.csp_violations())
            injected = v.page.evaluate("""() => ({
                scripts: document.scripts.length,
                svg: document.querySelectorAll('main svg, body > svg').length,
                external: Array.from(document.links).filter(a => !a.href.startsWith('file:')).map(a => a.href),
                handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                text: document.body.innerText})""")
            assert injected["scripts"] == 0 and injected["svg"] == 0, (path.name, injected["scripts"], injected["svg"])
            assert injected["external"] == [] and injected["handlers"] == [], (path.name, injected)
            assert "<script>alert(1)</script>" in injected["text"]  # shown, as characters
            if path.name == "hostile_tourism.html":
                v.page.screenshot(path=str(shots / "hostile_tourism-1280.png"), full_page=True)
        finally:
            v.close()
