"""The shape of a flow file (`flows/*.yaml`): commands, fallbacks and steps as data; what a
step holds is its type's (`imhbot.engine.steps`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializeAsAny,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from imhbot.engine.model import Signal

Condition = Mapping[str, Any]
RESUME = "@resume"  # as a goto: back to the step a detour command (such as /verwijder) left


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


_TYPES: dict[str, type[Step]] = {}


class Step(Frozen):
    """One step of a flow. Its `type` names a step type, a module of `imhbot.engine.steps`
    that holds the step's model (which fields it has) and what it does; parsing a step gives
    the model of its type. A type nobody registered stays an `Unregistered` step, for the
    flow checker to report."""

    type: str

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """A model whose `type` is a Literal registers itself as that step type."""
        super().__pydantic_init_subclass__(**kwargs)
        annotation = cls.model_fields["type"].annotation
        if get_origin(annotation) is Literal:
            _TYPES.update(dict.fromkeys(get_args(annotation), cls))


class Unregistered(Step):
    """A step whose type is not registered: kept as it is, so the checker can say so."""

    model_config = ConfigDict(extra="allow")


def registered() -> Mapping[str, type[Step]]:
    """The step models, by type (those of the modules imported: `imhbot.engine.steps` imports
    them all)."""
    return _TYPES


def step_model(data: Any) -> type[Step]:
    """The model a step's data is parsed with."""
    kind = data.get("type") if isinstance(data, Mapping) else None
    return _TYPES.get(kind, Unregistered) if isinstance(kind, str) else Unregistered


def _typed(value: Any, handler: ValidatorFunctionWrapHandler) -> Step:
    if isinstance(value, Mapping):
        return step_model(value).model_validate(value)
    step: Step = handler(value)
    return step


TypedStep = Annotated[Step, WrapValidator(_typed), SerializeAsAny()]
"""A step in a flow: parsed by its type's model, written out with all of that model's fields."""


class Command(Frozen):
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


class Fallbacks(Frozen):
    """Text keys for input the flow cannot use; the current step is asked again after them."""

    unknown_command: str
    media: str
    empty: str
    too_long: str
    choose_button: str
    stale_button: str


class Flow(Frozen):
    id: str
    start: str
    recover: str | None = Field(
        default=None,
        description="where a conversation goes on whose step no longer exists (the flow "
        "changed while it ran); the start if not set",
    )
    max_length: int = Field(default=2000, ge=10)
    signals: Mapping[Signal, str] = Field(
        default_factory=dict,
        description="where the conversation goes on a signal: `closed`, a coordinator closed "
        "the parent's question",
    )
    commands: Mapping[str, Command]
    fallbacks: Fallbacks
    steps: Mapping[str, TypedStep]
