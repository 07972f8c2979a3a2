"""Ingest: readers, cleaning, failures reported by name, one transaction per document."""

from __future__ import annotations

import json

import pytest

from rashomon.errors import IngestError
from rashomon.ingest import iter_documents
from rashomon.ingest.clean import clean_text, is_boilerplate
from rashomon.ingest.readers import decode

ARTICLE = (
    "Clashes in the north\n\nGovernment troops clashed with rebels near the town on Monday, the army said.\n\n"
    "Two soldiers were wounded, a spokesman said.\n"
)


@pytest.mark.parametrize("line", [
    "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "Click to comment", "This website uses cookies to improve your experience. Accept Read More",
    "Connect with us", "Support SouthFront", "MORE ON THE TOPIC:", "Share this article",
    "Follow us on Twitter and Facebook", "Subscribe to our newsletter for daily updates",
    "Related articles:", "We use cookies to personalise content and ads.",
    "Follow us everywhere. For more news, follow our Google News, YouTube and Twitter pages. Subscribe to our Newsletter.",
])
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Support for the ceasefire is growing among both parties, officials said.",
    "The army said it would follow the rebels into the hills.",
    "Russian border guards provide security on the road.",
    "Residents were told to share shelters with displaced families.",
])
def test_news_sentences_are_kept(line):
    assert not is_boilerplate(line)


def test_clean_text_drops_chrome_and_repeated_headline():
    raw = "Headline here\n\nSupport Example News\n\nHeadline here\n\nBody sentence one.\n\n\n\nLeave a Reply\n"
    assert clean_text(raw) == "Headline here\n\nBody sentence one."


def test_decode_handles_encodings():
    assert decode("Київ".encode("cp1251"), "x.txt")  # a single-byte Cyrillic text decodes
    assert decode("Armenia said".encode("utf-16"), "x.txt") == "Armenia said"
    assert decode(b"\xef\xbb\xbfHello", "x.txt") == "Hello"
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x00\x01\x02\x03" * 100, "x.bin.txt")
    with pytest.raises(IngestError, match="empty"):
        decode(b"   \n\t ", "blank.txt")


def test_folder_mixed_good_and_bad(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("north", "south"), "published": "2024-02-03", "outlet": "Wire"}) + "\n"
        + "{broken json\n"
        + json.dumps({"title": "no text"}) + "\n"
        + json.dumps({"text": "Some text about fighting.", "published": "May 32"}) + "\n"
    )
    (tmp_path / "notes.md").write_text("ignored: not an article type")
    items = list(iter_documents([tmp_path]))
    docs = [i for i in items if not isinstance(i, IngestError)]
    errs = [i for i in items if isinstance(i, IngestError)]
    assert sorted(d.source for d in docs) == ["feed.jsonl:1", "good.txt"]
    jd = next(d for d in docs if d.source == "feed.jsonl:1")
    assert jd.published.isoformat() == "2024-02-03" and not jd.published_inferred and jd.outlet == "Wire"
    reasons = {(e.path.split("/")[-1], e.line): e.reason for e in errs}
    assert "empty" in reasons[("empty.txt", None)]
    assert "binary" in reasons[("binary.txt", None)]
    assert "JSON" in reasons[("feed.jsonl", 2)]
    assert "text" in reasons[("feed.jsonl", 3)]
    assert "published" in reasons[("feed.jsonl", 4)]


def test_non_english_is_reported(tmp_path):
    (tmp_path / "az.txt").write_text("Ermənistan silahlı qüvvələri sərhəddə təxribat törədib, "
                                     "Azərbaycan Müdafiə Nazirliyi bildirib. Döyüşlər davam edir.")
    (tmp_path / "ru.txt").write_text("Вооруженные силы Азербайджана открыли огонь по позициям армии Армении.")
    errs = list(iter_documents([tmp_path]))
    assert all(isinstance(e, IngestError) and "not English" in e.reason for e in errs)


def test_html_uses_extractor_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Ambush kills soldiers - Example</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2024-06-11T08:00:00Z"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Ambush kills soldiers</h1>"
        "<p>Gunmen ambushed an army patrol near the town of Menaka on Monday, killing five soldiers, "
        "the army said in a statement released in the capital.</p>"
        "<p>The army said two attackers were killed in the exchange of fire that followed.</p></article>"
        "<div id='comments'><h3>Leave a Reply</h3><p>Great article!</p></div></body></html>")
    (doc,) = list(iter_documents([tmp_path / "page.html"]))
    assert doc.published.isoformat() == "2024-06-11" and not doc.published_inferred
    assert doc.outlet == "Example News" and "Ambush kills soldiers" in (doc.title or "")
    assert "five soldiers" in doc.text and "Leave a Reply" not in doc.text and "Great article" not in doc.text


