"""Every text key the service and the channels use themselves, so that `imhbot check`, the
start and every reload refuse content that lacks one."""

from __future__ import annotations

from imhbot.channels import console, telegram
from imhbot.service import cards, coordinators, reloading
from imhbot.service.loading import TextUse

USED = TextUse(
    keys=frozenset(
        (*cards.TEXTS, *coordinators.TEXTS, *reloading.TEXTS, *console.TEXTS, *telegram.TEXTS)
    ),
    prefixes=cards.TEXT_PREFIXES,
)
