"""Work done meanwhile: a function run alongside the caller's own Playwright calls, in the
same thread, on the same browser connection.

Playwright's sync API runs its event loop in a dispatcher greenlet: each sync call hands it
control until the call's answer has come. Playwright runs its event handlers in greenlets of
their own, so that they too may make sync calls (``playwright._impl._greenlets``); the same is
done here for one function. It starts at the caller's next sync call, and each of its calls
hands the loop on in turn, so both go on while either waits on the browser. Nothing runs in
parallel: only the waits overlap, and no lock is needed.

A Ctrl-C (or a signal the CLI turns into one) is meant for the main greenlet, where the run
in hand can end carefully: ``deliver`` raises it there (raised in the dispatcher's event loop
or in a handler's greenlet, it would end one of Playwright's own tasks, and with it the
connection). One that lands in the function all the same is passed on to the caller.

If Playwright's connection ends (the driver died, or the caller started a new one), the work
is given up: ``wait`` says so, and the function's greenlet is left to the garbage collector.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from greenlet import GreenletExit, greenlet

T = TypeVar("T")


class GivenUp(Exception):
    """The work did not finish: it was given up or interrupted, or Playwright's connection
    ended under it."""


class Meanwhile(Generic[T]):
    """``work()``, started at the caller's next Playwright call and going on alongside."""

    def __init__(self, anchor: Any, work: Callable[[], T]) -> None:
        self._loop: asyncio.AbstractEventLoop = anchor._loop
        self._dispatcher: greenlet = anchor._dispatcher_fiber
        self._caller = greenlet.getcurrent()
        self._future: asyncio.Future[None] = self._loop.create_future()
        self._result: Any = None
        self._error: BaseException | None = None
        self._loop.call_soon(self._start, work)

    @staticmethod
    def possible(anchor: Any) -> bool:
        """Whether ``anchor`` (a Browser, a Page…) is of a sync Playwright this can share."""
        dispatcher = getattr(anchor, "_dispatcher_fiber", None)
        loop = getattr(anchor, "_loop", None)
        return isinstance(dispatcher, greenlet) and not dispatcher.dead and loop is not None

    def _start(self, work: Callable[[], T]) -> None:
        """In the dispatcher: the work's own greenlet, whose parent the dispatcher is."""
        if not self._future.done():  # not given up before it began
            greenlet(lambda: self._body(work)).switch()

    def _body(self, work: Callable[[], T]) -> None:
        try:
            result = work()
        except GreenletExit:
            raise  # collected after the connection ended: nothing to tell
        except KeyboardInterrupt as exc:
            self._settle(exc=GivenUp("interrupted"))
            self._loop.call_soon(self._caller.throw, exc)  # the caller's Ctrl-C, not ours
            return
        except Exception as exc:
            self._settle(exc=exc)
            return
        self._settle(result=result)

    def _settle(self, *, result: Any = None, exc: BaseException | None = None) -> None:
        """Keep how the work ended; the future only signals that it has (so no error of it
        is ever left unread in asyncio's logs)."""
        if self._future.done() or self._loop.is_closed():
            return
        self._result, self._error = result, exc
        self._future.set_result(None)

    @property
    def done(self) -> bool:
        return self._future.done()

    def wait(self) -> T:
        """The work's result, waiting for it as a sync call waits (so other greenlets go on);
        its error, or GivenUp when the connection ended before it finished."""
        future, dispatcher = self._future, self._dispatcher
        me = greenlet.getcurrent()
        waiting = True

        def resume(_: object) -> None:
            if waiting:
                me.switch()

        future.add_done_callback(resume)
        try:
            while not future.done():
                if dispatcher.dead:
                    raise GivenUp("Playwright's connection ended")
                dispatcher.switch()
        finally:
            waiting = False
            future.remove_done_callback(resume)
            if not dispatcher.dead:  # as Playwright's own waits leave it (see wait_for_future)
                asyncio._set_running_loop(self._loop)
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[no-any-return]

    def give_up(self) -> None:
        """Never start the work if it has not started; its waiter gets GivenUp."""
        self._settle(exc=GivenUp("given up"))


def deliver(exc: BaseException) -> None:
    """Raise ``exc`` (from a signal handler) in this thread's main greenlet: at once when it
    is the one running; else, handed on by the event loop, at its next sync call. Elsewhere it
    would be raised inside Playwright's dispatcher or an event handler's greenlet, and end the
    asyncio task that reads the driver's messages: Playwright's connection with it."""
    here = greenlet.getcurrent()
    root = here
    while root.parent is not None:
        root = root.parent
    if here is root:
        raise exc
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise exc from None
    loop.call_soon_threadsafe(root.throw, exc)
