"""Every text key the service and the channels use themselves, so that `imhbot check`, the
start and every reload refuse content that lacks one. Each channel (a module or package in
this folder) lists its own in `TEXTS`; they are found here, so a new channel only says them."""

from __future__ import annotations

import importlib
import pkgutil

import imhbot.channels
from imhbot.service import cards, coordinators, reloading
from imhbot.service.loading import TextUse


def _channel_texts() -> tuple[str, ...]:
    found: list[str] = []
    for module in pkgutil.iter_modules(imhbot.channels.__path__):
        if module.name != __name__.rpartition(".")[2]:
            channel = importlib.import_module(f"imhbot.channels.{module.name}")
            found.extend(getattr(channel, "TEXTS", ()))
    return tuple(found)


USED = TextUse(
    keys=frozenset((*cards.TEXTS, *coordinators.TEXTS, *reloading.TEXTS, *_channel_texts())),
    prefixes=cards.TEXT_PREFIXES,
)
