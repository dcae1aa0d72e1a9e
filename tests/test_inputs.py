"""The inputs users have (issue 16, point 5): folders, JSON lines, CSV, RSS/Atom feeds and WARC
files. Good records come out with their metadata and provenance; each bad one is a Failure of that
record alone, and the others still come out."""

from __future__ import annotations

import gzip
import io
import time

import pytest

from claimtrail import Failure
from claimtrail.errors import OptionError
from claimtrail.ingest import RecordKeys, read_inputs
from claimtrail.ingest.inputs import check_keys, expand_inputs
from claimtrail.options import AnalyzeOptions
from claimtrail.records import Article

from .conftest import ROOT

INPUTS = ROOT / "tests/fixtures/inputs"
ARTICLE = ("The city council of Northport voted on Tuesday to close the old harbour bridge for repairs, "
           "the mayor said. Engineers found cracks in two support beams last month.")


def outcome(items):
    """(record, ok?, code) for each item, in order."""
    return [(i.record, isinstance(i, Article), None if isinstance(i, Article) else i.code)
            for i in items]


def test_jsonl_good_lines_keep_metadata_and_bad_lines_fail_alone():
    path = str(INPUTS / "articles.jsonl")
    items = list(read_inputs([path]))
    assert outcome(items) == [
        ("line 1", True, None), ("line 2", False, "E009"), ("line 3", False, "E009"),
        ("line 4", False, "E009"), ("line 6", False, "E009"), ("line 7", True, None),
    ]
    first, last = items[0], items[-1]
    assert (first.path, first.record, first.record_id, first.input_kind) == (path, "line 1", "n-1",
                                                                              "jsonl")
    assert (first.title, first.published, first.url, first.outlet) == (
        "Harbour bridge to close", "2025-04-08", "https://news.example/bridge", "Northport Herald")
    assert first.published_from == "record"
    # the usual alternate names: headline, published (RFC 822), link; a numeric id
    assert (last.title, last.published, last.url, last.record_id) == (
        "Port protest", "2025-04-13", "https://news.example/port", "7")
    messages = {i.record: i.message for i in items if isinstance(i, Failure)}
    assert "not valid JSON" in messages["line 2"]
    assert "not an object" in messages["line 3"]
    assert "no 'text' field (its fields: id, body)" in messages["line 4"]
    assert "--text-key" in messages["line 4"]
    assert "cannot read its date 'last Tuesday'" in messages["line 6"]
    assert all(i.source == path and path in i.message for i in items if isinstance(i, Failure))


def test_jsonl_text_key_names_another_field():
    items = list(read_inputs([str(INPUTS / "articles.jsonl")], keys=RecordKeys(text="body")))
    assert [i.record for i in items if isinstance(i, Article)] == ["line 4"]


def test_record_metadata_wins_over_options_which_fill_the_gaps():
    options = AnalyzeOptions(outlet="Fallback Wire")
    items = [i for i in read_inputs([str(INPUTS / "articles.jsonl")], options) if isinstance(i, Article)]
    assert [i.outlet for i in items] == ["Northport Herald", "Fallback Wire"]


def test_jsonl_line_over_the_size_cap_fails_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(f'{{"text": "{ARTICLE}"}}\n{{"text": "{"word " * 2000}"}}\n{{"text": "{ARTICLE}"}}\n')
    items = list(read_inputs([str(path)], AnalyzeOptions(max_bytes=4000)))
    assert outcome(items) == [("line 1", True, None), ("line 2", False, "E004"),
                              ("line 3", True, None)]
    assert "--max-bytes" in items[1].message


def test_jsonl_undecodable_line_fails_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9"}\n' + f'{{"text": "{ARTICLE}"}}\n'.encode())
    items = list(read_inputs([str(path)]))
    assert outcome(items) == [("line 1", False, "E009"), ("line 2", True, None)]
    assert "not UTF-8" in items[0].message


def test_csv_good_rows_keep_metadata_and_bad_rows_fail_alone():
    path = str(INPUTS / "articles.csv")
    items = list(read_inputs([path]))
    assert outcome(items) == [
        ("row 2", True, None), ("row 3", False, "E009"), ("row 4", False, "E009"),
        ("row 5", False, "E009"), ("row 6", True, None),
    ]
    first, last = items[0], items[-1]
    assert (first.input_kind, first.record_id, first.title, first.published, first.outlet) == (
        "csv", "c-1", "Harbour bridge to close", "2025-04-08", "Northport Herald")
    assert "late in the evening" in last.text  # a quoted cell across lines is one row
    messages = [i.message for i in items if isinstance(i, Failure)]
    assert "cannot read its date '08/04/2025'" in messages[0]
    assert "8 cells under a header of 6" in messages[1]
    assert "not UTF-8" in messages[2]


def test_csv_without_the_text_column_is_one_failure(tmp_path):
    path = tmp_path / "nocol.csv"
    path.write_text(f'title,body\nA,"{ARTICLE}"\n')
    [failure] = read_inputs([str(path)])
    assert (failure.code, failure.record) == ("E009", "row 1")
    assert "no 'text' column (its columns: title, body)" in failure.message
    [article] = read_inputs([str(path)], keys=RecordKeys(text="body"))
    assert article.title == "A"


