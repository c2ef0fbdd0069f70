"""Bytes whose label lies: feeds and pages that declare one charset and send another."""

import pytest

from sources.decoding import decode_body

UKRAINIAN = "Російські війська захопили Торецьк, заявили в Москві. Київ це заперечує."
FRENCH = "Le ministère a déclaré que les forces étaient entrées à Bakhmout."
ARABIC = "قالت قوات الدعم السريع إنها سيطرت على مدينة الفاشر بعد معارك عنيفة."


@pytest.mark.parametrize(
    ("text", "sent_as", "declared"),
    [
        (UKRAINIAN, "cp1251", "utf-8"),  # says UTF-8, sends windows-1251
        (UKRAINIAN, "utf-8", "iso-8859-1"),  # server default label in front of UTF-8
        (UKRAINIAN, "cp1251", "iso-8859-1"),
        (FRENCH, "cp1252", "utf-8"),
        (FRENCH, "utf-8", "windows-1252"),
        (ARABIC, "utf-8", "windows-1256"),
        (ARABIC, "cp1256", ""),
        (UKRAINIAN, "utf-8", "no-such-charset"),
    ],
)
def test_mislabelled_text_comes_out_as_written(text, sent_as, declared):
    decoded, _ = decode_body(text.encode(sent_as), declared)
    assert decoded == text


def test_the_documents_own_declaration_is_used_when_the_header_has_none():
    body = f'<meta charset="koi8-u"><p>{UKRAINIAN}</p>'.encode("koi8-u")
    decoded, charset = decode_body(body, "")
    assert UKRAINIAN in decoded and charset == "koi8-u"


def test_a_byte_order_mark_wins():
    decoded, _ = decode_body("\ufeff".encode("utf-16-le") + UKRAINIAN.encode("utf-16-le"), "utf-8")
    assert decoded == UKRAINIAN


def test_junk_bytes_never_raise():
    decoded, _ = decode_body(bytes(range(256)) * 10, "utf-8")
    assert isinstance(decoded, str)
    assert decode_body(b"", "")[0] == ""
