"""Run code in a kernel of a student's server through the Jupyter REST and websocket APIs (for tests and the load test).

Uses only the standard library and websocket-client (both in requirements.txt). One `KernelSession` is one kernel:
`execute(code)` sends an execute_request on the shell channel and collects what comes back on IOPub until the
kernel is idle again, including widget updates (comm messages), since the lab's widgets draw their picture by
setting an Output widget's outputs.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from dataclasses import dataclass, field

import websocket


@dataclass
class Reply:
    status: str = "ok"
    outputs: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stderr: str = ""
    first_picture_at: float | None = None  # time.time() of the first picture (an image in an output or widget)


def has_picture(content: dict) -> bool:
    """True for a display_data/execute_result with an image, or a widget update whose outputs hold one."""
    data = content.get("data") or {}
    if "image/png" in data or "<img" in str(data.get("text/html", "")):
        return True
    state = data.get("state") or {}
    for output in state.get("outputs") or []:
        if has_picture(output):
            return True
    return False


class KernelSession:
    def __init__(self, server_url: str, token: str, timeout: float = 300) -> None:
        self.server_url, self.token, self.timeout = server_url.rstrip("/"), token, timeout
        self.kernel_id = self._rest("POST", "/api/kernels", {"name": "python3"})["id"]
        ws_url = self.server_url.replace("http://", "ws://", 1) + f"/api/kernels/{self.kernel_id}/channels"
        self.ws = websocket.create_connection(
            ws_url, header=[f"Authorization: token {token}"], timeout=timeout, suppress_origin=True
        )
        self.session = uuid.uuid4().hex

    def _rest(self, method: str, path: str, body: dict | None = None):
        req = urllib.request.Request(
            self.server_url + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def execute(self, code: str) -> Reply:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {
                "msg_id": msg_id,
                "username": "plate-trails",
                "session": self.session,
                "msg_type": "execute_request",
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": {"code": code, "silent": False, "store_history": True, "allow_stdin": False},
            "channel": "shell",
            "buffers": [],
        }
        self.ws.send(json.dumps(message))
        reply = Reply()
        deadline = time.time() + self.timeout
        idle = replied = False
        while not (idle and replied):
            if time.time() > deadline:
                raise TimeoutError("the kernel did not finish the cell in time")
            raw = self.ws.recv()
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                replied = True
                reply.status = content["status"]
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "stream":
                if content.get("name") == "stderr":
                    reply.stderr += content["text"]
                reply.outputs.append(content)
            elif kind == "error":
                reply.errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind in ("display_data", "execute_result", "update_display_data", "comm_msg", "comm_open"):
                reply.outputs.append(content)
                if reply.first_picture_at is None and has_picture(content):
                    reply.first_picture_at = time.time()
        return reply

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            try:
                self._rest("DELETE", f"/api/kernels/{self.kernel_id}")
            except Exception:
                pass
