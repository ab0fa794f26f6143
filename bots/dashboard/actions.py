"""The dashboard's forms (POST): each checks the role server-side, calls the core service the
chat command calls, and writes who did it to the audit log."""

from __future__ import annotations

from aiohttp import web

from bots.dashboard import knowledge
from bots.dashboard.app import DASHBOARD, PREFIX, SESSION_KEY, SID_KEY, Ctx, Dashboard
from bots.dashboard.auth import COOKIE
from core.control import handoffs
from core.control.acting import acting_turn
from core.control.fan_rights import Person
from core.trust import corrections
from core.types import Role

MAX_TEXT = 4000


def _field(form: dict[str, str], name: str, *, required: bool = True) -> str:
    value = form.get(name, "").strip()
    if required and not value:
        raise web.HTTPBadRequest(text=f"{name.replace('_', ' ')} is required.")
    if len(value) > MAX_TEXT:
        raise web.HTTPBadRequest(text=f"{name} is longer than {MAX_TEXT} characters.")
    return value


async def _form(request: web.Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.post()).items() if isinstance(v, str)}


async def login(request: web.Request) -> web.StreamResponse:
    dashboard: Dashboard = request.app[DASHBOARD]
    form = await _form(request)
    redeemed = await dashboard.auth.redeem(form.get("token", ""))
    if redeemed is None:
        return dashboard.page(
            request,
            "error.html",
            status=401,
            message="This sign-in link is unknown, already used or expired. "
            "Run `clonebot dashboard-link bots/<name>` for a new one.",
        )
    sid, session = redeemed
    for creator_id, _ in dashboard.clones_for(session.actor):
        await Ctx(dashboard, request, session, dashboard.clones[creator_id], Role.MODERATOR).audit(
            "sign-in", "ok"
        )
    response = web.HTTPSeeOther(f"{PREFIX}/")
    response.set_cookie(
        COOKIE,
        sid,
        path=PREFIX,
        httponly=True,
        samesite="Strict",
        secure=dashboard.secure_cookie(request),
        max_age=int(dashboard.auth.session_ttl.total_seconds()),
    )
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    dashboard: Dashboard = request.app[DASHBOARD]
    dashboard.auth.end(request.get(SID_KEY))
    dashboard.extras.pop(id(request[SESSION_KEY]), None)
    response = web.HTTPSeeOther(f"{PREFIX}/login")
    response.del_cookie(COOKIE, path=PREFIX)
    raise response


async def decide_draft(request: web.Request) -> web.StreamResponse:
    """Approve, edit-then-approve or reject: Control.decide_draft, as the chat buttons call it."""
    ctx = Ctx.of(request)
    form = await _form(request)
    decision = _field(form, "decision")
    if decision not in ("approve", "edit", "reject"):
        raise web.HTTPBadRequest(text="decision must be approve, edit or reject.")
    await ctx.require(Role.CREATOR, "decide drafts")
    draft_id = _field(form, "draft")
    text = _field(form, "text") if decision == "edit" else None
    turn = acting_turn(ctx.services.bot, ctx.session.actor, ctx.now())
    replies = await ctx.services.clone.control.decide_draft(
        turn, draft_id, decision != "reject", text
    )
    answer = " ".join(r.text for r in replies)
    await ctx.audit(f"draft {decision}", "ok", f"{draft_id}: {answer}")
    raise ctx.done("review", answer or f"Draft {draft_id}: done.")


