"""Uploaded images are checked for what they really are.

Wagtail's image field refuses unknown formats, a wrong extension and files over
WAGTAILIMAGES_MAX_UPLOAD_SIZE. Its pixel check, though, decodes the whole image first,
so a truncated file crashes the upload and a large one is decoded before it is refused.
`CheckedImageField` counts pixels from the header instead (refusing decompression bombs
before any decoding), then makes sure the whole image decodes (a truncated file would
break every page showing it) and that the file is only an image, not also a web page or
a script (a polyglot that could run under the site's origin if served as one).
"""

import re
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, ImageSequence
from wagtail.images.fields import WagtailImageField

# Markup a browser would run if the file were ever taken for HTML or SVG.
MARKUP = re.compile(
    rb"<(?:script|html|body|svg|iframe|object|embed|meta|!doctype)[\s/>]|<\?php|javascript:",
    re.IGNORECASE,
)
# In the image's metadata (JPEG and GIF comments, PNG text chunks, EXIF, XMP), which an
# editor's tool or a page may show as text: any HTML tag, event handler or short PHP tag.
# Only there: compressed pixel data holds such short byte runs by chance.
METADATA_MARKUP = re.compile(
    rb"<(?:script|html|body|svg|iframe|object|embed|meta|img|a|style|link|form|base|input|"
    rb"video|audio|details|math|!doctype)[\s/>]|<\?(?:php|=)|\bon[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)
# Where a script polyglot must open a comment to hide the binary header from JavaScript:
# right after the format's signature (GIF89a/*…*/=alert(1) and the JPEG equivalent).
SIGNATURE_LENGTH = {b"GIF8": 6, b"\xff\xd8\xff": 4, b"RIFF": 4}

BROKEN = "图片文件不完整或已损坏，无法完整读取。请用图片软件重新导出后再上传。"
POLYGLOT = "这个文件除了图片还夹带了网页或脚本代码，不能上传。请用图片软件另存为普通图片后再上传。"


def open_image(file):
    """Pillow's lazy view of the file (header only); DecompressionBombWarning is an error."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def check_image(file):
    """Raise ValidationError unless `file` decodes completely and holds only an image."""
    file.seek(0)
    data = file.read()
    if MARKUP.search(data) or script_comment_after_signature(data):
        raise ValidationError(POLYGLOT, code="polyglot")
    try:
        with open_image(file) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
            metadata = metadata_bytes(image)
    except Exception as error:  # Pillow raises many kinds for broken data
        raise ValidationError(BROKEN, code="broken_image") from error
    finally:
        file.seek(0)
    if METADATA_MARKUP.search(metadata):
        raise ValidationError(POLYGLOT, code="polyglot")


def metadata_bytes(image):
    """The image's comments and text chunks (decompressed), EXIF and XMP, as bytes."""
    values = list(image.info.values()) + list(getattr(image, "text", {}).values())
    return b"\n".join(
        value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
        for value in values
        if isinstance(value, bytes | str)
    )


def script_comment_after_signature(data):
    for signature, length in SIGNATURE_LENGTH.items():
        if data.startswith(signature):
            return data[length : length + 2] in (b"/*", b"//")
    return False


class CheckedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            with open_image(f) as image:
                pixels = image.width * image.height * getattr(image, "n_frames", 1)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            pixels = None
        except Exception as error:
            raise ValidationError(BROKEN, code="broken_image") from error
        limit = self.max_image_pixels
        if pixels is None or (limit and pixels > limit):
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels or "—", "max_pixels_count": limit},
                code="file_too_many_pixels",
            )
        check_image(f)
