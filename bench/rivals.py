"""Dev measurement behind LabelOptions.rival_depth (agent/calibration.py): how deep the
nearest common WordNet kind of an asked thing and a word said over an unsure shot is.

    .venv/bin/python bench/rivals.py

The pairs are the dev films' unsure shots (sample_film, dev_film, gallery): the asked
thing, and a noun said over a shot whose picture the classifier is unsure of. Rivals must
count (the shot is not the asked thing); the sample film's parked bicycle, narrated "the
next train", must not lose its bicycle.
"""
from cutbot.agent.kinds import load
from cutbot.agent.said_over import spoken_verdict
from cutbot.agent.parts import usual_sense

PAIRS = [("dog", "rabbit", "rival: sample film's cartoon rabbit, labelled poodle 0.21"),
         ("lemon", "orange", "rival: gallery's orange, labelled lemon 0.41"),
         ("bicycle", "motorbike", "rival: dev_film's moped, a wheeled vehicle"),
         ("bicycle", "train", "no rival: sample film's parked bicycle"),
         ("animal", "rabbit", "names it: a rabbit is an animal"),
         ("fruit", "orange", "names it: an orange is a fruit")]


def main() -> None:
    depth = load().depth
    for asked, said, why in PAIRS:
        a, s = load().ancestors(usual_sense(asked)), load().ancestors(usual_sense(said))
        common = max((int(depth[k]) for k in s if k in a), default=0)
        print(f"{asked:>8} / {said:<10} nearest common kind depth {common:>2}  "
              f"verdict {spoken_verdict(asked, [said])!s:<5}  {why}")


if __name__ == "__main__":
    main()
