"""Fixed times for pyHanko, so that /M, signingTime and the timestamps are
the same on every run (pyHanko reads the system clock when it signs).

Also stops pyHanko from rewriting /Info (ModDate, Producer) in every
incremental update it writes: a fixture's revision must hold exactly the
change it was made to show, or a signing revision would also be a
metadata change."""

import datetime as dt
from contextlib import contextmanager

from pyhanko.pdf_utils import writer as _writer
from pyhanko.sign.signers import functions as _functions
from pyhanko.sign.signers import pdf_cms as _pdf_cms
from pyhanko.sign.signers import pdf_signer as _pdf_signer

UTC = dt.timezone.utc
# The signing time of the fixtures: every certificate but the expired one
# is valid then.
SIGNED = dt.datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)

_now = [SIGNED]


class _FixedDatetime(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        moment = _now[0]
        return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)


for _module in (_pdf_signer, _pdf_cms, _functions):
    _module.datetime = _FixedDatetime

_writer.BasePdfFileWriter._update_meta = lambda self: None


@contextmanager
def at(moment: dt.datetime):
    """pyHanko's clock reads `moment` inside the block."""
    before = _now[0]
    _now[0] = moment
    try:
        yield
    finally:
        _now[0] = before


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
