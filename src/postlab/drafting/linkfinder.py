"""twitter-text's link extractor, rebuilt from its own parts to run faster, same results.

``twitter_text.extract_urls_with_indices`` spends most of its time in two
alternations of about 1,500 top-level domains each (``valid_gtld``,
``valid_cctld``), which Python's ``re`` tries one by one at every dot, and in
``str.encode("idna")`` for every link. Here the same domain lists, taken from
twitter-text at import, are grouped by their first character (keeping their
order inside each group, so the first domain that matches is still the one
twitter-text picks), the link regex is assembled from twitter-text's own
fragments with the same template, and IDNA results are cached. The loop over
matches is twitter-text's, line for line. ``tests/unit/test_drafting_links.py``
checks both the rebuilt regex and the results against twitter-text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from twitter_text.extract_urls import default_protocol, max_tco_slug_length, max_url_length
from twitter_text.regexp import (
    invalid_url_without_protocol_preceding_chars as _tt_invalid_before,
)
from twitter_text.regexp import valid_cctld as _tt_cctld
from twitter_text.regexp import valid_gtld as _tt_gtld
from twitter_text.regexp.latin_accent_chars import latin_accent_chars
from twitter_text.regexp.valid_domain_name import valid_domain_name
from twitter_text.regexp.valid_port_number import valid_port_number
from twitter_text.regexp.valid_punycode import valid_punycode
from twitter_text.regexp.valid_subdomain import valid_subdomain
from twitter_text.regexp.valid_tco_url import valid_tco_url
from twitter_text.regexp.valid_url_path import valid_url_path
from twitter_text.regexp.valid_url_preceding_chars import valid_url_preceding_chars
from twitter_text.regexp.valid_url_query_chars import valid_url_query_chars
from twitter_text.regexp.valid_url_query_ending_chars import valid_url_query_ending_chars

__all__ = ["find_links", "tld_first_chars"]

_TLD_HEAD = "(?:(?:"
_TLD_TAIL = ")(?=[^0-9a-zA-Z@+-]|$))"


def _tld_names(pattern: re.Pattern[str]) -> list[str]:
    """The domain names of one of twitter-text's TLD alternations, in its order."""
    text = pattern.pattern
    if not (text.startswith(_TLD_HEAD) and text.endswith(_TLD_TAIL)):
        msg = f"twitter-text TLD pattern has an unexpected shape: {text[:40]!r}...{text[-40:]!r}"
        raise RuntimeError(msg)
    names = text[len(_TLD_HEAD) : -len(_TLD_TAIL)].split("|")
    odd = [n for n in names if not n or re.escape(n) != n]
    if odd:
        msg = f"twitter-text TLD list holds names that are not plain text: {odd[:5]}"
        raise RuntimeError(msg)
    return names


def _grouped(names: list[str]) -> str:
    """``a(?:ero|...)|b(?:...)``: one branch per first character, inner order kept."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(name[1:])
    branches = []
    for first, rests in groups.items():
        inner = "|".join(rests)
        branches.append(f"{first}(?:{inner})")
    return _TLD_HEAD + "|".join(branches) + _TLD_TAIL


_GTLD_NAMES = _tld_names(_tt_gtld.valid_gtld)
_CCTLD_NAMES = _tld_names(_tt_cctld.valid_cctld)
_GTLD = _grouped(_GTLD_NAMES)
_CCTLD = _grouped(_CCTLD_NAMES)


def tld_first_chars() -> str:
    """Every first character of twitter-text's top-level domains and punycode (``x``)."""
    return "".join(sorted({n[0] for n in _GTLD_NAMES + _CCTLD_NAMES} | {"x"}))


