"""Demo images and documents made with Pillow, so the demo never downloads anything."""

import hashlib
import io
import math
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

PALETTE = [(181, 18, 27), (26, 79, 156), (20, 120, 90), (200, 120, 20), (90, 60, 140)]


SKIES = [
    ((92, 150, 214), (196, 222, 242)),
    ((240, 150, 90), (252, 214, 160)),
    ((120, 170, 210), (230, 236, 240)),
]
GROUND = [(86, 120, 70), (120, 120, 118), (150, 130, 96)]


def draw_picture(seed, size=(960, 540)):
    """A city scene like a news photo of a development zone: sky, sun, a skyline of
    towers with lit windows, trees and a road. The same seed always draws the same one."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    top, bottom = rng.choice(SKIES)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=blend(top, bottom, t))
    sun_x, sun_r = rng.uniform(0.1, 0.9) * width, height * 0.06
    sun_y = horizon * rng.uniform(0.15, 0.45)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 244, 214))
    for layer, shade in ((0, 0.55), (1, 0.8)):  # far towers paler, near ones darker
        x = rng.uniform(-0.05, 0) * width
        while x < width:
            tower_w = rng.uniform(0.04, 0.1) * width
            tower_h = rng.uniform(0.15, 0.5 - 0.12 * layer) * height
            colour = blend(rng.choice(PALETTE_TOWERS), bottom, shade - 0.3 * layer)
            draw.rectangle([x, horizon - tower_h, x + tower_w, horizon], fill=colour)
            for wy in range(int(horizon - tower_h + 8), horizon - 6, 14):
                for wx in range(int(x + 5), int(x + tower_w - 6), 12):
                    if rng.random() < 0.55:
                        draw.rectangle(
                            [wx, wy, wx + 5, wy + 7], fill=blend(colour, (250, 240, 200), 0.5)
                        )
            x += tower_w + rng.uniform(0, 0.02) * width
    draw.rectangle([0, horizon, width, height], fill=rng.choice(GROUND))
    road_top = horizon + (height - horizon) * 0.45
    draw.polygon(
        [
            (width * 0.42, road_top),
            (width * 0.58, road_top),
            (width * 0.9, height),
            (width * 0.1, height),
        ],
        fill=(70, 72, 78),
    )
    for i in range(int(width / 40)):
        tx, ty = i * 40 + rng.uniform(0, 20), horizon + rng.uniform(0, 12)
        draw.ellipse([tx - 14, ty - 24, tx + 14, ty + 6], fill=(48, 98, 60))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer


def blend(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


PALETTE_TOWERS = [(70, 90, 120), (110, 120, 135), (150, 160, 170), (90, 110, 140)]


def draw_emblem(size=240):
    """A round red emblem with a gold star, standing in for the association's logo."""
    emblem = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(emblem)
    draw.ellipse([0, 0, size - 1, size - 1], fill=PALETTE[0])
    ring = size // 12
    draw.ellipse([ring, ring, size - ring, size - ring], outline=(255, 255, 255), width=ring // 2)
    centre, outer, inner = size / 2, size * 0.3, size * 0.12
    star = [
        (
            centre + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
            centre - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=(240, 190, 70))
    buffer = io.BytesIO()
    emblem.save(buffer, "PNG")
    return buffer


def demo_image(title, size=(960, 540), picture=None, description=""):
    """The library image called `title`, drawn (or `picture`, a PNG) and saved the first time,
    with `description` as its 替代文字 (given to a library made before it had one too)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        if description and not existing.description:
            existing.description = description
            existing.save(update_fields=["description"])
        return existing
    name = hashlib.sha1(title.encode()).hexdigest()[:12] + (".png" if picture else ".jpg")
    image = Image(title=title, description=description)
    image.file.save(name, ImageFile(picture or draw_picture(title, size), name=name), save=False)
    image.save()
    return image


def demo_document(title):
    """A one-page PDF in the document library, made the first time it is asked for, stored
    under its title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    PILImage.open(draw_picture(title, (595, 842))).save(buffer, "PDF")
    name = f"{title}.pdf"  # the name a reader's download keeps (storage drops （）)
    document = Document(title=title)
    document.file.save(name, ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document
