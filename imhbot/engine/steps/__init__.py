"""The step types of flows: one module each in this package, found here.

A step type is a pydantic model of the step (`type: Literal[...]` and only its own fields)
that is a `StepType`: what the step does when the conversation gets there, what it answers if
it waits for the user, and which texts and steps it names (for `imhbot check`). Adding a step
type is adding a module here, and its tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import cast

from imhbot.engine.flow import Step, registered
from imhbot.engine.steps.base import StepType

for _found in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_found.name}")

STEP_TYPES: dict[str, type[StepType]] = {
    name: model for name, model in registered().items() if issubclass(model, StepType)
}
_BEHAVING = frozenset(STEP_TYPES.values())


def behaviour(step: Step) -> StepType:
    """A step of a flow as its type: what it does. A flow with a step of a type not
    registered does not load (`imhbot check` says so)."""
    if type(step) not in _BEHAVING:  # not isinstance: a pydantic model's costs an ABC check
        raise TypeError(f"step type '{step.type}' is not registered")
    return cast(StepType, step)
