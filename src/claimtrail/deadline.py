"""A wall-clock limit around one piece of work, by ``SIGALRM`` (main thread, POSIX only).

Elsewhere (another thread, or a platform without ``setitimer``) the work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import ArticleTimeout


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` inside swallows it."""


def can_limit() -> bool:
    """True where :func:`time_limit` can interrupt the work."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` if the body runs longer than ``seconds`` (None or 0: no limit).

    The previous SIGALRM handler and any timer already running are restored afterwards.
    """
    if not seconds or seconds <= 0 or not can_limit():
        yield
        return
    armed = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    old_delay, old_interval = 0.0, 0.0
    try:
        try:  # the timer starts inside the try: an alarm that fires at once is still caught
            old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise ArticleTimeout(f"took longer than {seconds:g} s") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            left = max(old_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)
