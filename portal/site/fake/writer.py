"""Composing fake zones and articles from the word pools; the same seed, the same text.

Everything here is plain data (dicts of field values): `portal.site.fake.content` turns it
into pages and writes them in bulk.
"""

import datetime
from decimal import Decimal
from html import escape

from portal.site.fake import words
from portal.site.fake.places import BORDER_PROVINCES, DIVISION_CODES, PLACES, city_name
from zones.choices import Kind, Level

SUMMARY_LENGTH = 120


def weighted(rng, pairs):
    """Pick from (item, weight) pairs."""
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights)[0]


def person(rng):
    return rng.choice(words.SURNAMES) + rng.choice(words.GIVEN_NAMES)


# How each `{slot}` of the word pools is filled, from the template's Filling `f`.
SLOT_MAKERS = {
    "meeting": lambda f: f.rng.choice(words.MEETINGS),
    "leader": lambda f: f.rng.choice(words.LEADERS) + person(f.rng),
    "principle": lambda f: f.rng.choice(words.PRINCIPLES),
    "action": lambda f: f.rng.choice(words.ACTIONS),
    "result": lambda f: f.rng.choice(words.RESULTS),
    "industry": lambda f: f.rng.choice(words.INDUSTRIES),
    "phrase": lambda f: f.rng.choice(words.HEADLINE_PHRASES).format_map(f),
    "topic": lambda f: f.rng.choice(words.TOPICS),
    "province": lambda f: f.rng.choice(list(PLACES)),
    "goal": lambda f: f.rng.choice(words.GOALS),
    "officer": lambda f: f.rng.choice(words.OFFICERS),
    "place": lambda f: f.rng.choice(PLACES[f.rng.choice(list(PLACES))]),
    "big": lambda f: f"{f.rng.uniform(1, 900):.1f}",
    "pct": lambda f: f"{f.rng.uniform(0.5, 25):.1f}",
    "month": lambda f: f.rng.randint(2, 12),
    "n": lambda f: f.rng.randint(30, 300),
    "few": lambda f: f.rng.randint(2, 30),
    "future": lambda f: f.rng.choice([2025, 2027, 2030, 2035]),
    "term": lambda f: f.rng.randint(2, 8),
    "session": lambda f: f.rng.randint(1, 6),
}


class Filling(dict):
    """The slot values of one template: fixed ones given, the others made up when asked."""

    def __init__(self, rng, fixed):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key):
        make = SLOT_MAKERS[key.rstrip("0123456789")]  # {action2} is another {action}
        value = make(self)
        for _ in range(5):
            if value not in self.values():
                break
            value = make(self)
        self[key] = value
        return value


class Slots:
    """Fills templates: the same zone, year… throughout one article, fresh numbers in each."""

    def __init__(self, rng, **fixed):
        self.rng = rng
        self.fixed = fixed

    def fill(self, template):
        return template.format_map(Filling(self.rng, self.fixed))


class ZoneWriter:
    """Development zones named after real places, every level with its own kinds."""

    def __init__(self, rng, taken_names=()):
        self.rng = rng
        self.taken = set(taken_names)
        self.serials = {}

    def provinces(self, count):
        """Every province once (while `count` allows), then in proportion to its cities."""
        provinces = list(PLACES)
        self.rng.shuffle(provinces)
        first = provinces[:count]
        rest = self.rng.choices(
            provinces, weights=[len(PLACES[p]) for p in provinces], k=max(0, count - len(first))
        )
        return first + rest

    def kind(self, province):
        level = weighted(self.rng, words.LEVEL_WEIGHTS.items())
        kinds = [
            ((kind, suffixes), weight)
            for kind, weight, suffixes in words.ZONE_KINDS[level]
            if kind != Kind.BORDER or province in BORDER_PROVINCES
        ]
        kind, suffixes = weighted(self.rng, kinds)
        return level, kind, self.rng.choice(suffixes)

    def name(self, province, suffix):
        """A name not used yet, if one is found in a few tries."""
        for _ in range(20):
            place = self.rng.choice(PLACES[province])
            name = place + self.rng.choice(words.NAME_QUALIFIERS) + suffix
            if name not in self.taken:
                break
        self.taken.add(name)
        return place, name

    def code(self, province, level):
        prefix = ("G" if level == Level.NATIONAL else "S") + DIVISION_CODES[province]
        self.serials[prefix] = self.serials.get(prefix, 0) + 1
        return f"{prefix}{self.serials[prefix]:04d}"

    def zone(self, province):
        rng = self.rng
        level, kind, suffix = self.kind(province)
        place, name = self.name(province, suffix)
        first_year = 1984 if level == Level.NATIONAL else 1992
        approved = datetime.date(rng.randint(first_year, 2022), rng.randint(1, 12), 1)
        low, high = (300, 30000) if level == Level.NATIONAL else (100, 3000)
        area = Decimal(f"{rng.uniform(low, high):.2f}")
        industries = "、".join(rng.sample(words.INDUSTRIES, rng.randint(2, 4)))
        slots = Slots(rng, zone=name, year=rng.randint(max(approved.year, 2010), 2024))
        introduction = (
            f"<p>{escape(name)}位于{escape(province)}{escape(city_name(province, place))}，"
            f"{approved.year}年{approved.month}月经批准设立，核准面积{area}公顷，"
            f"主导产业为{escape(industries)}。</p>"
            + "".join(
                f"<p>{escape(slots.fill(rng.choice(words.SENTENCES)))}</p>"
                for _ in range(rng.randint(1, 3))
            )
        )
        short = words.SHORT_NAMES.get(suffix)
        return {
            "title": name,
            "short_name": place + short if short else "",
            "code": self.code(province, level),
            "province": province,
            "city": city_name(province, place),
            "level": level,
            "kind": kind,
            "approved_on": approved,
            "area_hectares": area,
            "industries": industries,
            "introduction": introduction,
        }

    def zones(self, count):
        return [self.zone(province) for province in self.provinces(count)]


