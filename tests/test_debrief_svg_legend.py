"""The debrief charts' legends: a party's name is read whole, a label too long for the legend
column is cut with an ellipsis rather than run into the chart's edge."""

from __future__ import annotations

from game.debrief.svg import LABEL, Dot, Series, scatter_chart, utility_chart


def test_offer_groups_and_the_reservation_key_are_read_whole() -> None:
    dots = [Dot(0.5, 0.5, "offer 1", "offer by European allies"),
            Dot(0.6, 0.4, "offer 2", "offer by United States")]
    svg = scatter_chart(dots, "utility of Ukraine", "others", "frontier")
    assert ">offer by European allies<" in svg and ">offer by United States<" in svg
    svg = utility_chart([Series("Ukraine", [0.2, 0.8], 0.5)], ["1.1", "deal"], "offers")
    assert ">dotted: reservation value<" in svg


def test_a_label_too_long_for_the_legend_is_cut_with_an_ellipsis() -> None:
    name = "The Organisation for Security and Co-operation in Europe"
    svg = utility_chart([Series(name, [0.3, 0.6], None)], ["1.1", "deal"], "offers")
    assert name not in svg
    assert f">{name[:LABEL - 1]}\u2026<" in svg
