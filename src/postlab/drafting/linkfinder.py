"""twitter-text's link extractor, rebuilt from its own parts: same results, in linear time.

``twitter_text.extract_urls_with_indices`` runs one regex, ``extract_url``, with
``finditer``. Python's backtracking engine retries every start position, so a run
of dotted labels with no top-level domain at its end ("a.a.a.a...") is scanned
again from every dot (4,000 characters take ~50 s), and on ordinary links most of
the time goes to the domain part and, per link, ``str.encode("idna")`` and a second
regex (``valid_ascii_domain``).

Here the matches of that regex are worked out directly. A domain is labels
``SUB* DN TLD`` inside one run of host characters (domain characters, ``.``, ``_``,
``-``): a ``SUB`` label is a segment between dots that starts and ends with a domain
character, a ``DN`` label one without ``_``, and since every later part of the regex
is optional, backtracking always settles on the *last* label of the unbroken chain of
``SUB`` labels that is a ``DN`` label followed by ``.`` and a top-level domain. That
is one right-to-left pass over each run's segments, so every run is looked at a
bounded number of times. Runs with no ``.tld`` in them are skipped by one regex
search. The port, path and query are matched by twitter-text's own pattern for them,
and the loop over matches is twitter-text's, line for line. The top-level domain
lists, taken from twitter-text at import, are grouped by their first character
(keeping their order inside each group, so the first domain that matches is still
the one twitter-text picks). ``tests/unit/test_drafting_links.py`` checks the
rebuilt patterns and the results against twitter-text itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from twitter_text.extract_urls import default_protocol, max_tco_slug_length, max_url_length
from twitter_text.regexp import (
    invalid_url_without_protocol_preceding_chars as _tt_invalid_before,
)
from twitter_text.regexp import valid_cctld as _tt_cctld
from twitter_text.regexp import valid_gtld as _tt_gtld
from twitter_text.regexp.invalid_domain_chars import invalid_domain_chars
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


def _tail_source() -> str:
    """twitter-text's optional port, path and query, as they follow the domain."""
    return (
        f"(?::({valid_port_number.pattern}))?"
        f"(\\/{valid_url_path.pattern}*)?"
        f"(\\?{valid_url_query_chars.pattern}*{valid_url_query_ending_chars.pattern})?"
    )


def _assemble(gtld: str, cctld: str) -> tuple[str, str]:
    """twitter-text's ``extract_url`` and ``valid_ascii_domain`` patterns with these TLD parts."""
    domain = (
        f"(?:{valid_subdomain.pattern}*{valid_domain_name.pattern}"
        f"(?:{gtld}|{cctld}|{valid_punycode.pattern}))"
    )
    url = f"(({valid_url_preceding_chars.pattern})((https?:\\/\\/)?({domain}){_tail_source()}))"
    ascii_domain = (
        f"(?:(?:[\\-a-z0-9{latin_accent_chars.pattern}]+)\\.)+"
        f"(?:{gtld}|{cctld}|{valid_punycode.pattern})"
    )
    return url, ascii_domain


_URL_SOURCE, _ASCII_DOMAIN_SOURCE = _assemble(_GTLD, _CCTLD)
_URL = re.compile(_URL_SOURCE, re.IGNORECASE)  # the regex whose matches _matches() works out
_ASCII_DOMAIN = re.compile(_ASCII_DOMAIN_SOURCE, re.IGNORECASE)
_INVALID_BEFORE = _tt_invalid_before.invalid_url_without_protocol_preceding_chars

# The pieces _matches() uses, each from twitter-text's own fragments.
_INVALID = invalid_domain_chars.pattern
_DOMAIN_CHAR = f"[^{_INVALID}]"  # what valid_subdomain and valid_domain_name are made of
_HOST_CHAR = f"(?:{_DOMAIN_CHAR}|[._-])"
_PRE_SOURCE = valid_url_preceding_chars.pattern
if not _PRE_SOURCE.endswith("|^)"):
    msg = f"twitter-text preceding-chars pattern has an unexpected shape: {_PRE_SOURCE!r}"
    raise RuntimeError(msg)
