"""The outbound guard and limits, against a real HTTP server on 127.0.0.1 that the test
starts (allowed by name through OUTBOUND_ALLOWED_HOSTS; every other local name or address
stays refused, which is how redirects to private addresses are tested)."""

import gzip
import time

import pytest

from conflictwatch.core import outbound

HTML = outbound.Limits().content_types


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
     "::ffff:10.0.0.1", "ff02::1"],
)  # fmt: skip
def test_private_local_link_local_and_multicast_addresses_are_refused(address):
    assert not outbound.address_allowed(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"])
def test_public_addresses_are_allowed(address):
    assert outbound.address_allowed(address)


def test_a_page_is_fetched_with_its_type_and_charset(site):
    body = "Торецьк".encode("koi8-u")
    url = site.route("/a", body=body, content_type="text/html; charset=KOI8-U")
    response = outbound.fetch(url)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert response.charset == "koi8-u"
    assert response.body.decode("koi8-u") == "Торецьк"


@pytest.mark.parametrize("target", ["http://localhost:{port}/a", "http://127.0.0.2:{port}/a",
                                    "http://[::1]:{port}/a", "http://169.254.169.254/latest/meta-data/",
                                    "http://10.0.0.1/", "http://0.0.0.0:{port}/a"])  # fmt: skip
def test_a_redirect_to_a_private_address_is_refused_at_that_hop(site, target):
    site.route("/a", body=b"<p>secret</p>")
    start = site.route("/go", status=302, headers={"Location": target.format(port=site.port)})
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(start)
    assert refused.value.code == "forbidden_address"
    # The private target was never asked: the only request that arrived is the redirect.
    assert [path for path, _ in site.requests] == ["/go"]


def test_a_name_not_allowed_is_refused_although_it_is_the_same_server(site):
    site.route("/a", body=b"<p>hello</p>")
    with pytest.raises(outbound.OutboundRefused):
        outbound.fetch(site.url("/a", host="localhost"))
    assert site.requests == []


def test_redirects_are_followed_and_bounded(site):
    site.route("/end", body=b"<p>the story</p>")
    site.route("/hop1", status=301, headers={"Location": "/end"})
    assert outbound.fetch(site.url("/hop1")).body == b"<p>the story</p>"
    for hop in range(8):
        site.route(f"/loop{hop}", status=302, headers={"Location": f"/loop{hop + 1}"})
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(site.url("/loop0"), limits=outbound.Limits(max_redirects=3))
    assert refused.value.code == "too_many_redirects"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/", "http://",
            "http://user:pw@example.org/", "javascript:alert(1)", "http://example.org:99999/",
            "", "   "],
)  # fmt: skip
def test_urls_that_are_not_plain_http_are_refused_before_any_connection(url):
    with pytest.raises(outbound.OutboundRefused):
        outbound.fetch(url)


def test_a_declared_huge_body_is_refused_before_reading(site):
    url = site.route("/big", body=b"x" * 200_000)
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(url, limits=outbound.Limits(max_bytes=100_000))
    assert refused.value.code == "too_large"


def test_a_bottomless_body_without_a_length_is_cut_at_the_cap(site):
    url = site.route("/endless", endless=50_000_000)
    started = time.monotonic()
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(url, limits=outbound.Limits(max_bytes=1_000_000))
    assert refused.value.code == "too_large"
    assert time.monotonic() - started < 10


def test_a_gzip_bomb_is_cut_at_the_cap_after_decompression(site):
    url = site.route("/bomb", body=b"\0" * 30_000_000, gzip=True)  # ~30 KB on the wire
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(url, limits=outbound.Limits(max_bytes=1_000_000))
    assert refused.value.code == "too_large"
    assert len(gzip.compress(b"\0" * 30_000_000)) < 100_000


def test_a_slow_drip_server_is_cut_off_at_the_time_limit(site):
    url = site.route("/drip", body=b"<p>" + b"a" * 200 + b"</p>", drip=0.05)  # 10 s in all
    started = time.monotonic()
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.fetch(url, limits=outbound.Limits(total_seconds=1.0))
    assert failed.value.code == "timeout" and failed.value.transient
    assert time.monotonic() - started < 3


def test_a_server_dripping_its_headers_is_cut_off_too(site):
    def drip_headers(handler):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 100:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.05)

    site.route("/slowheaders", respond=drip_headers)
    started = time.monotonic()
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.fetch(site.url("/slowheaders"), limits=outbound.Limits(total_seconds=1.0))
    assert failed.value.transient
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/png", "application/octet-stream", ""]
)
def test_content_types_other_than_those_asked_for_are_refused(site, content_type):
    url = site.route("/file", body=b"%PDF-1.4", content_type=content_type)
    with pytest.raises(outbound.OutboundRefused) as refused:
        outbound.fetch(url)
    assert refused.value.code == "content_type"


def test_server_errors_are_transient_and_client_errors_are_not(site):
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.fetch(site.route("/down", status=503, body=b"busy"))
    assert failed.value.transient and failed.value.code == "http_503"
    with pytest.raises(outbound.OutboundError) as failed:
        outbound.fetch(site.url("/missing"))
    assert not failed.value.transient and failed.value.code == "http_404"


def test_a_closed_port_is_a_transient_connect_error(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    from tests.realstack import free_port

    with pytest.raises(outbound.OutboundError) as failed:
        outbound.fetch(f"http://127.0.0.1:{free_port()}/")
    assert failed.value.transient and failed.value.code in ("connect", "network")


def test_a_conditional_get_answered_304_has_no_body(site):
    url = site.route("/feed", body=b"<rss/>", etag='"v1"', content_type="application/rss+xml")
    any_type = outbound.Limits(content_types=())
    response = outbound.fetch(url, headers={"If-None-Match": '"v1"'}, limits=any_type)
    assert response.status == 304 and response.body == b""
