#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent Vietnamese lunar calendar, from PyEphem's own ephemerides.

test-lunar runs this and compares every month it prints with dt-lunar.c.
Nothing here comes from dt-lunar.c: the new moons are ephem.next_new_moon,
the winter solstices ephem.next_winter_solstice, and each major solar term
(trung khí) is the instant, found by iteration, when the Sun's apparent
geocentric longitude in ephem reaches a multiple of 30°. A month has a term
when one of those instants falls inside it, instead of dt-lunar.c's
comparison of the Sun's longitude at the start of consecutive months.

Output, one line per lunar month that has days from 1900-01-01 to 2100-12-31:
    month <first solar day> <lunar year> <month number> <leap 0/1> <days>
and “#” lines naming the events that lie closest to a boundary, where a
small difference in ΔT or in the solar theory could move a date.
Exit status 77 when python3-ephem is missing."""

import bisect
import datetime
import math
import sys

try:
    import ephem
except ImportError:
    print("# python3-ephem is not installed")
    sys.exit(77)

TIME_ZONE = 7 / 24            # UTC+7, in days
DUBLIN_JD = 2415020.0         # ephem.Date(0) is JD 2415020.0, 1899-12-31 12:00 UT
ORDINAL_JD = 1721425          # Julian day number of datetime.date.fromordinal(0)


def local_day(instant):
    """Julian day number of the local day that contains an ephem instant."""
    return math.floor(float(instant) + DUBLIN_JD + 0.5 + TIME_ZONE)


def local_midnight(jdn):
    """The ephem instant of the local midnight that begins day JDN."""
    return ephem.Date(jdn - 0.5 - TIME_ZONE - DUBLIN_JD)


def solar(jdn):
    return datetime.date.fromordinal(jdn - ORDINAL_JD)


def sun_longitude(instant):
    """Apparent geocentric ecliptic longitude of the Sun, equinox of date, degrees."""
    sun = ephem.Sun(instant)
    ecliptic = ephem.Ecliptic(ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=instant),
                              epoch=instant)
    return math.degrees(float(ecliptic.lon)) % 360


def term_instant(angle, guess):
    """The instant near GUESS when the Sun's longitude reaches ANGLE."""
    instant = float(guess)
    for _ in range(60):
        miss = (angle - sun_longitude(ephem.Date(instant)) + 180) % 360 - 180
        instant += miss / 0.9856   # degrees per day, on average
        if abs(miss) < 1e-8:
            break
    return instant


def main():
    begin = ephem.Date("1897/10/01")
    end = ephem.Date("2102/03/01")

    starts = []
    moons = []
    instant = ephem.next_new_moon(begin)
    while instant < end:
        moons.append(float(instant))
        starts.append(local_day(instant))
        instant = ephem.next_new_moon(ephem.Date(instant + 1))
    boundaries = [float(local_midnight(jdn)) for jdn in starts]

    # all major terms, from the solstice of 1897 on
    solstice = float(ephem.next_winter_solstice(begin))
    terms = []
    n = 0
    while True:
        angle = (270 + 30 * n) % 360
        when = term_instant(angle, solstice + n * 365.2422 / 12)
        if when > end:
            break
        terms.append((when, angle))
        n += 1
    assert abs(terms[0][0] - solstice) < 1 / 1440, "ephem's solstice and longitude disagree"

    def month_of(when):
        """Index of the month that contains the instant WHEN."""
        i = bisect.bisect_right(boundaries, when) - 1
        return i if 0 <= i < len(starts) - 1 else None

    has_term = [False] * len(starts)
    month11 = []
    for when, angle in terms:
        i = month_of(when)
        if i is None:
            continue
        has_term[i] = True
        if angle == 270:
            month11.append(i)

    lines = []
    for a, b in zip(month11, month11[1:]):
        year = solar(starts[a]).year
        leap = None
        if b - a == 13:
            leap = next(i for i in range(a + 1, b) if not has_term[i])
        elif b - a != 12:
            raise SystemExit(f"{b - a} months between two months 11 from {solar(starts[a])}")
        number = 11
        for i in range(a, b):
            if i != a and i != leap:
                number = number % 12 + 1
                if number == 1:
                    year += 1
            if solar(starts[i + 1]) > datetime.date(1900, 1, 1) and \
               solar(starts[i]) <= datetime.date(2100, 12, 31):
                lines.append(f"month {solar(starts[i])} {year} {number} {int(i == leap)} "
                             f"{starts[i + 1] - starts[i]}")

    # events closest to a boundary: these decide a date by the smallest margins
    for when in moons:
        minutes = ((float(when) + DUBLIN_JD + 0.5 + TIME_ZONE) % 1) * 1440
        minutes = min(minutes, 1440 - minutes)
        if minutes < 10 and 1899 < ephem.Date(when).datetime().year < 2102:
            print(f"# new moon {ephem.Date(when)} UT is {minutes:.1f} min from local midnight")
    for when, angle in terms:
        nearest = min(abs(when - b) for b in boundaries) * 1440
        if nearest < 60 and 1899 < ephem.Date(when).datetime().year < 2102:
            print(f"# term {angle} deg at {ephem.Date(when)} UT is {nearest:.1f} min from "
                  f"the start of a month")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
