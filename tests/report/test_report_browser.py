"""The page in a real browser: headless Chromium opens it from disk with no network."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess

import pytest

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
    ),
]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Any fetch goes to a closed port and fails: the page must not need one.
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def chromium(tmp_path, *args: str) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_attributes(tmp_path, page) -> dict[str, str]:
    """The <body> attributes after the page's load handler ran, from Chromium's DOM dump."""
    dom = chromium(tmp_path, "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    body = re.search(r"<body([^>]*)>", dom).group(1)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', body))


def test_every_image_loads_and_nothing_is_fetched(report, tmp_path):
    """Does Chromium load all four plots from the file alone, fetch nothing, and run no
    student answer as code?"""
    _, page, _ = report
    attrs = body_attributes(tmp_path, page)
    assert attrs["data-images"] == "4"
    assert attrs["data-images-loaded"] == "4"
    assert attrs["data-fetched"] == "0"
    assert "data-pwned" not in attrs


def test_a_remote_image_would_be_caught(report, tmp_path):
    """Would the check see an image that needs the network (it is blocked and not loaded)?"""
    _, page, _ = report
    html = page.read_text(encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_text(html.replace("</h1>", '</h1><img src="http://192.0.2.1/x.png">', 1))
    attrs = body_attributes(tmp_path, bad)
    assert attrs["data-images"] == "5"
    assert attrs["data-images-loaded"] == "4"


def test_screenshot(report, tmp_path):
    """Does Chromium render the page to a 1280 x 2000 screenshot?"""
    _, page, _ = report
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # plots and tables, not a blank page
