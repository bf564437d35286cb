"""The state of an official from his title (people.py, step 4): the first state the title names,
in reading order, as an agency, a country, a nisba or a city.
"""

from __future__ import annotations

from .tokens import Tokens, strip


def title_state(toks: Tokens, start: int, end: int, weak_nisbas: frozenset[str] | set[str],
                weak_after: frozenset[str] | set[str]) -> tuple[str | None, str | None, str | None, list[str]]:
    """(state, organisation, sector, how) of the title toks[start:end]. `weak_nisbas` do not count
    after `weak_after` words ("وزير المالية" is no Malian)."""
    org = sector = None
    office = False  # a state office read so far (a minister, a crown prince ...)
    for k in range(start, end):  # the first state named in the title, in reading order
        hit = toks.hit[k]
        if hit is None or (k > start and hit is toks.hit[k - 1]):
            continue
        if hit.kind == "title":
            office = office or hit.key == "minister" or hit.attrs.get("sector") == "GOV"
        if hit.kind == "agency" and hit.key == "IGO" and (office or "الفخري" in toks.text[start:k]):
            continue  # "... وزير الداخلية الرئيس الفخري لمجلس وزراء الداخلية العرب": a further hat; an
            # honorary president of an Arab council is a state's minister, not the council's official
        if hit.kind == "agency":
            org = org or hit.form
            sector = sector or hit.attrs.get("sector")
            if hit.key not in {"*", ""}:  # "سفير خادم الحرمين الشريفين", "سفير الاتحاد الأوروبي"
                nisba = _nisba_after(toks, k, end) if hit.key != "IGO" else _state_after(toks, k, end)
                if nisba is not None:  # "رئيس جهاز المباحث العامة الليبي": the Libyan one, not the Saudi
                    return nisba, hit.form, hit.attrs.get("sector"), ["nisba"]
                return hit.key, hit.form, hit.attrs.get("sector"), ["igo" if hit.key == "IGO" else "agency"]
        if hit.kind in {"country", "nisba"} and not (
                hit.form in weak_nisbas and k > 0 and strip(toks.text[k - 1]) in weak_after):
            return hit.key, org, sector, [hit.kind]
    cities = [h for k in range(start, end) if (h := toks.hit[k]) is not None and h.kind == "city"]
    if cities:  # "القائد العام لشرطة دبي"
        return cities[0].attrs["iso3"], org, sector, ["city"]
    return None, org, sector, []


def _state_after(toks: Tokens, k: int, end: int) -> str | None:
    """"مدير مكتب الإنتربول بالمغرب": an international body's office in a state (after ب or في) is
    that state's (Interpol's national bureau is a national police unit)."""
    j = _past_hit(toks, k, end)
    if j < end and toks.text[j] == "في":
        j += 1
    elif j < end and not (toks.text[j].startswith("ب") and toks.hit_start[j] > toks.start[j]):
        return None
    hit = toks.hit[j] if j < end else None
    return hit.key if hit is not None and hit.kind == "country" else None


def _nisba_after(toks: Tokens, k: int, end: int) -> str | None:
    """The state of a nisba written right after the agency whose hit starts at token k: an
    agency's name with another state's adjective is that state's agency."""
    j = _past_hit(toks, k, end)
    hit = toks.hit[j] if j < end else None
    return hit.key if hit is not None and hit.kind == "nisba" else None


def _past_hit(toks: Tokens, k: int, end: int) -> int:
    """The first token after the gazetteer hit that starts at token k (not past `end`)."""
    j = k + 1
    while j < end and toks.hit[j] is toks.hit[k]:
        j += 1
    return j
