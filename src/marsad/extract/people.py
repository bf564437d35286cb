"""People, their titles, organisations and countries, from the grammar of protocol news.

Problem: Arabic news names officials in both orders around their titles ("عبد اللطيف حموشي
المدير العام ..."، "مدير جهاز أمن الدولة الإماراتي، طلال راشد الزعابي،"), and marks their state
with nisba adjectives, country names or agencies inside the title. No offline NER does this.

Idea: 1. find title heads (data/titles.yaml) and gazetteer hits in one Aho-Corasick pass each;
2. grow each title to the right over its organisation (prepositional and definite words, agency
and country names, qualifiers) up to a comma, a date, a verb or a name; 3. take the name on its
left (NAME TITLE, NAME، TITLE) or else on its right (TITLE NAME, TITLE، NAME،); 4. the person's
country is the first country or nisba inside the title, else the agency's country; 5. later
short references (حموشي، السيدة بوستين) and title-only mentions join the same person.

Limits: a name is only found next to a title or an honorific; a title written after a long
relative clause is missed; a surname that is also a nisba (المصري) may be read as a country.
"""

from __future__ import annotations

import re

from ..lexicons import Lexicons, lexicons
from ..normalize import Folded, fold, fold_word
from ..settings import Reach
from .bare_names import collective_people, honorific_people, verb_subjects
from .honorifics import Honorifics
from .mentions import (
    Person,
    family_states,
    merge_ranks,
    offices_before_name,
    offices_before_verb,
    side_states,
)
from .title_state import title_state
from .tokens import Tokens, agency_at, mark_hits, named_amir, strip, tokenize, tokens_with, verb_after

QUOTES = frozenset('"«»“”')  # a name in quotes: "عبد اللطيف حموشي"
STOP_PUNCT = set("،,.:؛;()«»\"“”!?؟[]{}–—")
APPOSITION = {"،", ",", "؛", ";", "–", "—", "-"}  # between a name and the title after it
# A name word never carries a preposition and the article: بالعاصمة، للشرطة، والوفد.
NOT_NAME_PREFIX = re.compile(r"^(?:[وف]?(?:بال|لل)|وال(?=..))")
# Heads whose title may name a place: "سفير إيطاليا في تونس", "المبعوث الخاص إلى سوريا".
POSTED = {"ambassador", "charge_daffaires", "consul", "consul_general", "envoy", "special_envoy", "representative",
          "permanent_representative", "attache", "military_attache", "security_attache", "coordinator",
          "resident_coordinator", "head_of_mission", "special_representative", "delegate", "police_attache",
          "defence_attache", "diplomatic_attache", "resident_representative", "national_coordinator"}
COUNTERPART_PROCLITIC = re.compile(r"^[وف]?[بل]?(?=نظير)")