def test_cli_reports_failures_and_keeps_the_rest(tmp_path, cli):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 50)
    db = tmp_path / "t.db"
    res = cli("ingest", "--db", db, tmp_path, ok=False)
    assert res.exit_code == 1
    assert "bad.txt" in res.output and "binary" in res.output
    assert "1 document(s) added, 0 skipped as already present, 1 failed" in res.output
    from rashomon.store import Store

    assert Store.open(db).counts()["documents"] == 1


def test_failed_document_leaves_no_rows(tmp_path, monkeypatch):
    """One document is one transaction: a failure while writing its claims leaves nothing of it."""
    from rashomon.model import Document
    from rashomon.read import read
    from rashomon.store import Store

    store = Store.open(tmp_path / "t.db")
    from datetime import date

    doc = Document(text=ARTICLE, source="a.txt", published=date(2024, 3, 5))
    reading = read(doc)
    assert reading.claims, "the article should yield claims"
    reading.claims[0].mention = 999  # points at no mention: writing must fail midway
    with pytest.raises(IndexError):
        store.add_document(doc, reading)
    assert store.counts()["documents"] == 0 and store.counts()["mentions"] == 0


def test_source_of_a_rolled_back_document_is_not_reused(tmp_path):
    """Sources are cached once committed; one first seen in a failed document is written again."""
    from datetime import date

    from rashomon.model import Document
    from rashomon.read import read
    from rashomon.store import Store

    store = Store.open(tmp_path / "t.db")
    text = "Fighting near Menaka\n\nThe Malian army said on Monday that five soldiers were killed near Menaka."
    doc = Document(text=text, source="a.txt", published=date(2024, 6, 11))
    bad = read(doc)
    bad.claims.append(bad.claims[0].__class__(**{**bad.claims[0].__dict__, "mention": 999}))
    with pytest.raises(IndexError):
        store.add_document(doc, bad)
    assert store.add_document(doc, read(doc))
    assert store.counts()["claims"] > 0 and store.counts()["sources"] >= 1


ONE_LINE_ARTICLE = (
    "Gunmen killed three soldiers in an attack on an army post near Maiduguri on Sunday, the army said on "
    "Twitter. The governor condemned the attack in a post on Facebook, and the insurgents later posted a "
    "video of the assault on Twitter, a military source told reporters."
)


def test_one_paragraph_article_naming_social_networks_is_kept():
    assert not is_boilerplate(ONE_LINE_ARTICLE)
    assert clean_text(ONE_LINE_ARTICLE) == ONE_LINE_ARTICLE


def test_jsonl_one_line_article_naming_social_networks_is_ingested(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": ONE_LINE_ARTICLE}) + "\n")
    items = list(iter_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document"]
    assert items[0].text == ONE_LINE_ARTICLE


def test_cleaning_never_removes_the_whole_body():
    # however the rules read it, an article of prose is never cleaned away to nothing
    text = "Rebels posted the video on Twitter, Facebook, YouTube and Telegram."
    assert is_boilerplate(text)  # dense in promotion signals...
    assert clean_text(text) == text  # ...but it is all the article has


CRASHING = "Fighting near Menaka\n\nThe Malian army said on Monday that five soldiers were killed near Menaka."


def _crash_on(marker, real):
    def reader(document, *args):
        if marker in document.text:
            raise StopIteration("simulated reader bug")
        return real(document, *args)

    return reader


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_crash_in_reading_one_article_never_loses_it(tmp_path, monkeypatch, engine):
    import rashomon.read as reader
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    monkeypatch.setattr(reader, "_read", _crash_on("Menaka", reader._read))
    if engine == "ray":  # the Ray engine's workers hand back the exception; the pipeline does the rest
        import rashomon.scale.ray_engine as ray_engine

        def fake_stream(docs, **_):
            for d in docs:
                try:
                    yield d, reader.read(d)
                except Exception as e:
                    yield d, RuntimeError(f"{type(e).__name__}: {e}")

        monkeypatch.setattr(ray_engine, "read_stream", fake_stream)
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "crash.txt").write_text(CRASHING)
    store = Store.open(tmp_path / "t.db")
    errors = []
    report = ingest(store, [tmp_path], on_error=errors.append, engine=engine)
    assert report.added == 2 and store.counts()["documents"] == 2  # the crashed article is stored...
    crashed = next(d for d in store.documents() if d.source.endswith("crash.txt"))
    assert "five soldiers" in crashed.text
    assert report.unread == 1 and "StopIteration" in str(errors[0])  # ...and the error is reported
    assert "crash.txt" in errors[0].path
