"""Imported by Python at start-up (site.py finds it through PYTHONPATH) in every Python program the
book's local runtime starts: a socket binds to this machine only (127.0.0.1), never to the network,
whatever address the code asks for. The lecture's servers bind '' (every interface); run from the
book, they must not become reachable by everyone on the reader's network."""

import ipaddress
import socket
import sys

_bind = socket.socket.bind


def _is_loopback(host):
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _loopback(sock):
    if sock.family == socket.AF_INET:
        return "127.0.0.1"
    # A dual-stack socket bound to the IPv4-mapped loopback still answers 127.0.0.1, which is where
    # the runtime's preview and inspector connect.
    try:
        v6only = sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)
    except OSError:
        v6only = 1
    return "::1" if v6only else "::ffff:127.0.0.1"


def _bind_on_loopback(self, address):
    if (
        self.family in (socket.AF_INET, socket.AF_INET6)
        and isinstance(address, tuple)
        and address
        and isinstance(address[0], str)
        and not _is_loopback(address[0])
    ):
        host = _loopback(self)
        asked = address[0]
        if asked in ("", "0.0.0.0", "::"):
            asked = f"모든 네트워크 주소({asked or repr('')})"
        print(
            f"[로컬 실행기] {asked} 대신 {host} 에서만 듣습니다: 이 컴퓨터 밖에서는 접속할 수 없습니다.",
            file=sys.stderr,
        )
        address = (host,) + tuple(address[1:])
    return _bind(self, address)


socket.socket.bind = _bind_on_loopback