def _assemble(gtld: str, cctld: str) -> tuple[str, str]:
    """twitter-text's ``extract_url`` and ``valid_ascii_domain`` patterns with these TLD parts."""
    domain = (
        f"(?:{valid_subdomain.pattern}*{valid_domain_name.pattern}"
        f"(?:{gtld}|{cctld}|{valid_punycode.pattern}))"
    )
    url = (
        "("
        f"({valid_url_preceding_chars.pattern})"
        "("
        "(https?:\\/\\/)?"
        f"({domain})"
        f"(?::({valid_port_number.pattern}))?"
        f"(\\/{valid_url_path.pattern}*)?"
        f"(\\?{valid_url_query_chars.pattern}*{valid_url_query_ending_chars.pattern})?"
        ")"
        ")"
    )
    ascii_domain = (
        f"(?:(?:[\\-a-z0-9{latin_accent_chars.pattern}]+)\\.)+"
        f"(?:{gtld}|{cctld}|{valid_punycode.pattern})"
    )
    return url, ascii_domain


_URL_SOURCE, _ASCII_DOMAIN_SOURCE = _assemble(_GTLD, _CCTLD)
_URL = re.compile(_URL_SOURCE, re.IGNORECASE)
_ASCII_DOMAIN = re.compile(_ASCII_DOMAIN_SOURCE, re.IGNORECASE)
_INVALID_BEFORE = _tt_invalid_before.invalid_url_without_protocol_preceding_chars


@lru_cache(maxsize=4096)
def _idna_to_ascii(domain: str) -> str | None:
    """twitter-text's ``idna_to_ascii``, cached (it is pure and slow)."""
    try:
        return domain.encode("idna").decode("ascii")
    except Exception:  # twitter-text treats any failure as "not a domain"
        return None


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    """twitter-text's ``is_valid_url``."""
    puny = _idna_to_ascii(domain)
    if not puny:
        return False
    return len(protocol) + len(url) + len(puny) - len(domain) <= max_url_length


@lru_cache(maxsize=1024)
def _links_in(chunk: str) -> tuple[tuple[str, int, int], ...]:
    """``(url, start, end)`` of each link twitter-text finds in ``chunk`` (the loop is its own)."""
    urls: list[list] = []
    for match in _URL.finditer(chunk):
        _, before, url, protocol, domain, _, path, _ = match.groups()
        end = match.end()
        start = end - len(url)
        if not _is_valid_url(url, protocol or default_protocol, domain):
            continue
        if protocol is None:
            if _INVALID_BEFORE.match(before):
                continue
            last = None
            for ascii_match in _ASCII_DOMAIN.finditer(domain):
                a_start, a_end = ascii_match.span()
                last = [ascii_match.group(0), start + a_start, start + a_end]
                urls.append(last)
            if last is None:
                continue
            if path:
                last[0] = url.replace(domain, last[0])
                last[2] = end
        else:
            tco = valid_tco_url.search(url)
            if tco:
                slug = tco.group(1)
                if slug and len(slug) > max_tco_slug_length:
                    continue
                url = tco.group(0)
                end = start + len(url)
            urls.append([url, start, end])
    return tuple((u, s, e) for u, s, e in urls)


def find_links(text: str, pos: int = 0, endpos: int | None = None) -> list[dict]:
    """``twitter_text.extract_urls_with_indices(text[pos:endpos])``, with indices into ``text``.

    Results for a chunk of text are cached, so a link pasted many times is parsed once.

    Parameters
    ----------
    text : str
        The text.
    pos, endpos : int, optional
        Look only at ``text[pos:endpos]``, exactly as if it were the whole text.

    Returns
    -------
    list of dict
        ``{"url": str, "indices": [start, end]}`` in order, as twitter-text gives them.

    Example
    -------
    >>> find_links("Apply at navapur.example.in/apply or https://t.co/abc")
    [{'url': 'navapur.example.in/apply', 'indices': [9, 33]}, \
{'url': 'https://t.co/abc', 'indices': [37, 53]}]
    """
    chunk = text[pos:endpos] if pos or endpos is not None else text
    if "." not in chunk:
        return []
    return [{"url": u, "indices": [s + pos, e + pos]} for u, s, e in _links_in(chunk)]
