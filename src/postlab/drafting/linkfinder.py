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
from twitter_text.regexp.valid_general_url_path_chars import valid_general_url_path_chars
from twitter_text.regexp.valid_port_number import valid_port_number
from twitter_text.regexp.valid_punycode import valid_punycode
from twitter_text.regexp.valid_subdomain import valid_subdomain
from twitter_text.regexp.valid_tco_url import valid_tco_url
from twitter_text.regexp.valid_url_balanced_parens import valid_url_balanced_parens
from twitter_text.regexp.valid_url_path import valid_url_path
from twitter_text.regexp.valid_url_path_ending_chars import valid_url_path_ending_chars
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


def _without_dot_dash_underscore(body: str) -> str:
    """A character-class body with its ``\\-``, ``\\.`` and ``_`` taken out (ranges kept)."""
    tokens, i = [], 0
    while i < len(body):
        size = {"x": 4, "u": 6}.get(body[i + 1], 2) if body[i] == "\\" else 1
        tokens.append(body[i : i + size])
        i += size
    kept = [t for t in tokens if t not in ("\\-", "\\.", "_", ".")]
    if len(tokens) - len(kept) != 3:
        msg = f"twitter-text invalid domain characters have an unexpected shape: {body!r}"
        raise RuntimeError(msg)
    return "".join(kept)


# a domain character, ".", "_" or "-", as one class (the regex engine is much faster on
# one class than on an alternation; tests/unit/test_drafting_links.py checks they agree)
_HOST_CHAR = f"[^{_without_dot_dash_underscore(_INVALID)}]"
_PRE_SOURCE = valid_url_preceding_chars.pattern
if not _PRE_SOURCE.endswith("|^)"):
    msg = f"twitter-text preceding-chars pattern has an unexpected shape: {_PRE_SOURCE!r}"
    raise RuntimeError(msg)
_PRE_CHAR = _PRE_SOURCE[: -len("|^)")] + ")"  # one character; "^" is handled on its own
_TLD_SOURCE = f"(?:{_GTLD}|{_CCTLD}|{valid_punycode.pattern})"
_I = re.IGNORECASE
# every top-level domain has two or more characters, the first neither a digit nor an
# invalid domain character, the second not invalid (tests/unit/test_drafting_links.py):
# checking that first lets a long "a.a.a.a..." be skipped without trying ~1,500 names per dot
_TLD_HINT = f"(?=[^{_INVALID}0-9][^{_INVALID}])"
_BOUNDARY = re.compile(rf"\.{_TLD_HINT}{_TLD_SOURCE}", _I)  # a dot and the domain after it
# a whole run of host characters holding a dot and a top-level domain: the first such
# dot, where that domain ends (group 1) and where the run ends
_RUN_WITH_TLD = re.compile(
    rf"(?<!{_HOST_CHAR}){_HOST_CHAR}*?\.{_TLD_HINT}({_TLD_SOURCE}){_HOST_CHAR}*", _I
)
_HOST_RUN = re.compile(f"{_HOST_CHAR}*", _I)
_IS_HOST = re.compile(_HOST_CHAR, _I)
_IS_PRE = re.compile(_PRE_CHAR, _I)
_CANDIDATE = re.compile(f"(?<={_PRE_CHAR}){_DOMAIN_CHAR}", _I)  # where a domain may start
_PROTOCOL = re.compile(r"https?:\/\/", _I)
_TAIL = re.compile(_tail_source(), _I)  # what _tail() works out


def _path_parts() -> tuple[str, str, str]:
    """valid_url_path's three branches: ``G*(?:BP G*)*E``, ``BP`` and ``@G+/``."""
    g, bp = valid_general_url_path_chars.pattern, valid_url_balanced_parens.pattern
    ending = valid_url_path_ending_chars.pattern
    ending_class = ending.removesuffix(f"|(?:{bp})")
    shape = f"(?:(?:{g}*(?:{bp}{g}*)*{ending_class}|(?:{bp}))|(?:@{g}+/))"
    if valid_url_path.pattern != shape or not ending_class.startswith("["):
        msg = "twitter-text valid_url_path has an unexpected shape"
        raise RuntimeError(msg)
    return f"{g}*(?:{bp}{g}*)*{ending_class}", f"(?:{bp})", f"(?:@{g}+/)"


# ``(/PATH*)`` with PATH = first | parens | at. Python's engine retries `first` at every
# repeat, rescanning the rest of the path each time ("(a)(a)(a)..." is quadratic). But
# `first` ends after the last ending character outside parentheses that it can reach,
# and every later repeat starts in what it could reach, so only the first repeat can
# take it: match `first` once, then repeat the other two.
_PATH_FIRST_SOURCE, _PATH_PARENS_SOURCE, _PATH_AT_SOURCE = _path_parts()
_PATH_FIRST = re.compile(_PATH_FIRST_SOURCE, _I)
_PATH_REST = re.compile(f"(?:{_PATH_PARENS_SOURCE}|{_PATH_AT_SOURCE})*", _I)
_PORT = re.compile(f":{valid_port_number.pattern}")
_QUERY = re.compile(
    f"\\?{valid_url_query_chars.pattern}*{valid_url_query_ending_chars.pattern}", _I
)


