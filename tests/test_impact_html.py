"""The HTML impact report: self-contained, escaped, and showing the right numbers in a real
headless Chromium."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from browser_support import dump_dom
from impact_support import AS_OF, BASELINE, POPULATION, REFORM, S1, sub
from zs_quality.api import compare_rulesets, sweep_item
from zs_quality.io.report_html import impact_html, sweep_html

EVIL = '<script>document.title="x"</script><b id="evil">恶意</b>&amp;'


def _population() -> list[dict[str, object]]:
    rows = [dict(r) for r in POPULATION]
    evil = sub(S1, "A", "C", town="小榄镇")
    evil["enterprise"]["name"] = EVIL  # type: ignore[index]
    rows[0] = evil
    return rows


def test_the_page_is_self_contained_and_escapes_input() -> None:
    page = impact_html(compare_rulesets(_population(), BASELINE, REFORM, AS_OF))
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    for fetch in ("src=", "href=", "url(", "@import", "<link", "<script"):
        assert fetch not in page
    assert "&lt;script&gt;" in page
    assert "&amp;amp;" in page
    # Escaped everywhere the name appears (tables, chart labels, tooltips), not only once.
    assert "<script>" not in page
    assert '<b id="evil">' not in page
    assert page.count("&lt;b id=&quot;evil&quot;&gt;") == page.count("恶意")


def test_the_templates_ship_with_the_package_and_autoescape() -> None:
    from zs_quality.io import report_html

    environment = report_html._environment()
    assert environment.autoescape is True
    for name in ("page.html", "macros.html", "impact.html", "sweep.html"):
        assert environment.get_template(name) is not None


def _dom(path: Path, tmp_path: Path) -> str:
    return dump_dom(path.as_uri(), tmp_path)


def _figures(dom: str, attribute: str) -> dict[str, str]:
    return dict(re.findall(rf'{attribute}="([^"]*)"[^>]*>([^<]*)<', dom))


def test_chromium_renders_the_figures(tmp_path: Path) -> None:
    impact = compare_rulesets(_population(), BASELINE, REFORM, AS_OF)
    path = tmp_path / "impact.html"
    path.write_text(impact_html(impact), encoding="utf-8")
    dom = _dom(path, tmp_path)
    figures = _figures(dom, "data-figure")
    assert figures["enterprises"] == "8"
    assert figures["changed"] == "4"
    assert figures["total_delta"] == "160"
    assert figures["mean_delta"] == "20.0000"
    assert figures["q_median"] == "0"
    assert figures["q_p75"] == "40"
    assert (figures["entering_top10"], figures["leaving_top10"]) == ("1", "2")
    assert (figures["rank_up"], figures["rank_down"]) == ("3", "4")
    bars = re.findall(r'data-lower="([^"]*)" data-upper="([^"]*)" data-count="(\d+)"', dom)
    assert bars[0] == ("0", "5", "4")
    assert bars[-1] == ("40", "45", "4")
    assert len(bars) == 9
    assert re.findall(r'data-move="(-?\d+)"', dom) == ["-3", "2", "-2", "1", "1", "-1", "-1"]
    assert _figures(dom, "data-category-figure")["supervision:total_delta"] == "120"
    assert _figures(dom, "data-town-figure")["小榄镇:enterprises"] == "2"
    # The hostile name stayed text: no element, no script run (the title is the report's).
    assert '<b id="evil">' not in dom
    assert '&lt;b id="evil"&gt;恶意&lt;/b&gt;&amp;amp;' in dom
    assert "<title>拟议记分标准影响分析" in dom
    assert "恶意" in dom


def test_chromium_renders_a_sweep(tmp_path: Path) -> None:
    sweep = sweep_item(POPULATION, BASELINE, REFORM, "C", [Decimal(10), Decimal(40)], AS_OF)
    path = tmp_path / "sweep.html"
    path.write_text(sweep_html(sweep), encoding="utf-8")
    figures = _figures(_dom(path, tmp_path), "data-sweep")
    assert figures["10:total_delta"] == "40"
    assert figures["40:total_delta"] == "160"
    assert figures["10:rank_changed"] == "4"
