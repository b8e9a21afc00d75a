"""The pattern syntax content is checked with when it is read (`imhbot.content.syntax`)."""

from __future__ import annotations

from imhbot.content.syntax import Syntax
from imhbot.nlu.exclusions import exclusion_problems
from imhbot.nlu.frames import frame_problems
from imhbot.nlu.patterns import pattern_problems

SYNTAX = Syntax(patterns=pattern_problems, exclusions=exclusion_problems, frames=frame_problems)