def test_a_key_named_by_the_user_must_be_a_column():
    csv_file = str(INPUTS / "articles.csv")
    check_keys([csv_file], RecordKeys(title_key := "title"), 10_000)  # text and title exist
    assert title_key == "title"
    with pytest.raises(OptionError, match="--date-key 'when' is not a column"):
        check_keys([csv_file], RecordKeys(date="when"), 10_000)


def test_rss_items_with_link_title_date_and_content():
    path = str(INPUTS / "feed.rss")
    items = list(read_inputs([path]))
    assert outcome(items) == [("item 1", True, None), ("item 2", True, None), ("item 3", False, "E009"),
                              ("item 4", False, "E009"), ("item 5", True, None)]
    floods, talks, port = (i for i in items if isinstance(i, Article))
    # content:encoded wins over the description, and its HTML goes through extraction
    assert floods.input_kind == "feed+html" and floods.text.startswith("Farmers in the Rella valley")
    assert "Short summary" not in floods.text
    assert (floods.title, floods.published, floods.url, floods.record_id, floods.outlet) == (
        "Floods destroy a third of the wheat harvest", "2025-04-08", "https://courier.example/floods",
        "courier-1001", "Valley Courier")
    # a permalink guid stands for the link; plain description text is not HTML
    assert (talks.url, talks.input_kind, talks.published) == (
        "https://courier.example/talks", "feed", "2025-04-11")
    # escaped HTML in a description is HTML; Dublin Core dates count
    assert port.input_kind == "feed+html" and "<p>" not in port.text and port.published == "2025-04-13"
    messages = [i.message for i in items if isinstance(i, Failure)]
    assert "no content, description or summary" in messages[0]
    assert "cannot read its date 'sometime next week'" in messages[1]


def test_atom_entries_content_summary_and_xhtml():
    items = list(read_inputs([str(INPUTS / "feed.atom")]))
    assert outcome(items) == [("item 1", True, None), ("item 2", True, None), ("item 3", False, "E009"),
                              ("item 4", True, None)]
    bridge, market, port = (i for i in items if isinstance(i, Article))
    assert (bridge.url, bridge.published, bridge.record_id, bridge.outlet) == (
        "https://herald.example/bridge", "2025-04-08", "urn:example:herald:1", "Northport Herald")
    assert bridge.input_kind == "feed+html" and "Engineers found cracks" in bridge.text
    assert (market.input_kind, market.published, market.url) == (
        "feed", "2025-04-10", "https://herald.example/market")  # updated when not published
    assert port.input_kind == "feed+html" and "union leader" in port.text and "<p>" not in port.text


def test_feed_whose_xml_breaks_keeps_the_items_before(tmp_path):
    text = (INPUTS / "feed.rss").read_text()
    cut = text.index("<title>Bridge repairs")
    path = tmp_path / "broken.rss"
    path.write_text(text[:cut] + "<title>Bridge <b>repairs</title>\n")
    items = list(read_inputs([str(path)]))
    assert [i.record for i in items] == ["item 1", "item 2", "item 3", "item 4"]
    assert isinstance(items[-1], Failure) and "the feed's XML breaks here" in items[-1].message


def test_feed_entities_are_never_expanded(tmp_path):
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    path = tmp_path / "laughs.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
                    f"<rss><channel><item><title>t</title><description>{ARTICLE} &l9;"
                    "</description></item></channel></rss>")
    started = time.monotonic()
    [item] = read_inputs([str(path)])
    assert time.monotonic() - started < 30  # generous: expansion would be 10**9 "lol"s
    # refused (libxml2's amplification guard) or read without expanding: never a billion lols
    assert item.code == "E009" if isinstance(item, Failure) else "lollol" not in item.text


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    [failure] = read_inputs([str(path)])
    assert failure.code == "E009" and "not an RSS or Atom feed" in failure.message


def _html(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split(". "))
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>").encode("cp1252")


