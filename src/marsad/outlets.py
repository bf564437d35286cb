"""Which outlet published a page, and its country: `data/outlets.tsv` looked up by URL or name.

The domain wins: the host, lower-cased and without "www.", is matched by its longest suffix in
the table ("m.youm7.com" and "archive.aawsat.com" find youm7.com and aawsat.com; a listed
"ar.mehrnews.com" wins over a shorter one), a `domain/segment` row first where the URL's first
path segment names it ("sauress.com/alriyadh/123" is Al Riyadh, not the Sauress aggregator). With
no URL, or one the table does not know, the outlet name as written (a JSON Lines `source`, the
HTML's site name) is looked up, folded; a name that several countries' outlets share (الوطن،
الشروق) gives nothing. An aggregator found by its domain yields to the outlet its name gives.

>>> from marsad.lexicons import lexicons
>>> outlet_of("https://www.sauress.com/alriyadh/2106232", None, lexicons()).country
'SAU'
>>> outlet_of(None, "هسبريس", lexicons()).domain
'hespress.com'
>>> outlet_of("https://example.org/x", "الشروق", lexicons()) is None
True
>>> outlet_of(None, "القبس TV", lexicons()).country
'KWT'
>>> outlet_of("https://news.example.com.tn/a/1", None, lexicons()).country  # not listed: its state's domain
'TUN'

"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .normalize import fold_word

SCOPES = ("national", "pan-arab", "foreign-service", "aggregator")
LEADING = re.compile(r"^(?:www\d*\.)+")
PARENTHESES = re.compile(r"\([^)]*\)")
NOT_WORD = re.compile(r"[\W_]+")
ARABIC = re.compile(r"[\u0621-\u064a]")
LATIN_WORD = re.compile(r"\b[A-Za-z]+\b")
# Second-level labels under a country's domain that name no site ("com.sa"، "gov.ye").
PUBLIC_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "info", "news", "press", "co", "ac", "mil", "sch", "tv"})


@dataclass(frozen=True, slots=True)
class Outlet:
    """One row of outlets.tsv: `domain` ("hespress.com", or "maghress.com/hespress"), the name
    as the outlet writes it, its Latin name, its country (ISO 3166-1 alpha-3) and `scope`:
    national, pan-arab (country = where it is based), foreign-service (the Arabic service of a
    non-Arab outlet) or aggregator (a site hosting many outlets' articles)."""

    domain: str
    name: str
    name_en: str
    country: str
    scope: str

    @property
    def display(self) -> str:
        return self.name or self.name_en


@dataclass(slots=True)
class OutletTable:
    by_domain: dict[str, Outlet] = field(default_factory=dict)  # "host" and "host/segment"
    by_name: dict[str, Outlet] = field(default_factory=dict)  # name_key(...) -> outlet, unambiguous names only
    by_tld: dict[str, str] = field(default_factory=dict)  # an Arab state's country-code domain -> its ISO3


def name_key(name: str) -> str:
    """A name folded for look-up: diacritics, hamza, case and punctuation do not count.

    >>> name_key("Al-Quds  Al-Arabi"), name_key("الإمارات اليوم")
    ('al quds al arabi', 'الامارات اليوم')
    """
    return NOT_WORD.sub(" ", fold_word(name)).strip()


def _name_keys(name: str) -> set[str]:
    keys = {name_key(name), name_key(PARENTHESES.sub(" ", name))}  # "Okaz (via Sauress)" is also "okaz"
    return {k for k in keys if k}


def outlet_table(rows: Iterable[dict[str, str]], national_domains: Iterable[dict[str, str]] = ()) -> OutletTable:
    """The look-up table of outlets.tsv rows (see `lexicons._tsv`) and national_domains.tsv's."""
    table = OutletTable(by_tld={row["tld"].strip(): row["iso3"].strip() for row in national_domains})
    owners: dict[str, dict[str, Outlet]] = {}  # name key -> country -> first outlet
    for row in rows:
        names = [n.strip() for n in (row.get("name") or "").split("|") if n.strip()]
        latin = [n.strip() for n in (row.get("name_en") or "").split("|") if n.strip()]
        outlet = Outlet(row["domain"].strip().lower(), names[0] if names else "", latin[0] if latin else "",
                        row["iso3"].strip(), row["scope"].strip())
        table.by_domain[outlet.domain] = outlet
        for name in names + latin:
            for key in _name_keys(name):
                by_country = owners.setdefault(key, {})
                if outlet.country not in by_country or by_country[outlet.country].scope == "aggregator":
                    by_country[outlet.country] = outlet
    table.by_name = {key: next(iter(by.values())) for key, by in owners.items() if len(by) == 1}
    return table


def host_and_segment(url: str) -> tuple[str, str]:
    """(host without "www." and port, first path segment), both lower-case; ("", "") if unparsable.

    >>> host_and_segment("https://WWW.Maghress.com:443/alayam24/603893")
    ('maghress.com', 'alayam24')
    >>> host_and_segment("ar.mehrnews.com/amp/1")
    ('ar.mehrnews.com', 'amp')
    """
    url = url.strip()
    if "//" not in url.split("?", 1)[0]:
        url = "//" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return "", ""
    segment = parts.path.lstrip("/").split("/", 1)[0].lower()
    return LEADING.sub("", host), segment


def by_url(url: str, table: OutletTable) -> Outlet | None:
    host, segment = host_and_segment(url)
    labels = host.split(".")
    for i in range(len(labels) - 1):  # longest suffix first, never a bare top-level domain
        suffix = ".".join(labels[i:])
        if segment and (hit := table.by_domain.get(f"{suffix}/{segment}")):
            return hit
        if hit := table.by_domain.get(suffix):
            return hit
    if (state := table.by_tld.get(labels[-1])) and any(x not in PUBLIC_SECOND_LEVEL for x in labels[:-1]):
        return Outlet(host, "", "", state, "national")  # "moi.gov.ye": an unlisted site of a state's own domain
    return None


def outlet_of(url: str | None, name: str | None, lex: Any) -> Outlet | None:
    """The outlet of a page from its URL, else from its outlet name as written, or None."""
    table: OutletTable = lex.outlets
    found = by_url(url, table) if url else None
    if found is not None and found.scope != "aggregator" and found.display:
        return found  # a listed outlet (an unlisted one known by its domain's state yields to its name)
    named = table.by_name.get(name_key(name)) if name else None
    if named is None and name:
        named = table.by_name.get(name_key(PARENTHESES.sub(" ", name)))
    if named is None and name and ARABIC.search(name):  # a masthead's "القبس TV": the Arabic name alone
        named = table.by_name.get(name_key(LATIN_WORD.sub(" ", name)))
    return named or found