class PeopleFinder:
    """Finds `Person` mentions in a segment's text; holds the lexicons it needs and how far a
    title and a name may run (`Reach.title_tokens`, `Reach.name_tokens`)."""

    def __init__(self, lex: Lexicons | None = None, reach: Reach = Reach()):
        self.lex = lex or lexicons()
        self.title_tokens, self.name_tokens = reach.title_tokens, reach.name_tokens
        self.w = w = self.lex.people_words
        self.honorific_table = Honorifics(self.lex)
        self.honorific_words = frozenset(w for h in self.honorific_table.honorifics for w in h.split())
        self.org_words = set(self.lex.org_words)
        self.not_names = set(self.lex.not_names) | self.lex.function_words
        self.modifiers = {fold_word(m) for m in self.lex.titles.get("modifiers") or []}
        self.qualifiers = {fold_word(q) for q in self.lex.titles.get("qualifiers") or []} | self.w.qualifiers
        self.date_words = set(self.lex.weekdays) | set(self.lex.months) | self.lex.day_words | w.day_parts
        self.trigger_words = self.lex.trigger_words
        self.verb_words = {fold_word(p + v.split()[0]) for fam in self.lex.triggers.values() if isinstance(fam, dict)
                           for v in fam.get("verbs", []) for p in ("", "و", "ف")} - self.lex.function_words  # not الذي
        self.first_names = self.lex.first_names
        self.collective = {fold_word(c) for c in self.lex.titles.get("collective") or []}  # وزراء: several people
        self.common = self.lex.common_words - self.first_names
        self.title_left = self.modifiers | w.title_prefixes  # words before a head that belong to its title
        self.modifier_ordinals = {fold_word(m) for m in self.lex.titles.get("modifier_ordinals") or []}
        self.title_goes_on = w.state_words | w.missions | w.place_words  # "في دولة/سفارة/ولاية ..."
        self.not_purpose = self.not_names | w.purpose
        self.goes_on = self.org_words | self.title_goes_on  # a word after أمير that makes it the title

    def find(self, text: str, folded: Folded | None = None, place_hits: list | None = None,
             agency_hits: list | None = None, title_hits: list | None = None) -> list[Person]:
        """The people of `text`; the places, agencies and title heads hits may be given (found already)."""
        folded = folded or fold(text)
        toks = tokenize(folded, text)
        heads = mark_hits(self.lex, folded.text, toks, place_hits, agency_hits, title_hits) - named_amir(toks, self.goes_on, self.first_names)
        toks.hon = self.honorific_table.marks(toks)
        people: list[Person] = []
        claimed: set[int] = set()
        anchors = sorted(heads | tokens_with(folded.text, toks, "نظير"))
        i = title_end = 0
        for i0 in anchors:  # title heads and "نظيره": the grammar starts there
            if i0 < i:
                continue
            i = i0
            hit = toks.hit[i]
            if "نظير" in toks.text[i] and COUNTERPART_PROCLITIC.sub("", toks.text[i]) in self.w.counterpart:  # "نظيره التونسي، السيد خالد النوري"
                end = i + 1
                while end < len(toks) and (h := toks.hit[end]) is not None and h.kind == "nisba":
                    end += 1
                person = self._person(text, folded, toks, i, end, claimed, counterpart=True)
                if person:
                    people.append(person)
                i = end
                continue
            if hit is not None and hit.kind == "title" and toks.text[i] not in self.not_names \
                    and not (i > 0 and toks.text[i - 1] in self.w.name_binders) and not self.honorific_table.inside(toks, i) \
                    and folded.text[toks.start[i]:toks.hit_start[i]] not in self.w.capacity_proclitics \
                    and not ((i == title_end or i + 1 in claimed) and self.honorific_table.office_as_honorific(toks, i)):
                # not "كمبعوث"; not الأمير after a title or before a name already read ("السعودي الأمير خالد")
                start = self._extend_left(toks, i)
                end = self._extend_right(toks, i)
                person = self._person(text, folded, toks, start, end, claimed)
                if person:
                    people.append(person)
                i = title_end = max(end, i + 1)
                continue
            i += 1
        people += honorific_people(self, text, folded, toks, claimed) + verb_subjects(self, text, folded, toks, claimed) \
            + collective_people(self, text, folded, toks, claimed)
        people.sort(key=lambda p: p.start)
        people = offices_before_name(merge_ranks(people, text, self.honorific_words), text)
        people = offices_before_verb(people, text, lambda end: verb_after(folded, toks, end, self.verb_words))
        side_states(folded, toks, people, self.w, self.lex.cues.delegation_led)
        family_states(people, self.lex.ruling_families)
        return people

    # 2. the title span
    def _extend_left(self, toks: Tokens, i: int) -> int:
        while i > 0:
            if strip(toks.text[i - 1]) in self.title_left:
                i -= 1
            elif i > 1 and toks.text[i - 1] in self.modifier_ordinals and strip(toks.text[i - 2]) in self.title_left:
                i -= 2  # "النائب الأول لرئيس ..."
            else:
                break
        return i

    def _extend_right(self, toks: Tokens, i: int) -> int:
        head = toks.hit[i]
        j = i + 1
        while j < len(toks) and toks.hit[j] is head:
            j += 1
        limit = min(len(toks), i + self.title_tokens)
        posted = head is not None and (head.key in POSTED or any(w in head.key for w in ("envoy", "ambassador", "consul")))
        while j < limit and self._continues(toks, j, posted):
            j += 1
        while j > i + 1 and toks.text[j - 1] in self.w.title_trailing:
            j -= 1
        return j

    def _continues(self, toks: Tokens, j: int, posted: bool = False) -> bool:
        word = toks.text[j]
        hit = toks.hit[j]
        if word in QUOTES:  # 'قائد "أفريكوم"': an agency's name in quotes goes on with the title
            return agency_at(toks, j + 1) and j + 2 < len(toks) and toks.text[j + 2] in QUOTES \
                or agency_at(toks, j - 1) and j >= 2 and toks.text[j - 2] in QUOTES
        if toks.latin(j) or word in STOP_PUNCT or word.isdigit() or len(word) == 1 and not word.isalpha():
            return False
        if word in self.date_words or word.lstrip("و") in self.date_words or word in self.trigger_words:
            return False
        if self.honorific_table.at(toks, j) or word in self.w.honorific_titles and self.honorific_table.office_as_honorific(toks, j):
            return False
        if hit is not None:
            if hit.kind == "title" and toks.hit_start[j] > toks.start[j] and word[0] == "ب":
                return False  # "الوزير الليبي بالمدير العام ...": a second person
            return hit.kind in {"country", "nisba", "agency", "title", "city"} and not hit.attrs.get("person")  # مسعد
        if word in self.qualifiers or word in self.collective and j + 1 < len(toks) and toks.text[j + 1].startswith("ال"):
            return True  # a plural title inside a construct chain: "رئيس لجنة رؤساء الأركان المشتركة"
        if word in self.w.title_prepositions and j + 1 < len(toks):  # "وزيرة الدولة للأمن في مملكة إسبانيا"
            nxt, nxt_hit = toks.text[j + 1], toks.hit[j + 1]
            if nxt_hit is not None and nxt_hit.kind == "city":
                return posted  # "سفير إيطاليا في تونس" but not "وزير الخارجية في مسقط" (the meeting place)
            if word == "الي":
                return posted and nxt_hit is not None and nxt_hit.kind == "country"
            return nxt_hit is not None and nxt_hit.kind in {"country", "agency"} \
                or strip(nxt) in self.title_goes_on or nxt in self.title_goes_on or nxt in self.w.place_words
        if word in self.w.place_words:
            return True
        if word in self.not_names or word.lstrip("و") in self.not_names or word in self.lex.function_words:
            return False
        stem = strip(word)
        if stem in self.org_words or word in self.org_words:
            return True
        if toks.hamza(j):  # أحمد، أليساندرو: a name, not a definite word; "وزير أوروبا والشؤون": a chain
            return j + 1 < len(toks) and bool(re.match(r"^و(?:ال|لل)", toks.text[j + 1]))
        if re.match(r"^[وف]?[بك]ال", word):
            return False  # بال + a common word ("بالنتائج"); بالنيابة، بالمغرب are listed or hits
        if word[0] == "و" and len(word) > 3 and j + 1 < len(toks) and toks.text[j + 1].startswith("ال") \
                and word[1:] not in self.not_names:
            return True  # "وزير الداخلية وترقية اللامركزية": a coordinated construct
        if re.match(r"^[وف]?ل(?!ل)", word) and stem not in self.not_purpose and j + 1 < len(toks):
            nxt = toks.text[j + 1]  # "لخدمات مكافحة المخدرات": a construct chain goes on
            return toks.hit[j + 1] is not None or strip(nxt) in self.org_words or nxt.startswith("ال")
        return bool(re.match(r"^و?(?:ال|لل)", word)) and stem not in self.not_names \
            and word not in self.first_names  # "وزير الداخلية والنقل السعيد سعيود": a name begins

    # 3. the name next to the title
    def _person(self, text: str, folded: Folded, toks: Tokens, start: int, end: int,
                claimed: set[int], counterpart: bool = False) -> Person | None:
        if counterpart:
            name = self._name_right(toks, end, claimed)
        else:
            # "واجتمع اللواء الحاج برئيس ..."، "الرئيس X ووزير ...": a title with a proclitic takes no name on its left
            bound = toks.hit_start[start] > toks.start[start]
            left = None if bound else self._name_left(toks, start, claimed)
            stated = any(h is not None and h.kind in {"nisba", "country"} for h in toks.hit[start:end])
            right = self._name_right(toks, end, claimed, stated)
            left_comma = left is not None and left[1] < start
            right_comma = right is not None and right[0] > end
            name = right if right and not right_comma and (left is None or left_comma) else left or right
        title_start = max(toks.start[start], toks.hit_start[start])  # "بسفير" -> "سفير"
        title_span = folded.span(title_start, toks.end[end - 1])
        head = toks.hit[start] if toks.hit[start] else toks.hit[min(start + 1, end - 1)]
        country, org, sector, how = title_state(toks, start, end, self.w.weak_nisbas, self.w.weak_nisba_after)
        name_span = None
        if name:
            claimed.update(range(name[0], name[1]))
            first = toks.text[name[0]]
            skip = 1 if first[0] in "بلو" and first[1:] in self.first_names else 0  # "بكريم"
            name_span = folded.span(toks.start[name[0]] + skip, toks.end[name[1] - 1])
        spans = [title_span] + ([name_span] if name_span else [])
        if counterpart and not name_span and not country:
            return None
        if counterpart:
            how = ["counterpart"]
        return Person(
            name=text[name_span[0]:name_span[1]] if name_span else None,
            title=None if counterpart else text[title_span[0]:title_span[1]], country=country,
            start=min(s for s, _ in spans), end=max(e for _, e in spans),
            name_span=name_span, title_span=None if counterpart else title_span, organization=org,
            sector=sector or (head.attrs.get("sector") if head else None),
            concept=head.key if head and head.kind == "title" else None, evidence=how,
        )

    def _name_token(self, toks: Tokens, k: int, claimed: set[int]) -> bool:
        word = toks.text[k]
        hit = toks.hit[k]
        if k > 0 and toks.text[k - 1] in self.w.name_binders and word.isalpha() and k not in claimed:
            return True  # "عبد الأمير", "بن سلطان"
        if k > 1 and toks.text[k - 1] in self.w.foreign_particles and toks.text[k - 2].isalpha() and word.isalpha() \
                and k not in claimed and toks.hit[k - 2] is None and toks.hit[k] is None:
            return True  # "لويجي دي مايو": after a foreign name's particle, a month's name is a family name
        if k in claimed or hit is not None and not (hit.kind == "city" and toks.hit_start[k] == toks.start[k]):
            return False  # a town's name is also a person's (عمران), but not "بتونس"; ranks are not names
        if toks.latin(k):
            return True
        if len(word) == 1:  # a detached proclitic ("بـ Alex PINFIELD") or a lone letter is no name word, but the
            # French particle d' inside a name is ("اجريجوار د سان كانتان"), between two name words
            return word in self.w.particles and 0 < k < len(toks) - 1 and toks.text[k + 1].isalpha() \
                and toks.text[k - 1].isalpha() and toks.hit[k + 1] is None
        if word.startswith("بال") and k > 0 and toks.text[k - 1] in self.first_names and word[3:] not in self.common:
            return True  # "سفيان بالصادق": a Tunisian surname, not "بال" + a noun
        if word in STOP_PUNCT or not word[0].isalpha() or word.isdigit() or NOT_NAME_PREFIX.match(word):
            return False
        if len(word) >= 5 and word.endswith(self.w.possessed_endings) and not toks.latin(k):
            return False  # "أهميتها"، "زيارتهم": a noun and its pronoun
        rest = word[1:]
        if word[0] == "و" and len(word) > 3 and k > 0 and toks.text[k - 1] not in self.w.particles and (
                rest in self.common or rest in self.not_names or rest in self.trigger_words
                or re.fullmatch(r"ا\w+(?:ا|وا)", rest)):
            return False  # "خالد المرزوقي واتفقا": "و" + a word or a verb; وليد، ويلز are names
        if word == "علي":  # علي is also على (on) once folded: a name beside other name words only
            prev = toks.text[k - 1] if k else "،"
            nxt = toks.text[k + 1] if k + 1 < len(toks) else "."
            if nxt in self.common and nxt not in self.first_names or nxt in self.not_names:
                return False  # "على هامش", "على رأس"
            bare_next = nxt.isalpha() and not nxt.startswith("ال") and k + 1 < len(toks) and toks.hit[k + 1] is None
            return prev in self.w.particles or prev in {"،", ","} or prev in self.first_names or prev == "الله" \
                or self.honorific_table.ends_at(toks, k - 1) or nxt in self.first_names or bare_next \
                or nxt in {".", "،", ","} or nxt == "ال" and toks.source[toks.folded.pos(toks.start[k + 1])] == "آ"
            # the preposition على is never the last word of a clause, nor followed by آل (a family: علي آل محمود)
        bare = word[1:] if word[0] in "وبل" and len(word) > 3 else word
        if word in self.date_words and k + 1 < len(toks) and ((nxt := toks.text[k + 1]) in self.first_names or nxt in
                self.w.name_binders) and (self.honorific_table.ends_at(toks, k - 1) or word in self.first_names
                                           and toks.hit[k + 1] is None):
            return True  # a day part after an honorific ("الشيخ صباح خالد"), a day's name that is a first name
            # ("جمعة مبارك الجنيبي", "خميس بن سالم"), then a name
        return word not in self.not_names and word not in self.date_words and word not in self.trigger_words \
            and bare not in self.trigger_words and bare not in self.not_names and word not in self.org_words \
            and not (bare != word and bare in self.common)

    def _name_run(self, toks: Tokens, start: int, claimed: set[int], bounded: bool) -> int:
        """The end of the run of name words from `start`; `bounded`: not past a word `_runs_on`."""
        k = start
        while k < len(toks) and k - start < self.name_tokens and self._name_token(toks, k, claimed) \
                and not (bounded and self._runs_on(toks, k, start)):
            k += 1
        return k

    def _runs_on(self, toks: Tokens, k: int, start: int) -> bool:
        """Would token k run a name of two words or more on into its sentence? "اللواء فارس الخطيب
        جولة جديدة": a frequent word that is not a first name, a definite or a nisba-like one."""
        if k - start < 2 or toks.text[k - 1] in self.w.particles:
            return False
        word, frequent = toks.text[k], self.lex.frequent_words
        if word.startswith("ال") or word.endswith("ي"):
            return False  # a family name: البصري، الطيب
        if k + 1 >= len(toks) or toks.text[k + 1] in STOP_PUNCT:
            return False  # "رجب طيب أردوغان،": a frequent name, closed by the punctuation after it
        return word in frequent or word[0] in "وف" and word[1:] in frequent  # "وتناولت المباحثات"

    def _runs_back(self, toks: Tokens, k: int, end: int) -> bool:
        """Would token k run a name of two words or more, read leftwards from its title, back into
        its sentence? "زيارة تلبية لدعوة ماتيو بيانتيدوزي وزير داخلية إيطاليا": a frequent word
        written with a proclitic (ل، ب، و، ف), which a name word seldom carries."""
        if end - k <= 2 or toks.text[k - 1] in STOP_PUNCT:
            return False
        word = toks.text[k]
        return len(word) > 3 and word[0] in "لبوف" and word[1:] in self.lex.frequent_words \
            and word not in self.first_names and word[1:] not in self.first_names

    def _name_left(self, toks: Tokens, start: int, claimed: set[int]) -> tuple[int, int] | None:
        k = start - 1
        if k >= 0 and toks.text[k] in APPOSITION:  # "محمود توفيق – وزير الداخلية"
            k -= 1
        quoted = k >= 0 and toks.text[k] in QUOTES  # '"عبد اللطيف حموشي"، المدير العام'
        k -= quoted
        end = k + 1
        while k >= 0 and end - k <= 8 and self._name_token(toks, k, claimed) and not self.honorific_table.at(toks, k) \
                and not self.honorific_table.inside(toks, k) and not self._runs_back(toks, k, end):
            k -= 1
        k += 1
        honored = self.honorific_table.ends_at(toks, k - 1)
        enclosed = quoted or end < start and (k == 0 or toks.text[k - 1] in {"،", ","})  # "، NAME، TITLE"
        if honored or end - k >= 2 or (end - k == 1 and toks.latin(k)):
            return (k, end) if end - k >= 1 and self._plausible(toks, k, end, honored or enclosed) else None
        return None

    def _name_right(self, toks: Tokens, end: int, claimed: set[int], stated: bool = False) -> tuple[int, int] | None:
        """The name right of a title ending at `end` (`stated`: the title names its state)."""
        k = end
        comma = k < len(toks) and toks.text[k] in {"،", ","}
        if comma:
            k += 1
        quoted = k < len(toks) and toks.text[k] in QUOTES  # 'المفوض العام للاستعلامات "أوخينيو بيرييرو"'
        k += quoted
        honored = False
        while k < len(toks) and (parts := self.honorific_table.at(toks, k)):
            if not comma and toks.text[k][0] == "ب" and parts[0] != toks.text[k]:
                return None  # "مدير الأمن العام بالسيد X": X is the other side
            k += len(parts) + (k + len(parts) < len(toks) and toks.text[k + len(parts)] == "/")  # "السيد/ X"
            honored = True
        if self.honorific_table.office_as_honorific(toks, k):
            k, honored = k + 1, True  # "... السعودي الأمير عبدالعزيز بن سعود"
        start = k
        if not comma and k < len(toks) and (w := toks.text[k])[:1] == "و" and w not in self.first_names \
                and w[1:] in self.first_names:
            return None  # "وزير الخارجية السوداني وسامح شكري": و + a first name begins the next person
        k = self._name_run(toks, start, claimed, bounded=not comma)  # "TITLE، NAME،": the commas close it
        while k - start > 2 and toks.text[k - 1].startswith("ال") and toks.text[k - 1] in self.common:
            k -= 1  # "قاسم الأعرجي العاصمة ...": the name stops before a common word
        while k - start > 3 and toks.text[k - 1].startswith("ال") and toks.text[k - 2].startswith("ال") \
                and toks.text[k - 2] in self.common:
            k -= 2  # "فيصل بن فرحان العلاقات الثنائية"
        if k - start >= 2 and k + 1 < len(toks) and (h := toks.hit[k]) is not None and h.kind == "nisba" \
                and (toks.text[k + 1] in STOP_PUNCT or self.honorific_table.at(toks, k + 1) or stated):
            k += 1  # "هاشم جعفر التونسي،"، "... التونسي العميد": a family name that is also a nisba; and after a
            # title that has its state already: "وزير الداخلية اليمني اللواء مطهر رشاد المصري في صنعاء"
        if k - start >= 2 or (k - start == 1 and toks.latin(start)):
            closed = k >= len(toks) or toks.text[k] in STOP_PUNCT
            if comma and not closed:  # "TITLE، NAME آفاق التعاون": no closing comma, the sentence runs on
                k = self._name_run(toks, start, claimed, bounded=True)
                words = toks.text[start:k]
                if k - start < 2 or k >= len(toks) or not self._runs_on(toks, k, start) \
                        or any(w[0] == "و" and w not in self.first_names or w in self.honorific_words for w in words):
                    return None  # it ends where a frequent word begins the sentence's rest; a و or an honorific in it (ومعالي)
                return (start, k) if self._plausible(toks, start, k, honored) else None
            if not comma and honored and k + 1 < len(toks) and toks.text[k] in {"،", ","} \
                    and (h := toks.hit[k + 1]) is not None and h.kind == "title" and toks.hit_start[k + 1] == toks.start[k + 1] \
                    and not self.honorific_table.at(toks, self._extend_right(toks, k + 1)):
                return None  # "استقبل الوزير السيدة X، المديرة ...": X belongs to the next title, unless
                # that one has its own ("الرئيس السيد X، وزير الداخلية الإسباني السيد Y")
            enclosed = comma and closed or quoted  # "TITLE، NAME،", 'TITLE "NAME"': the apposition vouches for it
            return (start, k) if self._plausible(toks, start, k, enclosed or honored) else None
        return None

    def _plausible(self, toks: Tokens, start: int, end: int, honored: bool = False) -> bool:
        """Is toks[start:end] a name? Not a single Arabic word, not all definite words, not led by a
        common noun (برنامج). After an honorific (السيدة ماري ...) a name may be one word or start
        like a common word."""
        words = toks.text[start:end]
        if honored:
            return not all(w.startswith("ال") for w in words) and not any(w in self.lex.function_words
                                                                           and w != "علي" for w in words)
        if len(words) == 1 and not toks.latin(start):
            return False
        if any(w.startswith("ال") and (len(words) > 2 or w in self.common) for w in words[1:]) and all(
                w in self.lex.frequent_words and w not in self.first_names for w in words):
            return False  # "مع المدير العام سبل تبادل الخبرات"، "ملفات التعاون القضائي": a noun phrase; but
            # "سامر الخطيب", two words whose definite one is no common noun, is a name
        common = self.common
        if all(w.startswith("ال") for w in words) or words[0][1:] in common and words[0].startswith("و"):
            return False
        if words[0] in common and (len(words) == 1 or words[1] in common or words[1].startswith("ال")):
            return False  # "برنامج اللقاءات"; but "لويس غارنييه" (a common-looking first name)
        if words[-1].startswith("ال") and words[-1] in common and words[-1] not in self.honorific_words:
            return False  # "قرطاج الدولي": a name does not end in a common adjective; "حسين الشيخ" does in a family
        content = [w for w in words if w not in self.w.particles and not w.startswith("ال")]
        return sum(w in common for w in content) * 2 <= len(content)
