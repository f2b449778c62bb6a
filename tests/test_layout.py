"""The library's shape: small modules, one home per stage, a small public surface."""

from pathlib import Path

import datong_lib

PACKAGE = Path(datong_lib.__file__).resolve().parent


def test_no_module_over_300_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, f"split these modules: {long}"


def test_no_package_is_named_like_a_build_folder():
    # pytest's default norecursedirs and most linters skip folders named build/dist.
    names = {p.name for p in PACKAGE.rglob("*") if p.is_dir()}
    assert not names & {"build", "dist"}


def test_public_surface_is_small_and_resolves():
    assert len(datong_lib.__all__) <= 15
    for name in datong_lib.__all__:
        assert getattr(datong_lib, name) is not None
    from importlib.metadata import version

    assert datong_lib.__version__ == version("datong-lib")  # from the package metadata, not a constant


def test_stages_are_reached_by_module():
    import datong_lib as dl

    assert dl.present.format_value(5.5, "%", "approx") == "5.5%左右"
    assert callable(dl.text.quoted_phrases) and callable(dl.emphasis.term_shift)
    assert callable(dl.indicators.headline_indicators) and callable(dl.publish.publish_headlines)
