"""Read the counts of a séance: members in office, present, represented, voting, absent.

In: `Block`s of a séance block. Out: `Found` counts per field, from every printed layout
(one count per line, one dash-separated line, a two-column box, "PRÉSENTS (8) :", leading
zeros), and the departures an item's own text announces. Pure.
"""
import dataclasses

from registre.ingest import labels
from registre.ingest.evidence import Block, Found, found

FIELDS = ("membres_en_exercice", "presents", "pouvoirs", "votants", "absents")


def read_counts(zone: list[Block]) -> dict[str, Found]:
    """The first printed value of each count. When présents and votants are printed together
    and pouvoirs is not ("en exercice : 15- Présents 14 - Votants 14"), nobody voted by proxy:
    pouvoirs is their difference."""
    out: dict[str, Found] = {}
    for field in FIELDS:
        for block in zone:
            m = next(iter(labels.COUNTS[field].finditer(block.text)), None)
            if m:
                value = int(next(v for v in m.groupdict().values() if v is not None))
                out[field] = found(value, block, m.start(), m.end())
                break
    presents, votants = out.get("presents"), out.get("votants")
    if "pouvoirs" not in out and presents and votants and presents[1:] == votants[1:] \
            and votants.value >= presents.value:
        out["pouvoirs"] = Found(votants.value - presents.value, votants.start, votants.end)
    return out


@dataclasses.dataclass(frozen=True)
class Departures:
    """Members leaving before an item ("quitte la salle") and members not voting on it
    ("ne prend pas part au vote"), with the sentences that say so."""

    leaving: tuple[Found, ...] = ()
    not_voting: tuple[Found, ...] = ()


def read_departures(blocks: list[Block]) -> Departures:
    leaving, not_voting = [], []
    for block in blocks:
        for m in labels.LEAVES.finditer(block.text):
            leaving.append(found(1, block, m.start(), m.end(), sentence=True))
        for m in labels.ABSTAINS.finditer(block.text):
            said = found(1, block, m.start(), m.end(), sentence=True)
            if not any(leave.start == said.start for leave in leaving):
                not_voting.append(said)
    return Departures(tuple(leaving), tuple(not_voting))
