from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

# The buttons of Wagtail's page editor that hand a page to its reviewers (提交审核).
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
# Functions registered under this hook name judge a page before it is submitted for
# review: `check(page, user, parent_page)` returns the Chinese messages that refuse it
# (the site layer registers the content checks, portal/site/wagtail_hooks.py).
SUBMISSION_CHECKS_HOOK = "check_page_before_submission"


class PortalPageForm(WagtailAdminPageForm):
    """Lets editors leave the slug empty: the page then makes it from the title's pinyin.
    Refuses 提交审核 of a page the submission checks object to, keeping what was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_checked = False
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "留空则根据标题拼音自动生成，只能使用英文字母、数字和连字符。"

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and cleaned_data.get("title"):
            page = self.instance
            page.title, page.slug = cleaned_data["title"], ""
            page.fill_empty_slug(parent=self.parent_page)
            cleaned_data["slug"] = page.slug
        return cleaned_data

    def is_valid(self):
        # Checked once the form is valid, when self.instance holds what was typed.
        valid = super().is_valid()
        if valid and self.is_submission() and not self.submission_checked:
            self.submission_checked = True
            for check in hooks.get_hooks(SUBMISSION_CHECKS_HOOK):
                for message in check(self.instance, self.for_user, self.parent_page):
                    self.add_error(None, message)
        return valid and not self.errors

    def is_submission(self):
        return any(self.data.get(action) for action in SUBMIT_ACTIONS)
