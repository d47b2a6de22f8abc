"""Demo images and documents made with Pillow, so the demo never downloads anything."""

import hashlib
import io
import math

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

PALETTE = [(181, 18, 27), (26, 79, 156), (20, 120, 90), (200, 120, 20), (90, 60, 140)]


def draw_picture(seed, size=(960, 540)):
    """A gradient with a few shapes; the same seed always draws the same picture."""
    digest = hashlib.sha256(seed.encode()).digest()
    top = PALETTE[digest[0] % len(PALETTE)]
    bottom = tuple(min(255, c + 90) for c in top)
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    width, height = size
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for i in range(4):
        x, y, r = (
            digest[1 + i] * width // 256,
            digest[5 + i] * height // 256,
            40 + digest[9 + i] // 2,
        )
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer


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


def demo_image(title, size=(960, 540), picture=None):
    """The library image called `title`, drawn (or `picture`, a PNG) and saved the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    name = hashlib.sha1(title.encode()).hexdigest()[:12] + (".png" if picture else ".jpg")
    image = Image(title=title)
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
