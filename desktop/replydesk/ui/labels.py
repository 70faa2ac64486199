"""Human labels for template kinds and language codes."""

from __future__ import annotations

from replydesk.core.i18n import N_, _

# Kinds are data (stored, typed on the command line); their labels are translated when shown.
KIND_LABELS: dict[str, str] = {
    "greeting": N_("Greeting"),
    "scope_clarification": N_("Scope clarification"),
    "upsell_options": N_("Upsell options"),
    "refund_offer": N_("Refund offer"),
    "phone_call_refusal": N_("Phone call refusal"),
    "progress_update": N_("Progress update"),
    "delivery": N_("Delivery"),
    "review_thanks": N_("Review thanks"),
    "negative_review_reply": N_("Negative review reply"),
    "away_notice": N_("Away notice"),
    "deadline_extension": N_("Deadline extension"),
}

# Each language by its own name, as a speaker of it looks for it.
LANGUAGE_LABELS: dict[str, str] = {
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "en": N_("English"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "ru": N_("Русский"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "ro": N_("Română"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "sk": N_("Slovenčina"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "hu": N_("Magyar"),
}


def kind_label(kind: str) -> str:
    """`scope_clarification` → `Scope clarification`; unknown kinds are spelled out the same way."""
    label = KIND_LABELS.get(kind)
    if label is not None:
        return _(label)
    words = kind.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def language_label(code: str) -> str:
    """`ru` → `Русский`; an unknown code is shown upper-cased (`DE`)."""
    label = LANGUAGE_LABELS.get(code)
    return _(label) if label is not None else code.upper()
