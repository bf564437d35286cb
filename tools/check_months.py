"""Check that data/months.yaml lists every Arabic month name CLDR knows (build-time, needs babel).

    pip install babel pyyaml && python tools/check_months.py

CLDR keeps regional names in the `format` context: ar_MA gives ماي، يوليوز، غشت، شتنبر، نونبر،
دجنبر; ar_DZ/ar_TN جانفي، فيفري ...; ar_LB/SY/IQ/JO كانون الثاني ...; ar_MR أغشت، شتمبر، دجمبر.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel import Locale, localedata

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from marsad.normalize import fold_word  # noqa: E402


def main() -> int:
    months = yaml.safe_load((ROOT / "src" / "marsad" / "data" / "months.yaml").read_text(encoding="utf-8"))
    listed = {fold_word(v): int(k) for k, vs in months["gregorian"].items() for v in vs}
    forms: dict[str, int] = {}
    for name in localedata.locale_identifiers():
        if name == "ar" or name.startswith("ar_"):
            for number, month in Locale.parse(name).months["format"]["wide"].items():
                forms[month.replace("\u00a0", " ")] = number
    missing = {f: n for f, n in forms.items() if listed.get(fold_word(f)) != n}
    print(f"{len(forms)} CLDR forms, {len(missing)} missing or misnumbered: {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
