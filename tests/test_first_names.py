"""The first-name lists (qa/first_names.py) as the resolver of "he" and "she" reads them."""

from qa.first_names import sex_of_first_name


def test_a_first_name_given_to_one_sex_says_which_and_a_shared_or_unknown_one_says_nothing():
    assert sex_of_first_name("Sophie") == "f"
    assert sex_of_first_name("Oliver") == "m"
    assert sex_of_first_name("Taylor") is None  # given to both about as often
    assert sex_of_first_name("Arsene") is None  # not in the 1990 US census lists
    assert sex_of_first_name("The") is None
