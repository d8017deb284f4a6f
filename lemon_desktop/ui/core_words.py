"""The window's words for texts the Qt-free layers write: model profiles, the catalogue,
the connection states and the request checks.

core/ and api/ import no Qt, so they cannot call tr(); the command line shows their
English as it is. The window translates them where it shows them, with `core_text`:
a fixed phrase is looked up whole, and a sentence with values in it is matched against
the templates below, translated and filled again. pyside6-lupdate reads only literal
translate calls and QT_TRANSLATE_NOOP marks, so every such text is listed here, in the
"core" context. A text listed nowhere is shown in English, as before.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QCoreApplication

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for pyside6-lupdate; `core_text` translates it where it is shown."""
    return text


# Texts the Qt-free layers write whole (profiles' labels, help, notes and choices; the
# catalogue's delivery and price words; the connection states; fixed request checks).
PHRASES = (
    # core/catalogue.py
    QT_TRANSLATE_NOOP("core", "usually inline"),
    QT_TRANSLATE_NOOP("core", "task-based"),
    QT_TRANSLATE_NOOP("core", "price unknown"),
    QT_TRANSLATE_NOOP("core", "finishing only, not text-to-image"),
    QT_TRANSLATE_NOOP("core", "Other"),
    # api/profiles: parameter labels
    QT_TRANSLATE_NOOP("core", "Aspect ratio"),
    QT_TRANSLATE_NOOP("core", "Background"),
    QT_TRANSLATE_NOOP("core", "Compression"),
    QT_TRANSLATE_NOOP("core", "End-user ID"),
    QT_TRANSLATE_NOOP("core", "Images"),
    QT_TRANSLATE_NOOP("core", "Moderation"),
    QT_TRANSLATE_NOOP("core", "Output format"),
    QT_TRANSLATE_NOOP("core", "Partial previews"),
    QT_TRANSLATE_NOOP("core", "Quality"),
    QT_TRANSLATE_NOOP("core", "Resolution"),
    QT_TRANSLATE_NOOP("core", "Response format"),
    QT_TRANSLATE_NOOP("core", "Run as task"),
    QT_TRANSLATE_NOOP("core", "Size"),
    QT_TRANSLATE_NOOP("core", "Style"),
    # api/profiles: parameter help
    QT_TRANSLATE_NOOP("core", "A preset or any WIDTHxHEIGHT; this model's limits are unknown."),
    QT_TRANSLATE_NOOP("core", "An identifier for the end user, passed on for abuse monitoring."),
    QT_TRANSLATE_NOOP("core", "Compression level 0-100 for JPEG or WebP output."),
    QT_TRANSLATE_NOOP("core", "Content filter strictness; low filters less (unset means auto)."),
    QT_TRANSLATE_NOOP(
        "core",
        "Create a task and poll for it instead of holding the request open; returns URLs only.",
    ),
    QT_TRANSLATE_NOOP("core", "File format of the generated image (unset means PNG)."),
    QT_TRANSLATE_NOOP("core", "How many images one request makes."),
    QT_TRANSLATE_NOOP("core", "Output resolution tier; higher tiers cost more and take longer."),
    QT_TRANSLATE_NOOP("core", "Output size in pixels."),
    QT_TRANSLATE_NOOP(
        "core", "Previews streamed while the image renders (0-3); needs a synchronous request."
    ),
    QT_TRANSLATE_NOOP(
        "core", "Rendering quality; higher costs more and takes longer (unset means auto)."
    ),
    QT_TRANSLATE_NOOP("core", "Shape of the image as width:height; unset lets the model choose."),
    QT_TRANSLATE_NOOP(
        "core",
        "auto, a preset, or a custom WIDTHxHEIGHT: multiples of 16, longest edge at most "
        "3840, at most 3:1.",
    ),
    QT_TRANSLATE_NOOP("core", "hd renders finer detail at a higher price."),
    QT_TRANSLATE_NOOP("core", "transparent needs PNG or WebP output (unset means auto)."),
    QT_TRANSLATE_NOOP(
        "core", "url returns a download link; b64_json returns the image data in the response."
    ),
    QT_TRANSLATE_NOOP("core", "vivid leans dramatic and hyper-real; natural looks less processed."),
    # api/profiles: model notes
    QT_TRANSLATE_NOOP("core", "Artistic style; usually answered as a task."),
    QT_TRANSLATE_NOOP("core", "Aspect ratio only; resolution is fixed by the model."),
    QT_TRANSLATE_NOOP("core", "Best at rendering text; often answered as a task."),
    QT_TRANSLATE_NOOP("core", "Fast and cheap; square sizes only; prompts up to 1,000 characters."),
    QT_TRANSLATE_NOOP(
        "core", "No profile for this model: only common settings, plus any extra parameters."
    ),
    QT_TRANSLATE_NOOP(
        "core", "One image per request; rewrites the prompt and returns the revised text."
    ),
    QT_TRANSLATE_NOOP("core", "Open model; usually answered inline."),
    QT_TRANSLATE_NOOP("core", "Photorealistic; often answered as a task."),
    QT_TRANSLATE_NOOP("core", "Pick an aspect ratio and a 1k, 2k or 4k resolution tier."),
    QT_TRANSLATE_NOOP("core", "Prompt only: no size, aspect ratio or count can be chosen."),
    QT_TRANSLATE_NOOP(
        "core", "Three fixed sizes or auto; transparent backgrounds with PNG or WebP."
    ),
    QT_TRANSLATE_NOOP("core", "Token-priced; flexible sizes up to 3840 px; can run as a task."),
    QT_TRANSLATE_NOOP("core", "Very fast drafts."),
    # api/profiles: choices shown as words (sizes, ratios and formats stay as they are)
    QT_TRANSLATE_NOOP("core", "auto"),
    QT_TRANSLATE_NOOP("core", "low"),
    QT_TRANSLATE_NOOP("core", "medium"),
    QT_TRANSLATE_NOOP("core", "high"),
    QT_TRANSLATE_NOOP("core", "standard"),
    QT_TRANSLATE_NOOP("core", "hd"),
    QT_TRANSLATE_NOOP("core", "vivid"),
    QT_TRANSLATE_NOOP("core", "natural"),
    QT_TRANSLATE_NOOP("core", "opaque"),
    QT_TRANSLATE_NOOP("core", "transparent"),
    # core/connection.py
    QT_TRANSLATE_NOOP("core", "Starting up."),
    QT_TRANSLATE_NOOP("core", "Wait a moment; the library opens first."),
    QT_TRANSLATE_NOOP("core", "Wait a moment; you can already write a prompt."),
    QT_TRANSLATE_NOOP("core", "Ready to generate."),
    QT_TRANSLATE_NOOP(
        "core",
        "Running against the built-in sandbox: images are test drawings, nothing is billed.",
    ),
    QT_TRANSLATE_NOOP("core", "Paste an API key in Settings to use the real gateway."),
    QT_TRANSLATE_NOOP("core", "No API key is set."),
    QT_TRANSLATE_NOOP(
        "core", "Paste a new API key in Settings, or store one with `lemon-desktop key set`."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Check the network and the base URL in Settings; queued jobs wait and can be retried.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Paste your API key (it is kept in the system keyring), or try the built-in sandbox.",
    ),
    # api/profiles/validation.py
    QT_TRANSLATE_NOOP("core", "prompt is empty; describe the image you want."),
    QT_TRANSLATE_NOOP("core", "model is empty; choose a model."),
    # api/errors.py: the advice after a gateway's error
    QT_TRANSLATE_NOOP("core", "Change the request and try again."),
    QT_TRANSLATE_NOOP("core", "Check the API key in Settings (or LEMONDATA_API_KEY)."),
    QT_TRANSLATE_NOOP("core", "This API key has used up its quota."),
    QT_TRANSLATE_NOOP("core", "Top up the account or raise the key's quota, then retry the job."),
    QT_TRANSLATE_NOOP(
        "core", "This key is not allowed to use that model; pick another model or key."
    ),
    QT_TRANSLATE_NOOP("core", "Shorten the prompt or send fewer or smaller images."),
    QT_TRANSLATE_NOOP("core", "Too many requests; wait a moment and try again."),
    QT_TRANSLATE_NOOP("core", "The gateway failed; retry the job later."),
    QT_TRANSLATE_NOOP("core", "The image provider failed; retry the job or pick another model."),
    QT_TRANSLATE_NOOP(
        "core",
        "The provider took too long; retry the job, perhaps at a lower size or quality.",
    ),
)

