"""The PDF is made fully offline: the URL fetcher refuses every URL but data: URIs, so a
report never reaches the network or reads a file, whatever its HTML asks for."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_httpserver import HTTPServer

from letdown.reports.render import RefusedURL, offline_fetcher, render_pdf

#: A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/logo.png", "https://example.org/font.woff2", "file:///etc/passwd",
    "FILE:///etc/hostname", "ftp://example.org/x.css", "//example.org/x.png", "logo.png",
])
def test_the_fetcher_refuses_remote_and_local_urls(url: str) -> None:
    with pytest.raises(RefusedURL):
        offline_fetcher()(url)


def test_the_fetcher_opens_data_uris() -> None:
    response = offline_fetcher()("data:image/png;base64," + base64.b64encode(PIXEL).decode())
    try:
        assert response.read() == PIXEL
    finally:
        response.close()


def test_a_pdf_whose_html_points_outside_fetches_nothing(httpserver: HTTPServer,
                                                         tmp_path: Path) -> None:
    httpserver.expect_request("/x.png").respond_with_data(PIXEL, content_type="image/png")
    secret = tmp_path / "secret.png"
    secret.write_bytes(PIXEL)
    html = (f'<link rel="stylesheet" href="{httpserver.url_for("/x.css")}">'
            f'<p>Hello</p><img src="{httpserver.url_for("/x.png")}">'
            f'<img src="{secret.as_uri()}">'
            f'<img src="data:image/png;base64,{base64.b64encode(PIXEL).decode()}">')
    pdf = render_pdf(html)
    assert httpserver.log == []  # no request reached the server
    reader = PdfReader(io.BytesIO(pdf))
    assert "Hello" in (reader.pages[0].extract_text() or "")
    images = reader.pages[0].images
    assert len(images) == 1  # only the data: URI image was drawn
