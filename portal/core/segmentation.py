"""Chinese word segmentation shared by indexing and querying.

Chinese has no spaces, so the database backends would index a whole run of
characters as one token. Text is cut in jieba's search mode (sub-words as well
as the long word) and re-joined with spaces before it reaches any backend.

The user dictionary (the values of the models that declare `dictionary_fields`: the
search terms editors add, zone names) lives in the database; its version is kept in the
shared cache so every worker process reloads it lazily on its next segmentation after a
change.
"""

import functools
import re
import time
import unicodedata
import uuid

import rjieba
from django.apps import apps
from django.core.cache import cache

VERSION_KEY = "search:dictionary-version"
DEFAULT_FREQUENCY = 100_000  # high enough that a user word is kept whole
# How often a worker asks the shared cache whether the dictionary changed: indexing
# segments thousands of fields a second, and a file-cache read each time cost a third
# of the indexing time.
VERSION_CHECK_SECONDS = 1.0
WORD = re.compile(r"[^\W_]")  # a letter or digit of any script

_tokenizer = None
_loaded_version = None
_version_checked_at = float("-inf")
_loaded_words = {}
_dictionary_generation = 0  # changes whenever the tokenizer's words do


def normalise(text):
    """NFKC (full-width digits and letters to half-width), Latin lowercased."""
    return unicodedata.normalize("NFKC", text).lower()


def cut(tokenizer, text):
    """The search-mode tokens of normalised `text` that hold a letter or digit."""
    return [
        token if token.isalnum() else token.strip()  # the common case first: it is fast
        for token in tokenizer.cut_for_search(text)
        if token.isalnum() or WORD.search(token)
    ]


def words(text):
    """The distinct search-mode words of `text`, in order."""
    return list(dict.fromkeys(cut(_current_tokenizer(), normalise(text))))


def base_words(text):
    """The words of `text` by the default dictionary alone: every index entry has them."""
    return list(dict.fromkeys(cut(_base_tokenizer(), normalise(text))))


def segmented(text):
    """`text` as space-separated words, sub-words included, for the index.

    A user word hides the default dictionary's words inside it (双桥经开区 would
    no longer yield 经开区), so the default cut is indexed too, plus whatever the
    user dictionary adds.
    """
    _current_tokenizer()  # reloads the dictionary if it changed
    return _segmented(normalise(text), _dictionary_generation)


@functools.lru_cache(maxsize=256)
def _segmented(text, generation):
    # Wagtail's PostgreSQL indexer reads each field four times (title, body, their raw
    # text, autocomplete); the dictionary generation keys out stale cuts.
    tokens = cut(_base_tokenizer(), text)
    known = set(tokens)
    return " ".join(tokens + [t for t in cut(_tokenizer, text) if t not in known])


def dictionary_changed():
    """Tell every worker process to reload the user dictionary (this one at once)."""
    global _version_checked_at
    _version_checked_at = float("-inf")
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def dictionary_version():
    """A random token, new on every change, so that an emptied cache (a Redis restart)
    also makes every worker reload rather than match an old count."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


@functools.cache
def _base_tokenizer():
    return rjieba.Jieba()


def _current_tokenizer():
    """The tokenizer with the user dictionary as of the cache's version.

    New words are added in place (cheap: importing zones adds many); a removed
    word needs a fresh tokenizer, since the default dictionary may also have it.
    """
    global _tokenizer, _loaded_version, _loaded_words, _dictionary_generation, _version_checked_at
    now = time.monotonic()
    if _tokenizer is not None and now - _version_checked_at < VERSION_CHECK_SECONDS:
        return _tokenizer
    _version_checked_at = now
    version = dictionary_version()
    if _tokenizer is not None and version == _loaded_version:
        return _tokenizer
    wanted = dict(user_words())
    if _tokenizer is None or not _loaded_words.keys() <= wanted.keys():
        _tokenizer, _loaded_words = rjieba.Jieba(), {}
    for word, frequency in wanted.items():
        if _loaded_words.get(word) != frequency:
            _tokenizer.add_word(word, frequency, None)
    _loaded_words, _loaded_version = wanted, version
    _dictionary_generation += 1
    return _tokenizer


def dictionary_models():
    """The models whose values are words the segmenter keeps whole: each declares the
    fields (`dictionary_fields`) and may declare a frequency field
    (`dictionary_frequency_field`)."""
    return [model for model in apps.get_models() if getattr(model, "dictionary_fields", ())]


def user_words():
    """(word, frequency) for every value of every declared field (an editor's term, a
    zone's name and short name…)."""
    for model in dictionary_models():
        fields = list(model.dictionary_fields)
        frequency_field = getattr(model, "dictionary_frequency_field", None)
        for row in model._default_manager.values_list(*fields, *filter(None, [frequency_field])):
            frequency = (row[-1] if frequency_field else None) or DEFAULT_FREQUENCY
            for name in row[: len(fields)]:
                if name and name.strip():
                    yield normalise(name.strip()), frequency