# Sentences with values in them, as the Qt-free code words them: {name} stands for a
# value, which is put back into the translation as it was (itself translated when it is
# one of the texts here).
TEMPLATES = (
    QT_TRANSLATE_NOOP("core", "{price} / image"),
    QT_TRANSLATE_NOOP("core", "{input} in / {output} out per 1M tokens"),
    QT_TRANSLATE_NOOP("core", "Connecting to {url}."),
    QT_TRANSLATE_NOOP("core", "Connected to {url}."),
    QT_TRANSLATE_NOOP("core", "prompt is {count} characters; {model} accepts at most {limit}."),
    QT_TRANSLATE_NOOP(
        "core", "{model} makes one image per request; set n to 1 or queue several jobs."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{model} is offered one image per request here (more is not documented for it); "
        "set n to 1 or queue several jobs.",
    ),
    QT_TRANSLATE_NOOP("core", "{name} must be {wanted}, got {value}."),
    QT_TRANSLATE_NOOP("core", "a whole number from {low} to {high}"),
    QT_TRANSLATE_NOOP("core", "a whole number of at least {low}"),
    QT_TRANSLATE_NOOP("core", "a whole number of at most {high}"),
    QT_TRANSLATE_NOOP("core", "{name} must be true or false, got {value}."),
    QT_TRANSLATE_NOOP("core", "{name} must be one of {choices} for {model}; got {value}."),
    QT_TRANSLATE_NOOP("core", "{name} {size}: {problem} (nearest valid: {nearest})."),
    QT_TRANSLATE_NOOP("core", "both sides must be multiples of {multiple}"),
    QT_TRANSLATE_NOOP("core", "the longest edge must be at most {edge} px"),
    QT_TRANSLATE_NOOP(
        "core", "the long side may be at most {ratio} times the short side, not {actual} times"
    ),
    QT_TRANSLATE_NOOP("core", "total pixels must be at least {minimum}, not {pixels}"),
    QT_TRANSLATE_NOOP("core", "total pixels must be at most {maximum}, not {pixels}"),
    QT_TRANSLATE_NOOP("core", "{name}: {model} is prompt-only and takes no {name2}; remove it."),
    QT_TRANSLATE_NOOP("core", "{name}: {model} does not take {name2}; remove it."),
    QT_TRANSLATE_NOOP("core", "Too many requests; wait {seconds} s and try again."),
    # keys.py
    QT_TRANSLATE_NOOP(
        "core",
        "No system keyring is available to store the API key ({detail}). Install and unlock "
        "a Secret Service keyring (for example gnome-keyring or KWallet), or set the "
        "LEMONDATA_API_KEY environment variable instead.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The system keyring is locked ({detail}). Unlock it and try again, or set the "
        "LEMONDATA_API_KEY environment variable instead.",
    ),
)

_FIELD = re.compile(r"\\\{(\w+)\\\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """`template` as a regular expression with a named group per {field}."""
    return re.compile(_FIELD.sub(lambda m: f"(?P<{m.group(1)}>.+?)", re.escape(template)))


def core_text(text: str) -> str:
    """`text` from a Qt-free layer in the window's language (as it is when unknown)."""
    if not text:
        return text
    translated = QCoreApplication.translate(CONTEXT, text)
    if translated != text:
        return translated
    for template in TEMPLATES:
        found = _pattern(template).fullmatch(text)
        if found is None:
            continue
        words = QCoreApplication.translate(CONTEXT, template)
        if words == template:
            return text  # no translation loaded (English): the text as it came
        values = {name: core_text(value) for name, value in found.groupdict().items()}
        return words.format(**values)
    return text


def core_texts(texts: list[str]) -> list[str]:
    return [core_text(text) for text in texts]
