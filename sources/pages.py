"""An article out of a web page: its main text (trafilatura, which drops navigation, ads
and comments), and title, date and outlet from the page's metadata."""

import datetime as dt
from dataclasses import dataclass

import trafilatura

from sources.decoding import decode_body

# Pages with less main text than this are a front page, a paywall or a video, not a story.
MIN_TEXT_CHARS = 80


@dataclass(frozen=True)
class PageContent:
    title: str
    text: str
    published: dt.date | None
    outlet: str
    charset: str


def _paragraphs(text: str, title: str) -> str:
    """trafilatura ends each block with one newline; articles keep paragraphs apart with a
    blank line. A first line repeating the headline is dropped (it is the title)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def page_content(
    body: bytes, *, charset: str = "", url: str = "", media_type: str = ""
) -> PageContent:
    """Main text and metadata of an HTML (or plain text) page; text is '' when the page
    holds no story."""
    html, used = decode_body(body, charset)
    if media_type == "text/plain":
        return PageContent(title="", text=html.strip(), published=None, outlet="", charset=used)
    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None:
        return PageContent(title="", text="", published=None, outlet="", charset=used)
    # A dict only when asked for with as_dict=True; the Document otherwise.
    found = document if isinstance(document, dict) else document.as_dict()
    title = (found.get("title") or "").strip()
    text = _paragraphs(found.get("text") or "", title)
    return PageContent(
        title=title,
        text=text if len(text) >= MIN_TEXT_CHARS else "",
        published=_date(found.get("date")),
        outlet=(found.get("sitename") or "").strip(),
        charset=used,
    )
