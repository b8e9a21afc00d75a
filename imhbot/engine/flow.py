"""The shape of a flow file (`flows/*.yaml`): steps, buttons, branches and commands as data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imhbot.engine.model import Scalar

Condition = Mapping[str, Any]
RESUME = "@resume"  # as a goto: back to the step a detour command (such as /verwijder) left


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ButtonSpec(_Frozen):
    """A button (`label` is a text key), or with `from:` the buttons of a registered source."""

    label: str | None = None
    value: str | None = None
    source: str | None = Field(default=None, alias="from")
    goto: str | None = None
    assign: Mapping[str, Scalar] = Field(default_factory=dict, alias="set")
    when: Condition | None = None

    @model_validator(mode="after")
    def _button_or_source(self) -> ButtonSpec:
        if (self.source is None) == (self.label is None or self.value is None):
            raise ValueError("geef een knop met 'label' en 'value', of 'from' met een knoppenbron")
        return self


class Case(_Frozen):
    when: Condition
    goto: str


class Step(_Frozen):
    """One step; which fields matter depends on `type` (see the step registry)."""

    type: str
    text: str | None = None
    say: tuple[str, ...] = ()
    buttons: tuple[ButtonSpec, ...] = ()
    understand: str | None = None
    save: str | None = None
    retry: str | None = None
    max_attempts: int = Field(default=0, ge=0)
    on_fail: str | None = None
    action: str | None = None
    cases: tuple[Case, ...] = ()
    assign: Mapping[str, Scalar] = Field(default_factory=dict, alias="set")
    clear: tuple[str, ...] = ()
    on: Mapping[str, str] = Field(default_factory=dict)
    next: str | None = None


class Command(_Frozen):
    """A slash command: optionally say something, then go somewhere or re-ask the current step."""

    say: str | None = None
    goto: str | None = None
    reset: bool = False
    keep: tuple[str, ...] = ()
    clear_consent: bool = False
    detour: bool = Field(default=False, description="remember the current step for goto '@resume'")
    payload: bool = Field(
        default=False, description="a deep-link payload presets region or gemeente"
    )
    needs_consent: bool = False
    menu: str | None = Field(default=None, description="text key: the command in the chat's menu")


class Fallbacks(_Frozen):
    """Text keys for input the flow cannot use; the current step is asked again after them."""

    unknown_command: str
    media: str
    empty: str
    too_long: str
    choose_button: str
    stale_button: str


class Flow(_Frozen):
    id: str
    start: str
    recover: str | None = Field(
        default=None,
        description="where a conversation goes on whose step no longer exists (the flow "
        "changed while it ran); the start if not set",
    )
    max_length: int = Field(default=2000, ge=10)
    commands: Mapping[str, Command]
    fallbacks: Fallbacks
    steps: Mapping[str, Step]