def column_genre(column_title):
    """What a column is about, from its title: the kind of article written for it."""
    for genre, keywords in [
        ("association", ["协会"]),
        ("policy", ["政策", "法规"]),
        ("media", ["媒体", "聚焦"]),
    ]:
        if any(keyword in column_title for keyword in keywords):
            return genre
    return "zones"


class ArticleWriter:
    """News articles of development zones: title, meta line, body blocks, tags, views."""

    def __init__(self, rng, zone_names, image_ids=()):
        self.rng = rng
        self.zone_names = list(zone_names) or ["苏州工业园区"]
        self.image_ids = list(image_ids)

    def source(self, genre, slots):
        return {
            "association": lambda: self.rng.choice(words.ASSOCIATION_UNITS),
            "policy": lambda: slots.fixed["ministry"],
            "media": lambda: slots.fixed["media"],
            "zones": lambda: slots.fixed["zone"] + self.rng.choice(["管委会", "", "党工委宣传部"]),
        }[genre]()

    def paragraph_count(self):
        """Mostly four to eight paragraphs, now and then a long feature of twenty."""
        return min(24, 2 + int(self.rng.expovariate(1 / 5)))

    def body(self, genre, slots):
        """StreamField blocks (raw form) and the plain text of the first paragraph."""
        rng = self.rng
        blocks, texts = [], []
        count = self.paragraph_count()
        with_headings = count >= 6 and rng.random() < 0.5
        for number in range(count):
            if with_headings and number % 3 == 1:
                heading = "，".join(rng.sample(words.HEADING_WORDS, 2))
                blocks.append({"type": "heading", "value": heading})
            sentences = [
                slots.fill(rng.choice(words.BODY_SENTENCES[genre]))
                for _ in range(rng.randint(2, 5))
            ]
            texts.append("".join(sentences))
            blocks.append({"type": "paragraph", "value": f"<p>{escape(texts[-1])}</p>"})
            if number == 0 and self.image_ids and rng.random() < 0.1:
                image = {"image": rng.choice(self.image_ids), "caption": rng.choice(words.CAPTIONS)}
                blocks.append({"type": "image", "value": image})
        return blocks, texts[0]

    def summary(self, lead):
        """The lead's first sentences, up to SUMMARY_LENGTH; some editors leave it empty."""
        if self.rng.random() < 0.15:
            return ""
        cut = lead[:SUMMARY_LENGTH]
        return cut[: cut.rfind("。") + 1] or cut

    def tags(self):
        return self.rng.sample(words.TAGS, weighted(self.rng, [(1, 35), (2, 35), (3, 20), (4, 10)]))

    def article(self, column_title, publish_time):
        rng = self.rng
        genre = column_genre(column_title)
        slots = Slots(
            rng,
            zone=rng.choice(self.zone_names),
            year=publish_time.year,
            media=rng.choice(words.MEDIA),
            ministry=rng.choice(words.MINISTRIES),
            policy=rng.choice(words.POLICIES),
        )
        body, lead = self.body(genre, slots)
        return {
            "title": slots.fill(weighted(rng, words.TITLES[genre])),
            "source": self.source(genre, slots),
            "authors": " ".join(person(rng) for _ in range(rng.randint(1, 3))),
            "editor": person(rng),
            "publish_time": publish_time,
            "summary": self.summary(lead),
            "body": body,
            "tags": self.tags(),
            "zone": slots.fixed["zone"] if genre in ("zones", "media") else None,
            "views": int(rng.lognormvariate(5.5, 1.2)),
        }
