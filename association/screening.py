"""敏感词: a word list editors maintain; messages and submissions that contain one are held.

Matching ignores case, full-width forms and the spaces or symbols people slip between
characters to dodge a filter. A hit never rejects the text: it flags it for an editor.
"""

from association.models.screening import SensitiveWord, normalize


def find_sensitive_words(*texts):
    """The listed words found in any of `texts`, in list order."""
    haystack = normalize(" ".join(texts))
    if not haystack:
        return []
    words = SensitiveWord.objects.values_list("word", flat=True)
    return [word for word in words if word and word in haystack]
