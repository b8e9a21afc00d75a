"""The conversation engine: given what it knows, a session and a message, the next turn.

Pure: no I/O, no clock (the message carries `now`), no database, no Telegram.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from imhbot.engine.answers import CRISIS_CHECK, CRISIS_PENDING, GEMEENTE, PRESET_REGION, REGION
from imhbot.engine.context import Context
from imhbot.engine.fields import region_fields
from imhbot.engine.flow import RESUME, Command
from imhbot.engine.model import (
    CRISIS,
    NO_DANGER,
    SIGNALS,
    Handoff,
    Message,
    Note,
    Record,
    Session,
    Signal,
    Turn,
)
from imhbot.engine.saying import said_by
from imhbot.engine.steps import behaviour
from imhbot.nlu.crisis import Signal as CrisisSignal
from imhbot.nlu.normalizing import fold

if TYPE_CHECKING:
    from imhbot.engine.knowledge import Knowledge

MAX_HOPS = 100
_SPACES = re.compile(r"\s+")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


class FlowLoopError(RuntimeError):
    """A flow went round without waiting for the user; `imhbot check` prevents this."""


def clean(text: str) -> str:
    """Drop control and formatting characters; fold all white space to single spaces."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return _SPACES.sub(" ", kept).strip()


def handle(knowledge: Knowledge, session: Session, message: Message) -> Turn:
    if message.kind != "button" and message.text:
        message = replace(message, text=clean(message.text))
    ctx = Context.start(knowledge, session, message)
    _dispatch(ctx)
    return ctx.turn()


def _dispatch(ctx: Context) -> None:
    message, fallbacks = ctx.message, ctx.flow.fallbacks
    pending = None if message.kind == "open" else ctx.answers.pop(CRISIS_PENDING, None)
    check = None if message.kind in ("open", *SIGNALS) else ctx.answers.pop(CRISIS_CHECK, None)
    if message.kind == "unanswered":
        _unanswered(ctx, check)
    elif message.kind in SIGNALS:
        _signal(ctx, cast(Signal, message.kind))
    elif message.kind == "open":
        _reprompt(ctx)
    elif isinstance(check, str):
        _checked(ctx, check)
    elif message.kind == "text" and message.text.startswith("/"):
        _command(ctx, message.text)
    elif message.kind != "button" and message.text and (found := _danger(ctx, message.text)):
        _crisis(ctx, found)  # typed text, or the caption of a photo or file
    elif isinstance(pending, str) and message.kind == "text" and _takes_back(ctx, message.text):
        _taken_back(ctx, pending)
    elif message.kind not in ("text", "button") and not _takes_location(ctx):
        _interject(ctx, fallbacks.media)
    elif message.kind != "location" and not message.text:
        _interject(ctx, fallbacks.empty)
    elif message.kind == "text" and len(message.text) > ctx.flow.max_length:
        _interject(ctx, fallbacks.too_long)
    elif message.kind == "text" and (command := _typed_command(ctx, message.text)):
        _run_command(ctx, command, "")
    elif ctx.step is None:
        _first(ctx)
    else:
        target = behaviour(ctx.current).answer(ctx, message)
        if target:
            go(ctx, target)


def _signal(ctx: Context, signal: Signal) -> None:
    """A signal goes where the flow maps it (a flow without it goes on where it can). Its
    steps can go back to where it found the parent (`@resume`), as after a detour command;
    a path that does not go back leaves nothing to resume later."""
    target = ctx.flow.signals.get(signal)
    kept, ctx.resume = ctx.resume, ctx.resume or ctx.step
    go(ctx, target if target is not None and target in ctx.flow.steps else ctx.recover)
    if ctx.resume is not None:
        ctx.resume = kept


def _takes_location(ctx: Context) -> bool:
    """A shared location answers a question whose understander reads locations."""
    message = ctx.message
    if message.kind != "location" or message.location is None or ctx.step is None:
        return False
    return behaviour(ctx.current).takes_location()


def _first(ctx: Context) -> None:
    """A chat without a session: a pressed start button counts; anything else is greeted,
    and what it says is kept for the start step (`absorb`)."""
    if ctx.lost:
        _recover(ctx)
        return
    start = behaviour(ctx.flow.steps[ctx.flow.start])
    picked = start.picks(ctx, ctx.message)
    ctx.move(ctx.flow.start)
    if not picked:
        go(ctx, ctx.flow.start)
        start.absorb(ctx, ctx.message)
        return
    target = start.answer(ctx, ctx.message)
    if target:
        go(ctx, target)


