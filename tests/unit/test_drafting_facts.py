"""Facts that must match between English and Hindi versions of a post."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlab.drafting import compare_facts, normalize_digits
from postlab.drafting.facts import extract_facts

EN = "Free eye camp on 12 May 2026 at 9 am. Call 1800-000-0000. Details: navapur.example.in/eye"
HI = (
    "निःशुल्क नेत्र शिविर १२ मई २०२६ को सुबह ९ बजे। कॉल करें १८००-०००-००००। जानकारी: navapur.example.in/eye"
)


def test_matching_pair_matches():
    result = compare_facts(EN, HI)
    assert result.matches, result.mismatches
    assert result.first["dates"] == ["2026-05-12"]
    assert result.first["phones"] == ["18000000000"]


def test_wrong_date_in_hindi_is_reported():
    wrong = HI.replace("१२ मई", "१३ मई")
    (mismatch,) = compare_facts(EN, wrong).mismatches
    assert mismatch.kind == "dates"
    assert mismatch.only_in_first == ["2026-05-12"] and mismatch.only_in_second == ["2026-05-13"]
    assert "2026-05-12" in mismatch.message


def test_wrong_phone_and_link_are_reported():
    wrong = HI.replace("१८००-०००-००००", "१८००-०००-०००१").replace("/eye", "/ear")
    kinds = [m.kind for m in compare_facts(EN, wrong).mismatches]
    assert kinds == ["links", "phones"]


def test_indian_grouping_and_devanagari_digits_are_the_same_number():
    assert extract_facts("1,00,000 doses")["numbers"] == extract_facts("१,००,००० खुराक")["numbers"]


def test_numeric_dates_are_day_first():
    assert extract_facts("on 05/06/2026")["dates"] == ["2026-06-05"]


def test_to_dict_is_plain():
    d = compare_facts(EN, HI.replace("९ बजे", "१० बजे")).to_dict()
    assert d["matches"] is False and d["mismatches"][0]["kind"] == "numbers"


@given(st.integers(min_value=0, max_value=10**9))
def test_devanagari_digits_normalise(n):
    hindi = str(n).translate(str.maketrans("0123456789", "०१२३४५६७८९"))
    assert normalize_digits(hindi) == str(n)


@given(st.text(max_size=120))
def test_text_always_matches_itself(text):
    assert compare_facts(text, text).matches


# Issue 3, problem 2: a removed link was blanked to spaces, so the phone pattern ran across it
# and read "1800-000-1077 <link> 9" as one number. No fact may span a link, line or sentence end.
def test_issue3_phone_does_not_run_across_a_removed_link():
    facts = extract_facts("call 1800-000-1077 https://example.com/x 9 am")
    assert facts["phones"] == ["18000001077"]
    assert facts["numbers"] == ["9"] and facts["links"] == ["example.com/x"]


@pytest.mark.parametrize(
    ("text", "dates", "numbers"),
    [
        ("Camp on 12 https://example.com/x May", [], ["12"]),  # day, link, month
        ("Camp in May https://example.com/x 12 families", [], ["12"]),
        ("Camp on 12\nMay", [], ["12"]),
        ("Camp in May\r\n12 families came", [], ["12"]),
        ("Camp in May. 12 families came", [], ["12"]),
        ("Camp on 12 May. 2026 families came", ["--05-12"], ["2026"]),
        ("Camp on 12 Sept. 2026", ["2026-09-12"], []),  # a shortened month keeps its dot
        ("Camp on Sept. 12, 2026", ["2026-09-12"], []),
        ("Camp on 12 May, 2026", ["2026-05-12"], []),
    ],
)
def test_issue3_dates_do_not_span_links_lines_or_sentence_ends(text, dates, numbers):
    facts = extract_facts(text)
    assert (facts["dates"], facts["numbers"]) == (dates, numbers)


@given(
    st.from_regex(r"\+?91[ -]?9[0-9]{4} ?[0-9]{5}|1800-000-[0-9]{4}", fullmatch=True),
    st.sampled_from(["https://example.com/navapur/x", "navapur.example.in/camp", "\n", ". "]),
    st.integers(min_value=0, max_value=99),
)
def test_issue3_phone_then_break_then_number_stay_two_facts(phone, gap, n):
    facts = extract_facts(f"Call {phone} {gap} {n} am")
    assert len(facts["phones"]) == 1 and str(n) in facts["numbers"]
