"""data/outlets.tsv (domain -> outlet, country) and `outlets.outlet_of`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.clean import clean_document
from marsad.lexicons import lexicons
from marsad.model import Document
from marsad.outlets import SCOPES, host_and_segment, outlet_of
from marsad.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "marsad" / "data"
MANIFEST = ROOT / "eval" / "real" / "MANIFEST.tsv"
ARAB_STATES = {"MAR", "DZA", "TUN", "LBY", "MRT", "EGY", "SDN", "JOR", "LBN", "SYR", "PSE", "IRQ", "SAU", "ARE",
               "QAT", "KWT", "BHR", "OMN", "YEM", "SOM", "DJI", "COM"}
STATE_AGENCIES = ["map.ma", "aps.dz", "tap.info.tn", "lana.gov.ly", "ami.mr", "mena.org.eg", "suna-sd.net",
                  "petra.gov.jo", "nna-leb.gov.lb", "sana.sy", "wafa.ps", "ina.iq", "spa.gov.sa", "wam.ae",
                  "qna.org.qa", "kuna.net.kw", "bna.bh", "omannews.gov.om", "saba.ye"]


def tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = tsv(DATA / "outlets.tsv")
ISO3 = {r["iso3"] for r in tsv(DATA / "countries.tsv")}


def test_rows_are_valid():
    assert len(ROWS) >= 150
    assert all(list(r) == ["domain", "name", "name_en", "iso3", "scope"] for r in ROWS)
    assert [r["iso3"] for r in ROWS if r["iso3"] not in ISO3] == []
    assert [r["scope"] for r in ROWS if r["scope"] not in SCOPES] == []
    assert [r["domain"] for r in ROWS if not r["name_en"].strip()] == []
    assert [r["domain"] for r in ROWS if r["domain"] != r["domain"].strip().lower() or "." not in r["domain"]
            or r["domain"].startswith(("www.", "http")) or r["domain"].count("/") > 1] == []


def test_no_duplicate_domain():
    seen: set[str] = set()
    dups = [r["domain"] for r in ROWS if r["domain"] in seen or seen.add(r["domain"])]
    assert dups == []


def test_every_arab_state_and_the_scopes_are_there():
    assert ARAB_STATES - {r["iso3"] for r in ROWS} == set()
    assert {r["scope"] for r in ROWS} == set(SCOPES)
    assert [r["domain"] for r in ROWS if r["scope"] == "national" and r["iso3"] not in ARAB_STATES] == []


def test_state_news_agencies_are_there():
    by_domain = {r["domain"]: r for r in ROWS}
    assert [d for d in STATE_AGENCIES if d not in by_domain] == []


def test_path_rows_sit_on_a_listed_domain():
    domains = {r["domain"] for r in ROWS}
    assert [r["domain"] for r in ROWS if "/" in r["domain"] and r["domain"].split("/")[0] not in domains
            and r["scope"] != "foreign-service"] == []


def test_every_real_set_page_gets_its_outlets_country():
    with MANIFEST.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows
    wrong = [(r["url"][:60], r["country"], getattr(outlet_of(r["url"], None, lexicons()), "country", None))
             for r in rows if getattr(outlet_of(r["url"], None, lexicons()), "country", None) != r["country"]]
    assert wrong == []


@pytest.mark.parametrize("url, name, domain, country", [
    ("https://www.hespress.com/politique/123.html", None, "hespress.com", "MAR"),  # www.
    ("https://m2.youm7.com/story/1", None, "youm7.com", "EGY"),  # a subdomain: longest suffix
    ("https://m.skynewsarabia.com/amp/x", None, "skynewsarabia.com", "ARE"),  # m.
    ("https://ar.mehrnews.com/amp/1897047", None, "ar.mehrnews.com", "IRN"),  # a listed subdomain
    ("https://mubasher.aljazeera.net/news/1", None, "mubasher.aljazeera.net", "QAT"),
    ("HTTPS://WWW.OKAZ.COM.SA:443/local/na/1", None, "okaz.com.sa", "SAU"),  # case and port
    ("www.wam.ae/ar/article/1", None, "wam.ae", "ARE"),  # no scheme
    ("https://www.sauress.com/alriyadh/2106232", None, "sauress.com/alriyadh", "SAU"),  # path prefix
    ("https://www.maghress.com/alayam24/603893", None, "maghress.com/alayam24", "MAR"),
    ("https://www.masress.com/masrawy/5837450", None, "masress.com/masrawy", "EGY"),
    ("https://www.masress.com/unknown/1", None, "masress.com", "EGY"),  # unknown prefix: the aggregator
    ("https://www.masress.com/unknown/1", "Al-Masry Al-Youm", "almasryalyoum.com", "EGY"),  # its name wins
    ("https://www.bbc.com/arabic/articles/x", None, "bbc.com/arabic", "GBR"),  # a foreign service's path
    ("https://www.france24.com/ar/1", "France 24", "france24.com/ar", "FRA"),
    ("https://sarabic.ae/20230319/x.html", None, "sarabic.ae", "RUS"),  # Sputnik: the domain is not the state
    (None, "هسبريس", "hespress.com", "MAR"),  # a name as written
    (None, "وكالة الأنباء السعودية", "spa.gov.sa", "SAU"),
    (None, "وكالة الانباء السعودية", "spa.gov.sa", "SAU"),  # folded
    (None, "Okaz (via Sauress)", "okaz.com.sa", "SAU"),  # a note in parentheses
    (None, "sky news arabia", "skynewsarabia.com", "ARE"),  # Latin, any case
    ("https://unknown-site.example/x", "Al Riyadh", "alriyadh.com", "SAU"),  # unknown domain: the name
    ("https://www.hespress.com/x", "Okaz", "hespress.com", "MAR"),  # the domain wins over the name
    ("https://www.moi.gov.ye/news/1", None, "moi.gov.ye", "YEM"),  # not listed: the state's own domain
    ("https://akhbar-elyoum.example.com.eg/a", None, "akhbar-elyoum.example.com.eg", "EGY"),
])
def test_lookup(url, name, domain, country):
    found = outlet_of(url, name, lexicons())
    assert found is not None and (found.domain, found.country) == (domain, country)


@pytest.mark.parametrize("url, name", [
    ("https://unknown-site.example/x", None),  # unknown domain
    ("https://www.bbc.com/news/world", None),  # not the Arabic service's path
    (None, "الشروق"),  # a name outlets of several states share (DZA, TUN, EGY)
    (None, "الوطن"),
    (None, None),
    ("", ""),
    ("http://[broken/", None),  # unparsable
    ("https://com.sa/x", None),  # a bare public suffix
    ("https://notes.so/x", None),  # .so and .dj are sold as vanity names: no state
])
def test_no_outlet(url, name):
    assert outlet_of(url, name, lexicons()) is None


def test_host_and_segment():
    assert host_and_segment("https://www.djazairess.com/elkhabar/337835") == ("djazairess.com", "elkhabar")
    assert host_and_segment("http://[broken/") == ("", "")


def test_clean_sets_outlet_and_country():
    text = "وزير يستقبل سفيرا\nاستقبل الوزير اليوم سفير فرنسا في مكتبه بالعاصمة، وتباحث الطرفان في سبل التعاون."
    (seg,) = clean_document(Document("a", text=text, url="https://www.okaz.com.sa/local/na/1"), Settings())
    assert (seg.outlet, seg.outlet_country) == ("عكاظ", "SAU")
    (seg,) = clean_document(Document("b", text=text, url="https://www.okaz.com.sa/1", outlet="Okaz daily"), Settings())
    assert (seg.outlet, seg.outlet_country) == ("Okaz daily", "SAU")  # a given outlet name is kept
    (seg,) = clean_document(Document("c", text=text, outlet="Hespress"), Settings())
    assert (seg.outlet, seg.outlet_country) == ("Hespress", "MAR")
    (seg,) = clean_document(Document("d", text=text), Settings())
    assert (seg.outlet, seg.outlet_country) == (None, None)


def test_clean_reads_the_canonical_url_of_html():
    body = "<p>" + "استقبل الوزير اليوم سفير فرنسا في مكتبه بالعاصمة، وتباحث الطرفان في سبل التعاون. " * 4 + "</p>"
    html = (f'<html><head><link rel="canonical" href="https://www.alghad.com/x-1/"></head>'
            f"<body><article><h1>وزير يستقبل سفيرا</h1>{body}</article></body></html>")
    segs = clean_document(Document("e.html", html=html), Settings())
    assert (segs[0].url, segs[0].outlet_country) == ("https://www.alghad.com/x-1/", "JOR")