def safety_check(knowledge: Knowledge, session: Session, message: Message) -> Turn:
    """While a coordinator has the conversation the bot stays quiet, except for safety."""
    ctx = Context.start(knowledge, session, message)
    found = _danger(ctx, clean(message.text)) if message.kind != "button" and message.text else None
    if found is not None:
        _alarm(ctx, found.kind)  # a coordinator is there: unclear danger is theirs to judge
    return ctx.turn()


def _danger(ctx: Context, text: str) -> CrisisSignal | None:
    return ctx.knowledge.understanding.crisis.explain(text)


def _crisis(ctx: Context, found: CrisisSignal) -> None:
    """Safety first, at every step and before consent. Clear danger: the alarm at once
    (`_alarm`) and then the question the parent was at. Danger that is not clear (the review
    band): the numbers of that kind and one direct question (`_ask`), which the next message
    answers (`_checked`)."""
    if found.confirm:
        _ask(ctx, found.kind)
        return
    _protocol(ctx, found.kind)


def _ask(ctx: Context, kind: str) -> None:
    """The check of the review band; nothing else is asked in this turn."""
    ctx.answers[CRISIS_CHECK] = kind
    ctx.reply(ctx.knowledge.content.safety.kind(kind).check)
    ctx.emit(Record("crisis_check", {"kind": kind, "region": ctx.answers.get(REGION)}))


def _checked(ctx: Context, kind: str) -> None:
    """The answer to the check question. A clear "nee" (and nothing that doubts it) goes on
    where the parent was, with the numbers still in the chat above; a "ja", or anything that
    is not a clear "nee" (silence aside), is the full crisis protocol, as is new danger."""
    message = ctx.message
    text = message.text if message.kind == "text" else ""
    found = _danger(ctx, text) if text else None
    if found is None and text and not text.startswith("/") and _says_no(ctx, text):
        ctx.emit(Record("crisis_check_no", {"kind": kind}))
        ctx.say("safety.check_no")
        _reprompt(ctx)
        return
    _protocol(ctx, found.kind if found is not None and not found.confirm else kind, "answer")


def _unanswered(ctx: Context, kind: object) -> None:
    """Silence after the check question is no clear "nee": the full crisis protocol. Nothing
    happens when the parent answered meanwhile."""
    if not isinstance(kind, str):
        return
    ctx.say("safety.check_unanswered")
    _protocol(ctx, kind, "silence")


def _protocol(ctx: Context, kind: str, checked: str | None = None) -> None:
    """The full crisis protocol: the alarm, then what follows it."""
    _alarm(ctx, kind, checked=checked)
    _after_crisis(ctx, kind)


def _says_no(ctx: Context, text: str) -> bool:
    """A clear "nee" to the check question: its words (answers.nl.yaml `safety_check`, or
    taking the alarm back), and none of the words that doubt it ("maar", "soms")."""
    words = ctx.knowledge.content.safety_check
    folded = fold(text)
    if said_by(folded, [words.doubts], within=True, negations=()) is not None:
        return False
    said = said_by(folded, [words.no], within=True, negations=())
    return said is not None or _takes_back(ctx, text)


def _alarm(ctx: Context, kind: str, *, checked: str | None = None) -> None:
    """The safety message (with when the coordinators, if any, will answer), then a priority
    alert. `checked`: the parent got the check question first, and its `answer` was no
    clear "nee", or `silence` followed; the card says so."""
    content = ctx.knowledge.content
    ctx.reply(content.safety.kind(kind).message)
    region = ctx.answers.get(REGION)
    coordinators = content.crisis_coordinators(region)
    if coordinators is not None:
        ctx.say("safety.alerted", **region_fields(coordinators, ctx.now, content.texts))
    ctx.emit(
        Handoff(
            reason=CRISIS,
            priority=True,
            region=coordinators.id if coordinators else None,
            summary={
                "gemeente": ctx.answers.get(GEMEENTE),
                **({"checked": checked} if checked else {}),
            },
            crisis=kind,
        )
    )
    ctx.emit(Record("crisis", {"kind": kind, "region": region, "checked": bool(checked)}))


def _after_crisis(ctx: Context, kind: str) -> None:
    """Before consent only the consent question follows, in short (its buttons are the
    start step's); after it, the question the parent was at, which the next message may
    also answer by taking the alarm back (`_taken_back`)."""
    if ctx.consent_at is None:
        ctx.move(ctx.flow.start)
        behaviour(ctx.current).ask_again(ctx, "safety.resume_consent")
        return
    ctx.answers[CRISIS_PENDING] = kind
    ctx.say("safety.resume")
    _reprompt(ctx)


