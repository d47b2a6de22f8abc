"""The public forms' door: spam defence without a CAPTCHA, and the page response.

A honeypot field catches bots; a per-IP rate limit stops floods.

The limiter counts in the default cache (portal.security.throttles), so it works with the
file cache of one host and with the Redis cache several hosts share.
"""

import logging

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from portal.security.proxies import client_ip
from portal.security.throttles import SlidingWindow

HONEYPOT_FIELD = "website"

logger = logging.getLogger(__name__)


class HoneypotField(forms.CharField):
    """A field people never see (its wrapper is hidden) and bots fill in."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "网址（请勿填写）")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        super().__init__(**kwargs)


def is_spam(form):
    return bool(form.data.get(HONEYPOT_FIELD, "").strip())


class RateLimit:
    """At most `limit` posts per `period` seconds from one address, in a sliding window
    (portal.security.throttles)."""

    def __init__(self, scope, limit, period):
        self.scope, self.limit, self.period = scope, limit, period
        self.window = SlidingWindow(f"ratelimit:{scope}", limit, period)

    @property
    def message(self):
        minutes = max(1, self.period // 60)
        return f"提交过于频繁，请 {minutes} 分钟后再试。您填写的内容已保留。"

    def allow(self, request):
        """Count this request; False once the address is over the limit."""
        return self.window.allow(client_ip(request))

    def used(self, request):
        """How many posts of the limit the request's address has used."""
        return self.window.estimate(client_ip(request))

    def refund(self, request):
        """Give back the count of a post the site failed to save: it was not the sender's
        doing."""
        self.window.refund(client_ip(request))


# What became of a post, for the page to respond to.
SAVE, SPAM, LIMITED, INVALID, FAILED = "save", "spam", "limited", "invalid", "failed"
STATUS = {LIMITED: 429, FAILED: 503}
SAVE_FAILED = "网站暂时未能保存您提交的内容，请稍后再试。您填写的内容已保留。"


def screen_post(request, form, rate_limit):
    """A post over the rate limit keeps what was typed and says when to try again; a
    honeypot hit within it is answered like a success and saved nowhere. The limit comes
    first, so a bot's flood is refused before anything is made for it."""
    if not rate_limit.allow(request):
        form.is_valid()
        form.add_error(None, rate_limit.message)
        return LIMITED
    if is_spam(form):
        return SPAM
    return SAVE if form.is_valid() else INVALID


def render_form_page(page, request, form, outcome=None, **extra):
    """The page with its form; never cached, as it carries the reader's CSRF token."""
    context = page.get_context(request)
    context.update(form=form, **extra)
    status = STATUS.get(outcome, 200)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def answer_post(page, request, form, rate_limit, save, sent_key):
    """Screen a post, save it with `save(form)` and answer: a redirect to the page, which
    then shows what `save` returned (kept in the session under `sent_key`), or the form
    again with what was typed and why it was refused.

    A save that fails (the database or the disk, not the sender) leaves nothing behind
    (`save` runs in one transaction and removes its files), costs the sender no post of
    their rate limit and is answered with the form, never a bare error page.
    """
    outcome = screen_post(request, form, rate_limit)
    if outcome == SPAM:
        return redirect(page.url)
    if outcome != SAVE:
        return render_form_page(page, request, form, outcome)
    try:
        sent = save(form)
    except Exception:  # whatever broke, the sender is told and can send again
        logger.exception("public form on %s: the post could not be saved", page.url)
        rate_limit.refund(request)
        form.add_error(None, SAVE_FAILED)
        return render_form_page(page, request, form, FAILED)
    request.session[sent_key] = sent
    return redirect(page.url)