_PRE_CHAR = _PRE_SOURCE[: -len("|^)")] + ")"  # one character; "^" is handled on its own
_TLD_SOURCE = f"(?:{_GTLD}|{_CCTLD}|{valid_punycode.pattern})"
_I = re.IGNORECASE
_BOUNDARY = re.compile(rf"\.{_TLD_SOURCE}", _I)  # a dot and the top-level domain after it
_RUN_WITH_TLD = re.compile(rf"(?<!{_HOST_CHAR}){_HOST_CHAR}*?\.(?={_TLD_SOURCE})", _I)
_HOST_RUN = re.compile(f"{_HOST_CHAR}*", _I)
_IS_HOST = re.compile(_HOST_CHAR, _I)
_IS_PRE = re.compile(_PRE_CHAR, _I)
_CANDIDATE = re.compile(f"(?<={_PRE_CHAR}){_DOMAIN_CHAR}", _I)  # where a domain may start
_PROTOCOL = re.compile(r"https?:\/\/", _I)
_TAIL = re.compile(_tail_source(), _I)
_TLD = re.compile(_TLD_SOURCE, _I)
_EDGE = "_-"  # host characters that are not domain characters (besides ".")


class _Run:
    """One run of host characters, split at its dots, with what every start in it needs."""

    __slots__ = ("best", "segs", "starts", "tld")

    def __init__(self, text: str, a: int, z: int) -> None:
        segs = text[a:z].split(".")
        starts = [a]
        for seg in segs[:-1]:
            starts.append(starts[-1] + len(seg) + 1)
        dots = {start - 1: t for t, start in enumerate(starts[1:])}
        # end of the top-level domain after the dot that ends segment t (endpos z + 1 lets
        # its look-ahead see the character after the run, as in the whole text)
        self.tld = {dots[m.start()]: m.end() for m in _BOUNDARY.finditer(text, a, z + 1)}
        last = len(segs) - 1
        # best[i]: the last segment t > i of the unbroken chain of SUB labels after segment
        # i that is a DN label followed by a top-level domain (where backtracking stops)
        best: list[int | None] = [None] * last
        current = None
        for t in range(last - 1, 0, -1):
            seg = segs[t]
            if not seg or seg[0] in _EDGE or seg[-1] in _EDGE:
                current = None  # not a SUB label: the chain breaks here
            elif current is None and t in self.tld and "_" not in seg:
                current = t
            best[t - 1] = current
        self.segs, self.starts, self.best = segs, starts, best

    def domain_end(self, i: int, p: int, text: str) -> int | None:
        """End of the domain that starts at ``p`` in segment ``i``, or None for no match."""
        if i >= len(self.best):
            return None  # the last segment: no dot after it
        seg = self.segs[i]
        if not seg or seg[-1] in _EDGE:
            return None
        best = self.best[i]
        if best is not None:
            return self.tld[best]
        if i in self.tld and "_" not in text[p : self.starts[i] + len(seg)]:
            return self.tld[i]
        return None


def _first_match(text: str, run: _Run, pos: int, real: bool) -> tuple[int, int, int, int] | None:
    """``(s, p, protocol length, domain end)`` of the first match starting at ``s >= pos``."""
    a = run.starts[0]
    if real and a >= 7:
        for size in (8, 7):
            s = a - size - 1
            if s >= -1 and _PROTOCOL.fullmatch(text, s + 1, a):
                if (s >= pos and _IS_PRE.match(text, s)) or (s == -1 and pos == 0):
                    head = run.segs[0][:1]
                    end = run.domain_end(0, a, text) if head and head not in _EDGE else None
                    if end is not None:
                        return s, a, size, end
                break
    segs, starts = run.segs, run.starts
    first = bisect_right(starts, pos + 1) - 1 if pos + 1 > a else 0
    for i in range(first, len(run.best)):
        seg = segs[i]
        lo, hi = max(starts[i], pos + 1), starts[i] + len(seg)
        if lo > hi or not seg or seg[-1] in _EDGE:
            continue
        if run.best[i] is None:
            if i not in run.tld:
                continue
            lo = max(lo, text.rfind("_", lo - 1, hi) + 1)  # no "_" in the label after p
        found = _CANDIDATE.search(text, lo, hi)
        p = found.start() if found else None
        if pos == 0 and starts[i] == 0 and (p is None or p >= 2) and text[0] not in _EDGE:
            # "^" at s = 0 comes after the one-character branch at s = 0 (p = 1)
            if run.best[i] is not None or "_" not in seg:
                p = 0
        if p is not None:
            end = run.domain_end(i, p, text)
            if end is not None:
                return p - 1, p, 0, end
    return None