def _takes_back(ctx: Context, text: str) -> bool:
    """Whether the parent says they did not mean it ("nee hoor, zo erg is het niet")."""
    taken = ctx.knowledge.content.taken_back
    said = said_by(fold(text), [taken.words], within=True, negations=taken.negations)
    return bool(taken.words) and said is not None


def _taken_back(ctx: Context, kind: str) -> None:
    """Thanks, the numbers once more in short, a note on the alert for the coordinators
    (the ticket stays open), and the question the parent was at."""
    content = ctx.knowledge.content
    ctx.emit(Note(NO_DANGER))
    ctx.emit(Record("crisis_taken_back", {"kind": kind}))
    ctx.say("safety.taken_back")
    if content.crisis_coordinators(ctx.answers.get(REGION)) is not None:
        ctx.say("safety.taken_back_alerted")
    ctx.reply(content.safety.kind(kind).reminder)
    _reprompt(ctx)


def _interject(ctx: Context, key: str) -> None:
    ctx.say(key)
    _reprompt(ctx)


def _recover(ctx: Context) -> None:
    """The step this chat was at is gone. What the parent sent answered a question that no
    longer exists: say so, and go on where the flow says (`recover`)."""
    ctx.lost = None
    ctx.say("fallback.step_gone")
    go(ctx, ctx.recover)


def _reprompt(ctx: Context) -> None:
    if ctx.lost:
        _recover(ctx)
        return
    if ctx.step is None:
        go(ctx, ctx.flow.start)
        return
    behaviour(ctx.current).ask_again(ctx)


def _command(ctx: Context, text: str) -> None:
    found = _COMMAND.match(text)
    name = found.group(1).lower() if found else ""
    command = ctx.flow.commands.get(name)
    if command is None:
        _interject(ctx, ctx.flow.fallbacks.unknown_command)
        return
    if command.needs_consent and ctx.consent_at is None:
        go(ctx, ctx.flow.start)
        return
    _run_command(ctx, command, (found.group(2) or "").strip() if found else "")


def _typed_command(ctx: Context, text: str) -> Command | None:
    """A command said in words ("ik wil met iemand praten"), except where whatever is typed
    is the parent's own words; one that needs consent waits for it."""
    content = ctx.knowledge.content
    phrases = content.command_words
    if not phrases or (ctx.step is not None and behaviour(ctx.current).keeps_any_text()):
        return None
    names = [name for name in phrases if name in ctx.flow.commands]
    options = [phrases[name] for name in names]
    said = said_by(fold(text), options, within=True, negations=content.answer_negations)
    command = None if said is None else ctx.flow.commands[names[said]]
    if command is None or (command.needs_consent and ctx.consent_at is None):
        return None
    return command


def _run_command(ctx: Context, command: Command, payload: str) -> None:
    if command.reset:
        ctx.answers = {k: v for k, v in ctx.answers.items() if k in command.keep}
        ctx.resume = None
    if command.clear_consent:
        ctx.consent_at = None
    if command.payload and payload:
        _apply_payload(ctx, payload)
    if command.say:
        ctx.say(command.say)
    if command.goto is None:
        _reprompt(ctx)
        return
    if command.detour:
        ctx.resume = ctx.step
    go(ctx, command.goto)


def _apply_payload(ctx: Context, payload: str) -> None:
    """A deep link such as t.me/<bot>?start=groningen presets the region (or the gemeente)."""
    content, understanding = ctx.knowledge.content, ctx.knowledge.understanding
    region = content.region(payload.lower())
    if region is not None:
        ctx.answers[REGION] = ctx.answers[PRESET_REGION] = region.id
        return
    place = understanding.place(payload.replace("_", " ").replace("-", " "))
    if place is not None and place.region is not None:
        ctx.answers.update(
            {GEMEENTE: place.gemeente, REGION: place.region, PRESET_REGION: place.region}
        )


def go(ctx: Context, target: str) -> None:
    """Move to `target` and run automatic steps until one waits for the user."""
    for _ in range(MAX_HOPS):
        if target == RESUME:
            target, ctx.resume = ctx.resume or ctx.recover, None
        ctx.move(target)
        following = behaviour(ctx.current).enter(ctx)
        if following is None:
            return
        target = following
    raise FlowLoopError(f"flow '{ctx.flow.id}' loops from step '{target}'")
