"""Plain messages instead of tracebacks for what a student can meet: a damaged data file, a cell that wants more
memory or more processes than one person may use, a full folder. Worded for the place the lab runs: on a class hub
a student cannot run commands, so the message says to ask the teacher.

`install(shell)` is called by `lab.start()`; the class hub's kernels also load it as an IPython extension
(hub/setup.sh), so the limits' messages hold even in a cell run before the lab starts.
"""

from __future__ import annotations

import errno
import os

from IPython.display import Markdown, display

from platetrails.data import DataFileError
from platetrails.i18n import _

HANDLED = (DataFileError, MemoryError, OSError, RuntimeError)


def on_class_hub() -> bool:
    """True in a server that JupyterHub started (it sets JUPYTERHUB_USER), where students run no commands."""
    return bool(os.environ.get("JUPYTERHUB_USER"))


def memory_limit_words() -> str:
    """'1 GiB', from the limit the hub passes on (MEM_LIMIT, in bytes), or '' when there is none."""
    try:
        limit = int(os.environ.get("MEM_LIMIT", "0"))
    except ValueError:
        return ""
    if limit <= 0:
        return ""
    gib = limit / 1024**3
    return f"{gib:g} GiB" if gib >= 1 else f"{limit // 1024**2} MiB"


def message_for(error: BaseException) -> str | None:
    """The plain sentence for an error a student can meet, or None for any other error (shown as usual)."""
    if isinstance(error, DataFileError):
        if on_class_hub():
            return error.problem + " " + _("Ask your teacher: the lab's files on the class server need mending.")
        return str(error)
    if isinstance(error, MemoryError):
        limit = memory_limit_words()
        where = (
            _("more memory than one person may use on the class server ({limit})").format(limit=limit)
            if on_class_hub() and limit
            else _("more memory than this computer can give it")
        )
        return _(
            "This cell asked for {where}, so it was stopped. Your notebook and your answers are safe. "
            "Run the cell again with smaller numbers, or restart the kernel (Kernel, then Restart Kernel)."
        ).format(where=where)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "Your folder is full, so nothing more can be saved. Delete files you made and no longer need{ask}."
        ).format(ask=_(", or ask your teacher") if on_class_hub() else "")
    too_many = isinstance(error, BlockingIOError) or (
        isinstance(error, RuntimeError) and "can't start new thread" in str(error)
    )
    if too_many:
        return _(
            "This cell tried to start more programs at once than one person may run{where}, so it was stopped. "
            "Restart the kernel (Kernel, then Restart Kernel) and run the notebook again."
        ).format(where=_(" on the class server") if on_class_hub() else "")
    return None


def _show(shell, etype, value, tb, tb_offset=None) -> None:
    """IPython's custom exception handler: one bold plain sentence instead of a traceback, or the usual traceback
    for any other error."""
    text = message_for(value)
    if text is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    else:
        display(Markdown(f"**{text}**"))


def install(shell) -> None:
    """Show the errors above as plain sentences in this IPython shell."""
    if shell is not None:
        shell.set_custom_exc(HANDLED, _show)


def load_ipython_extension(shell) -> None:
    """`%load_ext platetrails.plain_errors`, or the hub kernels' `c.InteractiveShellApp.extensions`."""
    install(shell)
