from django.core.exceptions import ValidationError

from portal.core.forms import PortalPageForm


class PolicyDocumentForm(PortalPageForm):
    """Refuses revise/repeal links that would close a cycle, with the cycle named."""

    def clean(self):
        cleaned_data = super().clean()
        links = self.formsets.get("replaces_links")
        if links is None or not links.is_valid():
            return cleaned_data
        targets = [
            form.cleaned_data.get("target")
            for form in links.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            self.instance.check_links(targets)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data
