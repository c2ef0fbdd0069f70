import pytest

from sources.links import normalize_url


@pytest.mark.parametrize(
    ("given", "normalized"),
    [
        ("https://Example.ORG/news/Toretsk/", "https://example.org/news/Toretsk"),
        ("https://example.org/a?utm_source=x&utm_medium=y&id=3#top", "https://example.org/a?id=3"),
        ("https://example.org/a?b=2&a=1&fbclid=Z&gclid=Q", "https://example.org/a?a=1&b=2"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("HTTPS://example.org", "https://example.org/"),
        ("https://example.org./a", "https://example.org/a"),
        ("https://[2001:db8::1]/a", "https://[2001:db8::1]/a"),
        (
            "https://пример.рф/новости",
            "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
        ),
        (
            "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
            "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
        ),
        (
            "https://example.org/a?q=Торецьк",
            "https://example.org/a?q=%D0%A2%D0%BE%D1%80%D0%B5%D1%86%D1%8C%D0%BA",
        ),
    ],
)
def test_links_to_the_same_page_normalise_alike(given, normalized):
    assert normalize_url(given) == normalized


@pytest.mark.parametrize(
    "junk", ["", "   ", "ftp://example.org/x", "javascript:alert(1)", "http://", "https://x:99999/"]
)
def test_what_is_no_web_page_normalises_to_nothing(junk):
    assert normalize_url(junk) == ""


def test_path_case_is_kept_because_servers_tell_it_apart():
    assert normalize_url("https://example.org/News") != normalize_url("https://example.org/news")


def test_a_url_too_long_once_encoded_has_no_normal_form():
    assert normalize_url("https://example.org/" + "ж" * 1000) == ""