def _tail(text: str, d: int) -> tuple[int, str | None]:
    """End of ``_TAIL.match(text, d)`` and its path group, in linear time."""
    port = _PORT.match(text, d)
    x = port.end() if port else d
    path = None
    if text.startswith("/", x):
        start = x
        first = _PATH_FIRST.match(text, x + 1)
        x = _PATH_REST.match(text, first.end() if first else x + 1).end()
        path = text[start:x]
    query = _QUERY.match(text, x)
    return (query.end() if query else x), path


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
    if real and text[a - 3 : a] == "://":
        for size in (8, 7):
            s = a - size - 1
            if s >= -1 and _PROTOCOL.fullmatch(text, s + 1, a):
                if (s >= pos and _is_pre(text[s])) or (s == -1 and pos == 0):
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
    if real and under < 0 and text[a - 3 : a] == "://" and text[a] not in _EDGE:
        for size in (8, 7):
            s = a - size - 1
            if s >= -1 and _PROTOCOL.fullmatch(text, s + 1, a):
                if (s >= pos and _is_pre(text[s])) or (s == -1 and pos == 0):
                    return s, a, size, d
                break
    if pos < a and under < 0 and a and text[a] not in _EDGE and _is_pre(text[a - 1]):
        return a - 1, a, 0, d  # the usual case: the run starts the domain
    found = _CANDIDATE.search(text, max(a, pos + 1, under + 1), dot)
    p = found.start() if found else None
    if pos == 0 and a == 0 and (p is None or p >= 2) and under < 0 and text[0] not in _EDGE:
        p = 0  # "^" at s = 0 comes after the one-character branch at s = 0 (p = 1)
    return None if p is None else (p - 1, p, 0, d)


_HOST_CACHE: dict[str, bool] = {}
_PRE_CACHE: dict[str, bool] = {}


def _is_host(char: str) -> bool:
    """Whether ``char`` is a host character (cached: the regex call costs more)."""
    known = _HOST_CACHE.get(char)
    if known is None:
        known = _HOST_CACHE[char] = _IS_HOST.match(char) is not None
    return known


def _is_pre(char: str) -> bool:
    """Whether ``char`` may come just before a link (twitter-text's preceding characters)."""
    known = _PRE_CACHE.get(char)
    if known is None:
        known = _PRE_CACHE[char] = _IS_PRE.match(char) is not None
    return known


def _matches(text: str):
    """``(before, url, protocol, domain, path, end)`` of each match of ``_URL``, in order."""
    n = len(text)
    pos = 0  # where _URL.finditer would search next: matches start at s >= pos
    scan = 0  # runs before this are done
    parens = "(" in text
    while scan < n:
        if scan and _is_host(text[scan - 1]) and _is_host(text[scan]):
            a, real = scan, False  # a match ended inside a run: go on from there
            z = _HOST_RUN.match(text, scan).end()
            if _BOUNDARY.search(text, a, z + 1) is None:
                scan = z
                continue
            matches = _run_matches(text, _Run(text, a, z), pos, real)
        else:
            found = _RUN_WITH_TLD.search(text, scan)
            if found is None:
                return
            a, z = found.span()
            dot, d = found.start(1) - 1, found.end(1)
            if text.count(".", a, z) == 1:  # most runs: one dot, no _Run needed
                match = _one_dot_match(text, a, dot, d, pos, True)
                matches = () if match is None else (match,)
            else:
                matches = _run_matches(text, _Run(text, a, z), pos, True)
        for s, p, size, d in matches:
            if parens:
                pos, path = _tail(text, d)
            else:  # without "(" twitter-text's own tail pattern is linear, and one call
                tail = _TAIL.match(text, d)
                pos, path = tail.end(), tail.group(2)
            protocol = text[p - size : p] if size else None
            before = text[s] if s >= 0 else ""
            yield before, text[p - size : pos], protocol, text[p:d], path, pos
        scan = max(z, pos)


def _run_matches(text: str, run: _Run, pos: int, real: bool):
    """Successive ``_first_match`` results in one run, each searched from the last one's end."""
    z = run.starts[-1] + len(run.segs[-1])
    while pos < z:
        match = _first_match(text, run, pos, real)
        if match is None:
            return
        yield match
        pos = _tail(text, match[3])[0]


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
_BAD_BEFORE: dict[str, bool] = {}  # _INVALID_BEFORE on one character (or none), cached


def _links(text: str, offset: int) -> list[dict]:
    """Each link twitter-text finds in ``text``, indices plus ``offset`` (the loop is its own)."""
    urls: list[dict] = []
    append = urls.append
    for before, url, protocol, domain, path, end in _matches(text):
        start = end - len(url)
        if len(domain) < 64 and domain.isascii():  # _is_valid_url without the calls
            if len(protocol or default_protocol) + len(url) > max_url_length:
                continue
        elif not _is_valid_url(url, protocol or default_protocol, domain):
            continue
        if protocol is None:
            bad = _BAD_BEFORE.get(before)
            if bad is None:
                bad = _BAD_BEFORE[before] = _INVALID_BEFORE.match(before) is not None
            if bad:
                continue
            if _PLAIN_ASCII_DOMAIN.fullmatch(domain):
                # valid_ascii_domain finds exactly the whole domain: its labels are all
                # [-a-z0-9] and its last label is the top-level domain _URL matched
                if path:
                    append({"url": url, "indices": [start + offset, end + offset]})
                else:
                    append(
                        {"url": domain, "indices": [start + offset, start + len(domain) + offset]}
                    )
                continue
            last = None
            for ascii_match in _ASCII_DOMAIN.finditer(domain):
                a_start, a_end = ascii_match.span()
                last = {"url": ascii_match.group(0), "indices": [start + a_start, start + a_end]}
                last["indices"] = [i + offset for i in last["indices"]]
                append(last)
            if last is None:
                continue
            if path:
                last["url"] = url.replace(domain, last["url"])
                last["indices"][1] = end + offset
        else:
            tco = valid_tco_url.search(url)
            if tco:
                slug = tco.group(1)
                if slug and len(slug) > max_tco_slug_length:
                    continue
                url = tco.group(0)
                end = start + len(url)
            append({"url": url, "indices": [start + offset, end + offset]})
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
    return _links(chunk, pos)
