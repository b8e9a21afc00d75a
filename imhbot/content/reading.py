"""Content and flows read together, with every problem in both: what `imhbot check` reports
and what `Knowledge.load` refuses to run with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from imhbot.content.flows import read_flows
from imhbot.content.loader import read_content
from imhbot.content.models import Content
from imhbot.content.yamlfile import ContentError, Problem, sorted_problems
from imhbot.engine.flow import Flow


@dataclass(frozen=True)
class Reading:
    content: Content | None
    flows: Mapping[str, Flow]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def valid(self) -> tuple[Content, Mapping[str, Flow]]:
        """The content and flows, or a ContentError when anything is wrong."""
        if self.content is None or self.errors:
            raise ContentError(self.problems)
        return self.content, self.flows


def read_all(content_dir: Path, flows_dir: Path, *, today: dt.date | None = None) -> Reading:
    content = read_content(content_dir, today=today)
    flows = read_flows(flows_dir, content.content, content.texts)
    problems = sorted_problems([*content.problems, *flows.problems])
    if content.content is None:
        return Reading(None, {}, problems)
    return Reading(content.content, flows.flows, problems)
