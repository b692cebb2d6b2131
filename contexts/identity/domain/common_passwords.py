"""Passwords too common to protect an account: the first ones a guesser tries, on every account.

`common-passwords.txt.gz` beside this module is Django's list (BSD licence, in
`common-passwords.LICENSE` beside it): the 20,000 passwords most common in breached lists, compiled
by Royce Williams, lower-cased and deduplicated by Django to 19,640. It ships with the code and is read
once, when this module is first imported, so checking a password asks nothing of the network.
"""

import gzip
from pathlib import Path

_LIST = Path(__file__).with_name("common-passwords.txt.gz")
_COMMON = frozenset(gzip.decompress(_LIST.read_bytes()).decode("utf-8").splitlines())


def is_common(password: str) -> bool:
    """Whether `password` is on the list in any case: "Password1" is guessed as early as "password1"."""
    return password.lower() in _COMMON
