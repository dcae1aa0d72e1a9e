"""How many hand-checked entity mentions of the example commentary plain spaCy gets right,
next to claimtrail (gazetteer + fix-ups + clustering).

Usage: python bench/compare_entities.py [EXAMPLE] [EXPECTED_JSON]

A gold mention counts as right when the pipeline has an entity span with the same text
(ignoring a leading "the" and a trailing possessive) and the same label; for plain spaCy,
WEAPON is accepted as PRODUCT (its nearest label). Role and name-part mentions ("the
president", "Joe") are not entity spans for spaCy and are scored for claimtrail only.
The gold list was made from claimtrail's output and corrected by hand, so the claimtrail
figure is a regression check, not an independent score.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    default = ROOT.parent / "shared/examples/commentary-atacms-2024-11.txt"
    example = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    expected = json.loads(Path(sys.argv[2] if len(sys.argv) > 2 else
                               ROOT / "tests/fixtures/commentary-atacms-expected.json").read_text())
    import datetime as dt

    import spacy

    from claimtrail import AnalyzeOptions, analyze
    from claimtrail.nlp.loader import choose_model

    text = example.read_text(encoding="utf-8").strip()
    plain = spacy.load(choose_model())(text)
    spacy_spans = set()
    for ent in plain.ents:
        words = ent.text.split()
        while words and words[0].lower() == "the":
            words = words[1:]
        surface = " ".join(words).removesuffix("’s").removesuffix("'s")
        spacy_spans.add((surface, ent.label_))
    result = analyze(example, AnalyzeOptions(published=dt.date.fromisoformat(expected["published"])))
    ours = {(m.text, e.label, m.start_char) for e in result.entities for m in e.mentions}

    total = spacy_right = ours_right = span_total = 0
    for gold in expected["entities"].values():
        label = gold["label"]
        for mention in gold["mentions"]:
            total += 1
            ours_right += any(t == mention and lab == label for t, lab, _ in ours)
            if mention[:1].islower() or (mention in ("Joe", "Don")):
                continue  # role/name-part mentions: not spans spaCy's NER is asked for
            span_total += 1
            accepted = {label, "PRODUCT"} if label == "WEAPON" else {label}
            spacy_right += any((mention, lab) in spacy_spans for lab in accepted)
    print(f"gold mentions: {total} ({span_total} named spans)")
    print(f"plain spaCy ({choose_model()}): {spacy_right}/{span_total} named spans right "
          f"({spacy_right / span_total:.0%})")
    print(f"claimtrail: {ours_right}/{total} mentions right ({ours_right / total:.0%})")


if __name__ == "__main__":
    main()
