"""Fetch one article over HTTP(S) with a size cap and a timeout."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from .. import __version__
from ..errors import FetchError
from .decode import check_size


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str
    charset: str | None
    url: str


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, timeout: float) -> Fetched:
    request = urllib.request.Request(
        url, headers={"User-Agent": f"claimtrail/{__version__} (+article analysis)"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit():
                check_size(int(length), max_bytes, url)
            data = response.read(max_bytes + 1)
            check_size(len(data), max_bytes, url)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except urllib.error.HTTPError as err:
        raise FetchError(f"{url} answered HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise FetchError(
            f"cannot fetch {url}: {err.reason}; check the address or save the page and pass the file"
        ) from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    return Fetched(data=data, content_type=content_type, charset=charset, url=final_url)
