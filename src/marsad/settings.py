"""Settings: every threshold of a run in one object, each with the reason for its value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Reach:
    """How far a rule of extraction looks from the word it is about, in characters of folded text
    (tokens, where said). Each value was set on the seeds and our own pages and checked on the real
    set (docs/quality.md); a longer reach finds more and is wrong more often."""

    # Guards before a trigger (extract/triggers.py).
    guard_tail: int = 80  # the end-anchored guards (negated, recalled_near) read this much of the clause before it
    planned_before: int = 60  # "من المقرر أن يلتقي": a plan word within a short clause before the verb
    negated_before: int = 40  # "لم يلتق"، "دون أن يلتقي": a negation is a word or two before it
    background_before: int = 40  # "وكان الطرفان قد التقيا ... في اجتماع": the background word just before
    future_after: int = 80  # "يلتقي ... غدا": a future time in the words right after the trigger
    # The sides of a trigger (extract/sides.py).
    series_before: int = 12  # "كما التقى"، "ثم استقبل": the series word right before the verb
    state_list: int = 120  # trigger -> first state of its list ("مع عدد من نظرائه وزراء الداخلية في")
    counterparts_before: int = 60  # "مع نظرائه وزراء ...": the list's lead words before its first state
    agent_before: int = 50  # "من قبل"، "من طرف" (a passive's agent) before the agent's mention
    with_before: int = 40  # "مع" before a noun trigger's second side ("عقد X مع نظيره Y جلسة")
    sides_before: int = 400  # the clause before a noun trigger in which both its sides may stand
    joined_before: int = 6  # "، و" between two sides named one after the other
    pair_between_before: int = 8  # "بين مصر وإيطاليا": بين right before the first state of a pair (home state)
    side_of_before: int = 12  # "ترأس الجانب العماني": the side noun right before its nisba (a joint body's head)
    third_state_votes: int = 2  # a third state named once (a topic: "الأوضاع في القدس") leaves the outlet's official his own state
    listed: int = 3  # "التقى X، وY، وZ": so many people in a comma list after a verb are each met
    listed_items: int = 6  # "شملت:": the paragraphs of a list after a colon, read back to it
    recalled_days: int = 30  # a meeting dated a month or more before its page, told past the lede, is background
    mention_chars: int = 600  # longer than any mention (a title with its organisation and a name)
    # The place of a meeting (extract/events.py, extract/places.py).
    visit_before: int = 40  # "في زيارة إلى": the visit word before a destination state
    plan_before_place: int = 50  # "على أن تعقد الدورة المقبلة في": a future venue is not the meeting's
    capital_before: int = 14  # "بالعاصمة" right before a nisba ("بالعاصمة الجزائرية")
    seat_before: int = 40  # "بمقر وزارة الداخلية" before a nisba ("... الإيطالية")
    place_cue_before: int = 30  # the words before a place that say city, state, in, to ("مدينة"، "دولة")
    visitor_after: int = 12  # "يزور الشيخ X": the visitor named right after a visit verb (an honorific between)
    state_after_city: int = 40  # a state named right after a city shared by several ("طرابلس اللبنانية")
    # Names and titles (extract/people.py), in tokens.
    title_tokens: int = 18  # a title with its organisation and state ("وزير الدولة للشؤون ... في ...")
    name_tokens: int = 10  # a name with its particles ("محمد بن عبد الله بن ...")
    # Dates (extract/dates.py, date_words.py, relative_dates.py).
    weekday_before: int = 30  # "يوم الثلاثاء الماضي،" written before a date
    month_before: int = 20  # "مطلع شهر"، "أواخر" before a month name
    day_before_month: int = 10  # a day number before a month name (the day-month finder's date)
    named_before: int = 12  # a word that makes a date a name ("شارع 14 يناير") right before it
    range_open_before: int = 6  # "من" (or "بين") right before the first day of a range
    word_before: int = 8  # one short word right before ("صباح اليوم" is no relative day)
    word_chars: int = 24  # longer than an Arabic word and the spaces next to it
    weekday_years: int = 40  # a yearless date with a weekday: years looked back (every pairing recurs in 28)
    shift_anchor: int = 400  # "اليوم التالي": the date it counts from is written this near before it
    first_year: int = 1900  # a written year before it is never a date of the story (spec §3)


@dataclass(slots=True)
class Settings:
    # Resolves yearless/relative dates when a document has no publication date (spec §1).
    ref_date: dt.date = field(default_factory=dt.date.today)
    # Larger inputs are refused: a real news page is < 2 MB; a 50 MB file is a dump or an error.
    max_file_bytes: int = 20_000_000
    # A line longer than this is not prose (minified HTML/JSON in a .txt): the file is refused.
    max_line_chars: int = 200_000
    # Body paragraphs: at least this many words when they end like a sentence ...
    body_min_words: int = 4  # "وأحيل الموقوفون إلى القضاء." is a real one-line paragraph
    # ... or this many words without final punctuation (long paragraphs lose their full stop).
    body_long_words: int = 25
    # Arabic prose has one function word (في، من، التي ...) in 5-15 words; protocol ledes full of
    # names and titles drop to 1 in 20 (measured on the seeds); keyword and name lists have none.
    body_min_function_ratio: float = 0.03
    # A headline has 3..25 words: fewer is a menu item, more is a paragraph.
    title_min_words: int = 3
    title_max_words: int = 25
    # A source line ("الرباط - وكالة الأنباء") is a name or two: more words make it a headline.
    source_max_words: int = 7
    # Headline-like lines before the body that may be the headline (nearest first).
    title_candidates: int = 6
    # The start of the story, which its headline sums up (characters).
    lede_chars: int = 600
    # An outlet's name on a line of its own is the masthead only this near the top (lines).
    masthead_lines: int = 12
    # A full date on a line of its own this near after the body is the page's publication stamp.
    stamp_lines: int = 3
    # A paragraph goes on after at most this many chrome lines (a caption, a share bar).
    skipped_lines: int = 2
    # A subheading inside the article ("محاور اللقاء"): a headline has more words.
    subheading_words: int = 6
    # A line this long, with function words, is prose even without a comma.
    prose_words: int = 15
    # A weak sign of a wrapped line counts only at the end of a piece this short (never a headline).
    fragment_words: int = 3
    # The lines of a paragraph wrapped by the page differ in width by less than this share.
    wrap_slack: float = 0.15
    # An article after a marker ("اقرأ أيضا") has this many paragraphs or this many words; less is
    # a teaser.
    article_min_paragraphs: int = 2
    article_min_words: int = 40
    # Syndicated copies: share of a document's paragraph hashes found in an earlier document.
    duplicate_overlap: float = 0.8
    # Fusion: two reports of one event whose dates differ by more than this are two events.
    fusion_date_window_days: int = 3
    # Extraction: how far each rule looks (above).
    reach: Reach = field(default_factory=Reach)
