"""The web app over real databases: every page and its .json twin, filters, evidence, XSS, OpenAPI.

Databases are ingested from ../shared/seeds (the acceptance numbers: 6 events; PAK leaves the
2025-01-20 meeting with 2 sources) and tests/pages/events; the XSS database holds a page whose
text carries <script> and onerror= payloads plus an event with a payload in every field.
"""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import PAGES, REF, SEEDS, requires_seeds
from hypothesis import HealthCheck, given, settings

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'marsad[web]'")
pytest.importorskip("httpx", reason="fastapi.testclient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.model import Event, Location, Participant, Source  # noqa: E402
from marsad.normalize import fold  # noqa: E402
from marsad.pipeline import pages  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.web import create_app  # noqa: E402
from marsad.web.app import read_only  # noqa: E402

PAK_MEETING = "2025-01-20"
XSS_PAGE = """<script>alert("title")</script> حموشي يستقبل مسؤولا باكستانيا <img src=x onerror=alert(1)>
الرباط - 20-1-2025
استقبل عبد اللطيف حموشي المدير العام للأمن الوطني، يوم الاثنين 20 يناير 2025 بالرباط، سلمان الشودري المفتش العام للشرطة بوزارة الداخلية الباكستانية <img src=x onerror=alert(1)>، في زيارة عمل للمملكة المغربية.
وتناول اللقاء <script>alert(document.cookie)</script> سبل تعزيز التعاون في مكافحة الإرهاب والجريمة المنظمة "><svg onload=alert(2)>.
"""
HOSTILE_NAME = '<img src=x onerror=alert("name")>'


def hostile_event() -> Event:
    """An event with a payload in every free-text field (as an imported JSONL file could carry)."""
    return Event(
        "meeting", "2025-02", Location("<script>alert('city')</script>", "PAK", 1, 33.7, 73.1),
        [Participant("host", HOSTILE_NAME, '"><script>alert("title")</script>', "PAK",
                     "<b onmouseover=alert(1)>org</b>", "<i>"),
         Participant("guest", "</bdi><script>alert(2)</script>", "' onmouseover='alert(3)", "MAR")],
        ["<script>alert('topic')</script>"],
        [Source("xss_page.txt", "<svg onload=alert(3)>", 0, 0, 5, "<iframe src=javascript:alert(4)>")],
        id="xss0001", date_how="<script>alert('how')</script>",
        conflicts=[{"field": "<script>alert('f')</script>", "values": {"<b>x</b>": ["<i>doc</i>"]}}])


def build_db(path: Path, inputs: list[Path], hostile: bool = False) -> str:
    """A real marsad database ingested from `inputs` (and, with `hostile`, the XSS fixtures)."""
    settings = Settings(ref_date=REF)
    with Store(str(path)) as store:
        store.ingest(pages([str(p) for p in inputs], settings, lambda err: None), settings)
        if hostile:
            store.save([hostile_event()])
            for table in ("documents", "segments"):
                store.db.execute(f"UPDATE {table} SET url = 'javascript:alert(5)' WHERE doc = 'xss_page.txt'")
    return str(path)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return build_db(tmp_path_factory.mktemp("web") / "seeds.db", [SEEDS])


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    inputs = [PAGES / "events"] + ([SEEDS] if SEEDS.is_dir() else [])
    return build_db(tmp_path_factory.mktemp("web") / "corpus.db", inputs)


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("xss")
    (folder / "xss_page.txt").write_text(XSS_PAGE, encoding="utf-8")
    return build_db(folder / "xss.db", [folder], hostile=True)


@pytest.fixture(scope="module")
def seeds(seeds_db: str) -> TestClient:
    return TestClient(create_app(seeds_db))


@pytest.fixture(scope="module")
def corpus(corpus_db: str) -> TestClient:
    return TestClient(create_app(corpus_db))


class Page(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def attr(self, tag: str, name: str, cls: str | None = None) -> list[str]:
        return [a[name] for t, a in self.tags if t == tag and name in a and (cls is None or cls in a.get("class", "").split())]


def row_ids(html: str) -> list[str]:
    return Page(html).attr("tr", "data-event-id", "event")


def twin(client: TestClient, url: str) -> tuple[str, dict]:
    """The HTML page and its JSON twin (PATH.json?same-query)."""
    path, _, query = url.partition("?")
    html = client.get(url)
    data = client.get(path + ".json" + ("?" + query if query else ""))
    assert html.status_code == data.status_code == 200, url
    assert html.headers["content-type"].startswith("text/html")
    return html.text, data.json()


# -- the acceptance numbers over the seeds ------------------------------------------------------

@requires_seeds
def test_events_page_lists_the_six_seed_events(seeds: TestClient):
    html, data = twin(seeds, "/events")
    assert data["total"] == 6 and len(data["events"]) == 6
    assert row_ids(html) == [e["id"] for e in data["events"]]
    assert re.search(r'id="total">6<', html)


@requires_seeds
def test_country_pak_leaves_the_one_meeting_with_its_two_sources(seeds: TestClient):
    html, data = twin(seeds, "/events?country=PAK")
    assert data["total"] == 1 and data["filters"] == {"country": "PAK"}
    (ev,) = data["events"]
    assert ev["date"] == PAK_MEETING and ev["kind"] == "meeting" and len(ev["sources"]) == 2
    assert row_ids(html) == [ev["id"]]
    assert seeds.get("/events.json?country=pak").json()["total"] == 1  # codes are case-insensitive


@requires_seeds
def test_event_page_highlights_both_evidence_sentences_inside_the_articles(seeds: TestClient):
    (ev,) = seeds.get("/events.json?country=PAK").json()["events"]
    html, data = twin(seeds, f"/events/{ev['id']}")
    assert data["event"]["id"] == ev["id"] and len(data["sources"]) == 2
    for src in data["sources"]:
        text, span = src["article"]["text"], src["highlight"]
        assert text[span["start"]:span["end"]] == src["evidence"]
        assert len(text) > len(src["evidence"])  # the whole article, not the sentence alone
    page = Page(html)
    assert page.attr("mark", "id", "evidence") == ["evidence-1", "evidence-2"]
    for n, src in enumerate(data["sources"], 1):
        marked = re.search(rf'<mark class="evidence" id="evidence-{n}">(.*?)</mark>', html, re.S).group(1)
        assert marked == src["evidence"]
        after = re.search(rf'id="evidence-{n}">.*?</mark>(.*?)</div>', html, re.S).group(1)
        assert after.strip()  # the article goes on after the sentence
    assert {s["doc"] for s in data["sources"]} == {"000_23f120a28ab6ac46.txt", "001_b5a8de8f3c704cbb.txt"}
    assert data["cameo"] and {r["code"] for r in data["cameo"]} == {"042", "043"}
    assert "PAKCOP" in html and "CONSULT" in html and "date_how" not in html and "صريح في النص" in html


@requires_seeds
def test_timeline_network_and_map_carry_the_seed_data(seeds: TestClient):
    _, tl = twin(seeds, "/timeline")
    assert sum(tl["totals"]) == 6 and tl["focus"] == "MAR" and tl["months"][0] == "2024-11"
    assert {s["key"] for s in tl["series"]} >= {"PAK", "BEL", "ARE"}
    _, net = twin(seeds, "/network")
    nodes = {n["id"]: n["events"] for n in net["nodes"]}
    assert nodes["MAR"] == 6 and nodes["PAK"] == 1
    assert {"source": "MAR", "target": "PAK", "weight": 1} in net["edges"]
    _, geo = twin(seeds, "/map")
    assert {"code": "MAR", "events": 6} in geo["countries"]
    assert [(p["city"], p["events"]) for p in geo["places"]] == [("Rabat", 4)]


# -- every page and its twin: same events, same data -------------------------------------------

LIST_PAGES = [
    "/events", "/events?country=PAK", "/events?topic=counterterrorism&sort=date", "/events?kind=call",
    "/events?person=حموشي&per_page=3&page=2", "/events?q=الإرهاب", "/events?since=2025-01&until=2025-12&sort=-sources",
    "/events?outlet=ناظور", "/timeline", "/timeline?by=topic&country=MAR", "/network?nodes=person",
    "/map?kind=meeting", "/countries/PAK", "/countries/MAR?per_page=5",
    pytest.param("/persons/" + quote("عبد اللطيف حموشي"), marks=requires_seeds),  # a person of the seeds
]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_every_page_and_its_json_twin_show_the_same_events(corpus: TestClient, url: str):
    html, data = twin(corpus, url)
    assert row_ids(html) == [e["id"] for e in data["events"]]
    assert len(data["events"]) == min(data["per_page"], max(0, data["total"] - (data["page"] - 1) * data["per_page"]))


def test_chart_shapes_are_drawn_from_the_twin_data(corpus: TestClient):
    html, tl = twin(corpus, "/timeline?by=topic")
    bars = [(t, a) for t, a in Page(html).tags if t == "rect" and "bar" in a.get("class", "")]
    drawn = {(a["data-month"], a["data-key"]): int(a["data-count"]) for _, a in bars}
    expected = {(m, s["key"]): n for s in tl["series"] for m, n in zip(tl["months"], s["counts"], strict=True) if n}
    assert drawn == expected and drawn
    html, net = twin(corpus, "/network")
    assert Page(html).attr("circle", "data-id", "node") == [n["id"] for n in net["nodes"]]
    assert len([1 for t, a in Page(html).tags if t == "line" and "data-weight" in a]) == len(net["edges"])
    html, geo = twin(corpus, "/map")
    page = Page(html)
    shaded = {a["data-code"]: int(a["data-events"]) for t, a in page.tags if t == "path" and "data-events" in a}
    assert shaded == {c["code"]: c["events"] for c in geo["countries"] if c["code"] in shaded}
    assert set(shaded) >= {"MAR", "PAK"} and len([t for t, _ in page.tags if t == "path"]) > 200
    assert page.attr("circle", "data-city", "place") == [p["city"] for p in geo["places"]]


def test_list_pages_and_search_twins_agree(corpus: TestClient):
    html, data = twin(corpus, "/persons?country=MAR")
    assert Page(html).attr("tr", "data-name") == [p["name"] for p in data["persons"]]
    html, data = twin(corpus, "/countries")
    assert Page(html).attr("tr", "data-code") == [c["code"] for c in data["countries"]]
    html, data = twin(corpus, "/search?q=" + quote("الاتجار بالبشر"))
    assert Page(html).attr("li", "data-doc", "hit") == [h["doc"] for h in data["hits"]] and data["hits"]
    for hit in data["hits"]:
        matches = [p["text"] for p in hit["parts"] if p["match"]]
        assert matches and all(fold(m).text == fold("الاتجار بالبشر").text for m in matches)
    assert html.count("<mark>") == sum(p["match"] for h in data["hits"] for p in h["parts"])


def test_filters_keep_what_the_store_keeps(corpus: TestClient, corpus_db: str):
    with Store(corpus_db) as store:
        cases = [{"country": "ITA"}, {"topic": "drug_trafficking"}, {"kind": "agreement"}, {"person": "حموشى"},
                 {"since": "2026"}, {"until": "2025-06"}, {"country": "MAR", "topic": "training"}]
        for filters in cases:
            data = corpus.get("/events.json", params={**filters, "sort": "date", "per_page": 500}).json()
            assert [e["id"] for e in data["events"]] == [e.id for e in store.events(**filters)], filters
            assert data["filters"] == filters
        hits = {i for h in store.search("المخدرات", 500) for i in h.events}
        data = corpus.get("/events.json", params={"q": "المخدرات", "sort": "date", "per_page": 500}).json()
        assert [e["id"] for e in data["events"]] == [e.id for e in store.events() if e.id in hits] and hits


def test_sorting_pagination_and_facets(corpus: TestClient):
    full = corpus.get("/events.json", params={"per_page": 500}).json()
    dates = [e["date"] for e in full["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True) and full["pages"] == 1
    seen = []
    for page in range(1, -(-full["total"] // 7) + 1):
        seen += [e["id"] for e in corpus.get("/events.json", params={"per_page": 7, "page": page}).json()["events"]]
    assert seen == [e["id"] for e in full["events"]]
    by_sources = corpus.get("/events.json", params={"sort": "-sources", "per_page": 500}).json()["events"]
    assert [len(e["sources"]) for e in by_sources] == sorted((len(e["sources"]) for e in by_sources), reverse=True)
    kinds = {f["value"]: f["count"] for f in full["facets"]["kind"]}
    assert sum(kinds.values()) == full["total"]
    html = corpus.get("/events", params={"per_page": 7, "page": 2}).text
    assert 'rel="next"' in html and 'rel="prev"' in html and "per_page=7" in html


@requires_seeds
def test_person_and_country_pages(corpus: TestClient):
    person = corpus.get("/persons/" + quote("حموشي") + ".json").json()
    assert person["countries"][0]["value"] == "MAR" and person["total"] >= 6
    assert any(c["country"] == "PAK" for c in person["counterparts"]) and person["timeline"]["months"]
    country = corpus.get("/countries/PAK.json").json()
    assert country["total"] >= 1 and country["partner_countries"][0]["value"] in {"MAR", "SAU", "ARE"}
    assert corpus.get("/countries/pak.json").json()["code"] == "PAK"
    assert corpus.get("/countries/NZL.json").json()["total"] == 0  # a real state without engagements


@pytest.mark.parametrize(("url", "status"), [
    ("/events/0000000000000000", 404), ("/events/0000000000000000.json", 404), ("/persons/zzzz.json", 404),
    ("/countries/XXZ.json", 404), ("/countries/12.json", 422), ("/events.json?country=PAKI", 422),
    ("/events.json?since=2025-1", 422), ("/events.json?kind=visit", 422), ("/events.json?page=0", 422),
    ("/events.json?per_page=501", 422), ("/events.json?sort=random", 422), ("/timeline.json?by=city", 422),
    ("/events?since=yesterday", 422), ("/events/0000000000000000", 404),
])
def test_bad_requests_are_client_errors(corpus: TestClient, url: str, status: int):
    res = corpus.get(url)
    assert res.status_code == status
    assert res.headers["content-type"].startswith("application/json" if ".json" in url else "text/html")


def test_empty_form_fields_mean_no_filter(corpus: TestClient):
    empty = corpus.get("/events.json?person=&country=&topic=&kind=&outlet=&since=&until=&q=").json()
    assert empty["filters"] == {} and empty["total"] == corpus.get("/events.json").json()["total"]


# -- safety: escaping, offline, read-only, headers ---------------------------------------------

XSS_PAGES = ["/events", "/events/xss0001", "/timeline", "/timeline?by=topic", "/network", "/network?nodes=person",
             "/map", "/persons", "/persons/" + quote(HOSTILE_NAME, safe=""), "/countries", "/countries/PAK",
             "/search?q=script", "/stats", "/docs"]


@pytest.fixture(scope="module")
def xss(xss_db: str) -> TestClient:
    return TestClient(create_app(xss_db))


@pytest.mark.parametrize("url", XSS_PAGES)
def test_payloads_in_pages_are_rendered_as_text(xss: TestClient, url: str):
    res = xss.get(url)
    assert res.status_code == 200
    page = Page(res.text)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "b", "i"}, tags
    for tag, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (tag, attrs)
    assert "<script" not in res.text.lower() and "<svg onload" not in res.text.lower()


def test_payloads_are_shown_verbatim(xss: TestClient):
    text = "".join(Page(xss.get("/events/xss0001").text).text)
    for payload in (HOSTILE_NAME, "<script>alert('city')</script>", "<svg onload=alert(3)>", "<b>x</b>"):
        assert payload in text
    ingested = [e for e in xss.get("/events.json").json()["events"] if e["id"] != "xss0001"]
    html = xss.get(f"/events/{ingested[0]['id']}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # inside the highlighted evidence
    assert "<script>alert(document.cookie)</script>" in "".join(Page(html).text)  # the article text
    assert 'href="javascript' not in html and "الرابط الأصلي" not in html  # a javascript: URL is no link
    assert xss.get("/events/xss0001.json").json()["event"]["participants"][0]["name"] == HOSTILE_NAME


def test_pages_load_nothing_from_outside_and_run_no_script(corpus: TestClient):
    for url in ["/events", "/events/" + corpus.get("/events.json").json()["events"][0]["id"], "/timeline",
                "/network", "/map", "/persons", "/countries", "/search?q=x", "/stats", "/docs"]:
        res = corpus.get(url)
        page = Page(res.text)
        refs = [a.get("href") or a.get("src") for t, a in page.tags if "href" in a or "src" in a]
        assert all(r.startswith(("/", "#", "?")) for r in refs), (url, [r for r in refs if not r.startswith("/")])
        assert "script" not in {t for t, _ in page.tags}
        assert "script-src 'none'" in res.headers["content-security-policy"]
        assert res.headers["x-content-type-options"] == "nosniff"
    assert corpus.get("/static/style.css").status_code == 200
    assert "googleapis" not in corpus.get("/static/style.css").text


def test_openapi_documents_every_twin_and_docs_page_is_offline(corpus: TestClient):
    spec = corpus.get("/openapi.json").json()
    for path in ("/events", "/events/{event_id}", "/timeline", "/network", "/map", "/persons", "/persons/{name}",
                 "/countries", "/countries/{code}", "/search", "/stats"):
        assert path in spec["paths"] and path + ".json" in spec["paths"]
    assert "EventsPage" in spec["components"]["schemas"]
    docs = corpus.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text and "/events.json" in docs.text
    assert "cdn" not in docs.text.lower() and "<script" not in docs.text
    assert corpus.get("/redoc").status_code == 404


def test_the_server_never_writes(corpus_db: str):
    with read_only(corpus_db) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM events")
    with Store(corpus_db) as store:
        assert store.counts()["events"] > 0


def test_missing_database_and_serve_defaults(tmp_path: Path):
    import copy

    import click
    from click.testing import CliRunner

    from marsad.cli import main
    from marsad.cli_web import register, serve

    group = copy.copy(main)
    group.commands = dict(main.commands)
    register(group)
    res = CliRunner().invoke(group, ["--db", str(tmp_path / "nope.db"), "serve"])
    assert res.exit_code == 1 and "no such database" in res.output
    options = {p.name: p.default for p in serve.params if isinstance(p, click.Option)}
    assert options["host"] == "127.0.0.1" and options["port"] == 8000
    assert "Example:" in (serve.help or "")


# -- schemathesis: generated requests against /openapi.json find no server error ----------------

OPERATIONS = sorted(create_app(":memory:").openapi()["paths"])  # the schema does not depend on the data


@pytest.fixture(scope="module")
def api_schema(corpus_db: str):
    schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (dev extra)")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_db))


@pytest.mark.parametrize("path", OPERATIONS)
def test_generated_requests_get_no_server_error_and_match_the_schema(api_schema, path: str):
    """Schemathesis, all its checks: no 5xx, documented status codes, content types and bodies."""
    (operation,) = [r.ok() for r in api_schema.get_all_operations() if r.ok().path == path]

    @given(operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None,
              derandomize=True)
    def check(case) -> None:
        case.call_and_validate()

    check()
