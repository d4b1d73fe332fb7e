"""The terms a student meets, defined once: the help screen, the packets and the teaching notes
all print this list (reservation value and BATNA are two concepts, and say so)."""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Utility", "What a package is worth to a party, from 0 to 1: each issue's weight times the "
     "value of the option chosen, added up. In the packets, points are utility times 100."),
    ("Reservation value", "The lowest utility a party will sign for: the number it compares "
     "every package with. Below it, no deal is better."),
    ("BATNA", "Best alternative to a negotiated agreement: what a party will actually do if "
     "the talks fail (fight on, wait for aid, turn to sanctions). It is a course of action, "
     "not a number; the reservation value is the number a party puts on it, and a better "
     "BATNA raises it."),
    ("Red line", "A rule a party will not break at any price. A package that breaks any "
     "party's red line is infeasible, however many points it is worth."),
    ("Zone of agreement", "Every package that breaks no red line and is worth at least its "
     "reservation value to every party at the table (also called the ZOPA). When it is "
     "empty, no deal is possible until something changes."),
    ("Pareto frontier", "The feasible packages that cannot be improved for one party without "
     "making another worse off. A deal off the frontier leaves value on the table."),
    ("Nash point", "The feasible package that maximises the product of every party's gain over "
     "its reservation value: a benchmark for a fair split of what a deal adds."),
    ("Logrolling", "Trading across issues: each side concedes on what matters less to it in "
     "return for what matters more, so that both end up better off."),
    ("Anchoring", "The pull a first offer has on everything after it. A bold, justified opening "
     "can set the range in which the talks settle."),
    ("Single negotiating text", "A mediator's method: one draft that the mediator revises after "
     "hearing each side, instead of the sides trading their own offers."),
    ("Caucus", "A private meeting between the mediator and one side, in which the side can say "
     "what it needs without conceding it in public."),
)