def _one_dot_match(text: str, a: int, dot: int, d: int, pos: int, real: bool):
    """``_first_match`` for a run with a single dot, followed by a top-level domain ending at d."""
    if dot == a or text[dot - 1] in _EDGE:
        return None  # the label before the dot must end with a domain character
    under = text.rfind("_", a, dot)
    if real and a >= 7 and under < 0 and text[a] not in _EDGE:
        for size in (8, 7):
            s = a - size - 1
            if s >= -1 and _PROTOCOL.fullmatch(text, s + 1, a):
                if (s >= pos and _IS_PRE.match(text, s)) or (s == -1 and pos == 0):
                    return s, a, size, d
                break
    found = _CANDIDATE.search(text, max(a, pos + 1, under + 1), dot)
    p = found.start() if found else None
    if pos == 0 and a == 0 and (p is None or p >= 2) and under < 0 and text[0] not in _EDGE:
        p = 0  # "^" at s = 0 comes after the one-character branch at s = 0 (p = 1)
    return None if p is None else (p - 1, p, 0, d)


_HOST_CACHE: dict[str, bool] = {}


def _is_host(char: str) -> bool:
    """Whether ``char`` is a host character (cached: the regex call costs more)."""
    known = _HOST_CACHE.get(char)
    if known is None:
        known = _HOST_CACHE[char] = _IS_HOST.match(char) is not None
    return known


def _matches(text: str):
    """``(before, url, protocol, domain, path, end)`` of each match of ``_URL``, in order."""
    n = len(text)
    pos = 0  # where _URL.finditer would search next: matches start at s >= pos
    scan = 0  # runs before this are done
    while scan < n:
        if scan and _is_host(text[scan - 1]) and _is_host(text[scan]):
            a, real = scan, False  # a match ended inside a run: go on from there
            z = _HOST_RUN.match(text, scan).end()
            if _BOUNDARY.search(text, a, z + 1) is None:
                scan = z
                continue
            dot = -1
        else:
            found = _RUN_WITH_TLD.search(text, scan)
            if found is None:
                return
            a, real, dot = found.start(), True, found.end() - 1
            z = _HOST_RUN.match(text, dot + 1).end()
        if dot >= 0 and text.count(".", a, z) == 1:  # most runs: one dot, no Run needed
            match = _one_dot_match(text, a, dot, _TLD.match(text, dot + 1).end(), pos, real)
            matches = () if match is None else (match,)
        else:
            matches = _run_matches(text, _Run(text, a, z), pos, real)
        for s, p, size, d in matches:
            tail = _TAIL.match(text, d)
            pos = tail.end()
            protocol = text[p - size : p] if size else None
            before = text[s] if s >= 0 else ""
            yield before, text[p - size : pos], protocol, text[p:d], tail.group(2), pos
        scan = max(z, pos)


def _run_matches(text: str, run: _Run, pos: int, real: bool):
    """Successive ``_first_match`` results in one run, each searched from the last one's end."""
    z = run.starts[-1] + len(run.segs[-1])
    while pos < z:
        match = _first_match(text, run, pos, real)
        if match is None:
            return
        yield match
        pos = _TAIL.match(text, match[3]).end()


def _idna_to_ascii(domain: str) -> str | None:
    """twitter-text's ``idna_to_ascii``; ASCII names take the codec's own fast path here."""
    if domain.isascii():
        if len(domain) < 64:  # its labels are never empty (see _URL), so none is too long
            return domain
        labels = domain.split(".")
        if all(0 < len(label) < 64 for label in labels[:-1]) and len(labels[-1]) < 64:
            return domain
        return None
    return _idna_encode(domain)


@lru_cache(maxsize=4096)
def _idna_encode(domain: str) -> str | None:
    """``domain.encode("idna")``, cached (it is pure and slow)."""
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


_PLAIN_ASCII_DOMAIN = re.compile(r"[A-Za-z0-9.\-]+")


def _links(text: str) -> list[list]:
    """``[url, start, end]`` of each link twitter-text finds in ``text`` (the loop is its own)."""
    urls: list[list] = []
    for before, url, protocol, domain, path, end in _matches(text):
        start = end - len(url)
        if not _is_valid_url(url, protocol or default_protocol, domain):
            continue
        if protocol is None:
            if _INVALID_BEFORE.match(before):
                continue
            if _PLAIN_ASCII_DOMAIN.fullmatch(domain):
                # valid_ascii_domain finds exactly the whole domain: its labels are all
                # [-a-z0-9] and its last label is the top-level domain _URL matched
                last = [domain, start, start + len(domain)]
                urls.append(last)
            else:
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
    return urls


def find_links(text: str, pos: int = 0, endpos: int | None = None) -> list[dict]:
    """``twitter_text.extract_urls_with_indices(text[pos:endpos])``, with indices into ``text``.

    Takes time in proportion to the length of the text, whatever it holds.

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
    return [{"url": u, "indices": [s + pos, e + pos]} for u, s, e in _links(chunk)]
