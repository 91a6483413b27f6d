"""The Wagtail admin works under the staff CSP: its forms carry no inline scripts.

The staff tier allows scripts from the site and with the request's nonce only.
Wagtail starts choosers, inline panels and date pickers with inline scripts,
which the browser would block (the chooser never opens, "add" does nothing);
portal/admin_init.py turns them into markers that a site script starts.  Every
add and edit form of every page type and snippet is checked, including the
<template>s of forms added later.
"""

import re

from django.urls import reverse

from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

import pytest

from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import login_verified
from tests.tiers import use_tier

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPES = re.compile(r"""type\s*=\s*["']?application/(json|ld\+json)""", re.I)


def executable_inline_scripts(html: str) -> list[str]:
    return [
        body.strip()[:120]
        for attrs, body in SCRIPT.findall(html)
        if "src=" not in attrs and "nonce=" not in attrs and not DATA_TYPES.search(attrs)
    ]


def admin_form_urls() -> list[str]:
    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.first()
        if page is not None:
            urls.append(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            parent = page.get_parent()
            if model.can_create_at(parent.specific):
                label = model._meta
                urls.append(
                    reverse(
                        "wagtailadmin_pages:add",
                        args=[label.app_label, label.model_name, parent.pk],
                    )
                )
    for model in get_snippet_models():
        urls.append(reverse(model.snippet_viewset.get_url_name("add")))
        instance = model.objects.first()
        if instance is not None:
            urls.append(reverse(model.snippet_viewset.get_url_name("edit"), args=[instance.pk]))
    return urls


def test_admin_forms_have_no_inline_scripts_the_staff_csp_would_block(demo_site, client):
    with use_tier("staff"):
        login_verified(client, StaffUserFactory(username="inline-scripts", superuser=True))
        urls = admin_form_urls()
        blocked = {}
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            scripts = executable_inline_scripts(response.content.decode())
            if scripts:
                blocked[url] = scripts
    assert len(urls) > 10
    assert any("/pages/add/measures/measurepage/" in url for url in urls)
    assert blocked == {}


def test_the_checker_of_inline_scripts_finds_one():
    html = '<script nonce="x">a()</script><script>new SnippetChooser("id")</script>'
    assert executable_inline_scripts(html) == ['new SnippetChooser("id")']