def make_warc(gz: bool) -> bytes:
    """A small web archive of our own: one of each kind of record, two good pages, one bad."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)

    def write(record):
        writer.write_record(record)
        record.raw_stream.close()  # warcio spools payloads to temporary files

    def response(uri, body, content_type="text/html; charset=utf-8", status="200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        write(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))

    write(writer.create_warcinfo_record("test.warc", {"software": "claimtrail tests"}))
    request = StatusAndHeaders("GET /bridge HTTP/1.1", [("Host", "herald.example")], is_http_request=True)
    write(writer.create_warc_record("https://herald.example/bridge", "request", http_headers=request))
    response("https://herald.example/bridge", _html("Harbour bridge to close", ARTICLE))  # record 3
    write(writer.create_warc_record("https://herald.example/bridge", "metadata",
                                    payload=io.BytesIO(b"via: test"), warc_content_type="text/plain"))
    response("https://herald.example/logo.png", b"\x89PNG\r\n", "image/png")
    response("https://herald.example/bad", b"<html>\x00\x01\x02\x00" * 40)  # record 6: binary
    response("https://herald.example/gone", _html("Gone", ARTICLE), status="404 Not Found")
    response("https://herald.example/cafe",  # record 8: declared cp1252
             _html("Café owners protest", "Café owners in the old town said on Monday that the new tax "
                   "would close half of their shops by summer. The mayor said the council would "
                   "discuss it"), "text/html; charset=windows-1252")
    broken = b"GARBAGE that is not a WARC header\r\n\r\n<html>"
    return out.getvalue() + (gzip.compress(broken) if gz else broken)


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_articles(tmp_path, gz):
    path = tmp_path / ("archive.warc.gz" if gz else "archive.warc")
    path.write_bytes(make_warc(gz))
    items = list(read_inputs([str(path)]))
    assert outcome(items) == [("record 3", True, None), ("record 6", False, "E002"),
                              ("record 8", True, None), ("record 9", False, "E009")]
    bridge, cafe = items[0], items[2]
    assert (bridge.url, bridge.input_kind, bridge.path) == ("https://herald.example/bridge",
                                                            "warc+html", str(path))
    assert bridge.record_id and bridge.record_id.startswith("<urn:uuid:")
    assert "Engineers found cracks" in bridge.text
    assert cafe.text.startswith("Café owners")  # the charset of the HTTP header
    assert "the records after it are not read" in items[-1].message


def test_folder_recursion_skips_hidden_folders_and_environments(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b/story.md").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "c.jsonl").write_text(f'{{"text": "{ARTICLE}"}}\n')
    (tmp_path / "feed.xml").write_text((INPUTS / "feed.atom").read_text())
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>")  # not a feed: not picked up
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    for skipped in (".git", ".cache/deep", "node_modules/pkg", "venv", "lib/site-packages",
                    "myenv", "__pycache__"):
        (tmp_path / skipped).mkdir(parents=True)
        (tmp_path / skipped / "readme.txt").write_text(ARTICLE)
    (tmp_path / "myenv/pyvenv.cfg").write_text("home = /usr\n")  # a venv under any name
    found = [str(p).removeprefix(f"{tmp_path}/") for p in expand_inputs([tmp_path])]
    assert found == ["a.txt", "c.jsonl", "feed.xml", "b/story.md"]


@pytest.mark.parametrize("layout", ["empty", "no-articles", "only-hidden"])
def test_a_folder_with_nothing_to_analyse_is_an_error_not_stdin(tmp_path, layout):
    if layout == "no-articles":
        (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    elif layout == "only-hidden":
        (tmp_path / ".git").mkdir()
        (tmp_path / ".git/notes.txt").write_text(ARTICLE)
    [failure] = read_inputs([str(tmp_path)])
    assert isinstance(failure, Failure) and failure.code == "E005"
    assert failure.source == str(tmp_path) and "no files to analyse" in failure.message


def test_articles_and_failures_pass_through(tmp_path):
    mine = Article("x", ARTICLE, language="en")
    known = Failure("elsewhere", "E001", "[E001] elsewhere is empty")
    missing = str(tmp_path / "missing.jsonl")
    items = list(read_inputs([mine, known, missing]))
    assert items[:2] == [mine, known]
    assert items[2].code == "E005" and items[2].source == missing


def test_the_default_text_key_missing_is_a_failure_of_the_file_not_a_usage_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text(f'headline,body\nA,"{ARTICLE}"\n')
    check_keys([str(path)], RecordKeys(), 10_000)  # nothing named: nothing to refuse
    with pytest.raises(OptionError, match="--text-key 'content' is not a column"):
        check_keys([str(path)], RecordKeys(text="content"), 10_000)


def test_csv_row_over_the_size_cap_fails_alone(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{ARTICLE}"\n2,"{"word " * 2000}"\n3,"{ARTICLE}"\n')
    items = list(read_inputs([str(path)], AnalyzeOptions(max_bytes=4000)))
    assert outcome(items) == [("row 2", True, None), ("row 3", False, "E004"), ("row 4", True, None)]
    assert [i.record_id for i in items if isinstance(i, Article)] == ["1", "3"]


def test_jsonl_is_streamed_record_by_record(tmp_path):
    """The first record comes out before the second is even written (a FIFO): nothing waits for
    the whole file, so a 1 GB file is never held in memory."""
    import os
    import threading

    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    first_out = threading.Event()
    second_written = []

    def writer():
        with open(fifo, "w") as fh:
            fh.write(f'{{"id": "1", "text": "{ARTICLE}"}}\n')
            fh.flush()
            first_out.wait(60)  # generous: the reader must get here long before
            fh.write(f'{{"id": "2", "text": "{ARTICLE}"}}\n')
            second_written.append(True)

    thread = threading.Thread(target=writer)
    thread.start()
    items = read_inputs([str(fifo)])
    first = next(items)
    seen_before_second = not second_written
    first_out.set()
    second = next(items)
    thread.join(60)
    assert seen_before_second and (first.record_id, second.record_id) == ("1", "2")