async def handoff_reply(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    form = await _form(request)
    conversation = _field(form, "conversation")
    text = _field(form, "text")
    name = _field(form, "name", required=False) or ctx.session.name
    try:
        await handoffs.reply_as_human(
            bot=ctx.services.bot,
            state=ctx.services.state,
            outbound=ctx.services.outbound,
            conversation_id=conversation,
            name=name,
            text=text,
        )
    except (LookupError, ValueError) as exc:
        await ctx.audit("handoff reply", "failed", f"{conversation}: {exc}")
        raise ctx.done("handoffs", f"Not sent: {exc}.", error=True) from exc
    await ctx.audit("handoff reply", "ok", f"{conversation}: {text}")
    raise ctx.done("handoffs", f"Sent as {name} (a person, not the clone).")


async def handoff_release(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    conversation = _field(await _form(request), "conversation")
    closed = await handoffs.release(ctx.services.state, ctx.creator_id, conversation, ctx.now())
    await ctx.audit("handoff release", "ok" if closed else "none open", conversation)
    text = "Released: the clone may answer there again." if closed else "No open handoff there."
    raise ctx.done("handoffs", text, error=not closed)


async def resolve_report(request: web.Request) -> web.StreamResponse:
    """One click: a report becomes a verified fact, a never-say rule or a corrected answer."""
    ctx = Ctx.of(request)
    form = await _form(request)
    kind = _field(form, "as")
    if kind not in ("fact", "never", "correction", "dismiss"):
        raise web.HTTPBadRequest(text="as must be fact, never, correction or dismiss.")
    await ctx.require(Role.CREATOR, "correct the clone")
    reply_id = _field(form, "reply")
    state, creator = ctx.services.state, ctx.creator_id
    record = await corrections.find_reply(state, creator, reply_id)
    if record is None:
        raise web.HTTPNotFound(text=f"No reply {reply_id}.")
    text = "" if kind == "dismiss" else _field(form, "text")
    if kind == "fact":
        await corrections.add_fact(state, creator, text)
        message = f"Verified fact added, live now: {text}"
    elif kind == "never":
        await corrections.add_never(state, creator, text)
        message = f"Never-say rule added, live now: {text!r}"
    elif kind == "correction":
        await corrections.add_preferred(state, creator, reply_id, text)
        message = f"From now on, {record.fan_text[:80]!r} gets your answer."
    else:
        message = "Report dismissed."
    await state.flag_reply(creator, reply_id, "corrected")
    await ctx.audit(f"report to {kind}", "ok", f"{reply_id}: {text}")
    raise ctx.done("reports", message)


async def fact(request: web.Request) -> web.StreamResponse:
    """Verified facts: add, edit (retire the old text, add the new) or retire."""
    ctx = Ctx.of(request)
    form = await _form(request)
    op = _field(form, "op")
    if op not in ("add", "edit", "retire"):
        raise web.HTTPBadRequest(text="op must be add, edit or retire.")
    await ctx.require(Role.CREATOR, "change verified facts")
    state, creator = ctx.services.state, ctx.creator_id
    if op in ("edit", "retire"):
        key = _field(form, "key")
        if not key.startswith(corrections.FACT) or not await corrections.remove(
            state, creator, key
        ):
            raise ctx.done("knowledge", "That fact is no longer there.", error=True)
    text = _field(form, "text") if op in ("add", "edit") else ""
    if text:
        await corrections.add_fact(state, creator, text)
    await ctx.audit(f"fact {op}", "ok", text or form.get("key", ""))
    raise ctx.done(
        "knowledge", {"add": "Fact added.", "edit": "Fact updated.", "retire": "Fact retired."}[op]
    )


async def ingest(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    await ctx.require(Role.CREATOR, "re-ingest the archive")
    running = ctx.dashboard.ingests.get(ctx.creator_id)
    if running is not None and running.running:
        raise ctx.done("knowledge", "A re-ingest is already running.", error=True)
    ctx.dashboard.ingests[ctx.creator_id] = knowledge.start_ingest(ctx.services)
    await ctx.audit("re-ingest", "started")
    raise ctx.done("knowledge", "Re-ingest started; this page follows its progress.")


async def fan_export(request: web.Request) -> web.StreamResponse:
    """What /my-data gives the person, as a JSON download for the creator."""
    ctx = Ctx.of(request)
    await ctx.require(Role.CREATOR, "export a fan's data")
    fan_id = _field(await _form(request), "fan_id")
    rights = ctx.services.rights
    person = await _person(ctx, fan_id)
    payload = {"fan_id": fan_id, **await rights.export(person)}
    await ctx.audit("fan export", "ok", f"{fan_id} ({len(person.fan_ids)} places)")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in fan_id)[:80]
    return web.Response(
        body=rights.export_bytes(payload),
        content_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="fan-{safe}.json"'},
    )


async def _person(ctx: Ctx, text: str) -> Person:
    try:
        return await ctx.services.rights.named(text)
    except ValueError as exc:
        raise web.HTTPBadRequest(text=f"{exc}. Use platform:user or a fan id.") from exc


async def fan_forget(request: web.Request) -> web.StreamResponse:
    """What /forget-me does, after a confirmation step that shows what will be deleted."""
    ctx = Ctx.of(request)
    await ctx.require(Role.CREATOR, "forget a fan")
    form = await _form(request)
    fan_id = _field(form, "fan_id")
    person = await _person(ctx, fan_id)
    if form.get("confirm", "").strip() != fan_id:
        preview = await ctx.services.rights.export(person)
        records = sum(len(v) for v in preview.get("state", {}).values())
        return ctx.page(
            "fans.html",
            "fans",
            confirm={
                "fan_id": fan_id,
                "person": person.key,
                "places": len(person.fan_ids),
                "memory": len(preview.get("memory", [])),
                "records": records,
            },
        )
    counts = await ctx.services.clone.control.forget(person)
    memory, rows = counts.get("memory", 0), counts.get("state", 0)
    await ctx.audit("fan forget", "ok", f"{person.key}: {memory} memory items, {rows} rows")
    minutes = ctx.services.rights.erase_within_minutes
    raise ctx.done(
        "fans",
        f"Forgot {fan_id}: {memory} memory items and {rows} records deleted; the copies in "
        f"the files are erased within {minutes} minutes.",
    )
