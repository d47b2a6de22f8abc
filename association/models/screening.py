"""敏感词: the word list editors maintain, stored as matching compares it."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

# Whitespace, zero-width characters and the separators used to split a word apart.
NOISE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff*#_\-.·|/\\~^]+")


def normalize(text):
    return NOISE.sub("", unicodedata.normalize("NFKC", text or "").casefold())


class SensitiveWord(models.Model):
    # Screens what readers send; no page shows it (portal/caching/invalidation.py).
    invalidates = ()
    word = models.CharField("敏感词", max_length=50, unique=True)
    note = models.CharField("备注", max_length=100, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize(self.word)
        super().save(*args, **kwargs)

    def clean(self):
        self.word = normalize(self.word)
        if not self.word:
            raise ValidationError({"word": "敏感词不能只由空格或符号组成。"})
