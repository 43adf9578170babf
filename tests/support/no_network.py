"""IPython start-up file used by the notebook tests: any connection that leaves this machine is refused and logged."""

import ipaddress
import os
import socket

_LOG = os.environ.get("PLATETRAILS_NETWORK_LOG", "")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(address) -> None:
    if _LOG:
        with open(_LOG, "a") as log:
            log.write(f"{address!r}\n")
    raise OSError(f"Plate Trails notebooks must not use the network (tried {address!r})")


def _connect(self, address):
    if not _is_local(address):
        _refuse(address)
    return _real_connect(self, address)


def _connect_ex(self, address):
    if not _is_local(address):
        _refuse(address)
    return _real_connect_ex(self, address)


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
