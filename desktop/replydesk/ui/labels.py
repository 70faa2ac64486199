"""Human labels for template kinds and language codes."""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {
    "greeting": "Greeting",
    "scope_clarification": "Scope clarification",
    "upsell_options": "Upsell options",
    "refund_offer": "Refund offer",
    "phone_call_refusal": "Phone call refusal",
    "progress_update": "Progress update",
    "delivery": "Delivery",
    "review_thanks": "Review thanks",
    "negative_review_reply": "Negative review reply",
    "away_notice": "Away notice",
    "deadline_extension": "Deadline extension",
}

# Each language by its own name, as a speaker of it looks for it.
LANGUAGE_LABELS: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "ro": "Română",
    "sk": "Slovenčina",
    "hu": "Magyar",
}


def kind_label(kind: str) -> str:
    """`scope_clarification` → `Scope clarification`; unknown kinds are spelled out the same way."""
    label = KIND_LABELS.get(kind)
    if label is not None:
        return label
    words = kind.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def language_label(code: str) -> str:
    """`ru` → `Русский`; an unknown code is shown upper-cased (`DE`)."""
    return LANGUAGE_LABELS.get(code, code.upper())
