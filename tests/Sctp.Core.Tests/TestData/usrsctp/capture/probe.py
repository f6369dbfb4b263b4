#!/usr/bin/env python3
"""A scripted SCTP-over-UDP peer (RFC 6951) that provokes usrsctp's example programs into sending
ERROR and ABORT chunks with error causes. It speaks just enough SCTP to finish a handshake; its own
packets are hand-built and are not meant as reference encodings.

usage:
  probe.py errors    SERVER_UDP_PORT LOCAL_UDP_PORT       (echo_server: causes 6, 1, 9, 13, 7)
  probe.py restart   SERVER_UDP_PORT LOCAL_UDP_PORT       (echo_server: restart listing a new address)
  probe.py userabort SERVER_UDP_PORT LOCAL_UDP_PORT       (daytime_server: cause 12)
  probe.py stale     SERVER_UDP_PORT LOCAL_UDP_PORT SECS  (echo_server: cause 3, after SECS seconds)
  probe.py server    LOCAL_UDP_PORT CLIENT_UDP_PORT       (as the server of usrsctp's client: cause 2)
"""
import socket
import struct
import sys
import time

SERVER = "127.0.0.1"


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = _crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc = CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def pad4(b):
    return b + b"\x00" * (-len(b) % 4)


def chunk(ctype, flags, value):
    return pad4(struct.pack("!BBH", ctype, flags, 4 + len(value)) + value)


def tlv(ptype, value):
    return struct.pack("!HH", ptype, 4 + len(value)) + value


def packet(src_port, dst_port, tag, chunks):
    body = struct.pack("!HHII", src_port, dst_port, tag, 0) + b"".join(chunks)
    # RFC 9260 appendix A: the CRC32c goes out least significant byte first.
    return body[:8] + struct.pack("<I", crc32c(body)) + body[12:]


def init_chunk(ctype, tag, os_=10, mis=10, tsn=1000, extra=b""):
    return chunk(ctype, 0, struct.pack("!IIHHI", tag, 65536, os_, mis, tsn) + extra)


class Peer:
    def __init__(self, sock, udp_port, src_port, tag, dst_port=7, tsn=1000):
        self.sock, self.udp_port, self.src_port, self.dst_port = sock, udp_port, src_port, dst_port
        self.tag, self.tsn = tag, tsn
        self.peer_tag = self.peer_tsn = 0

    def send(self, tag, *chunks):
        self.sock.sendto(packet(self.src_port, self.dst_port, tag, chunks), (SERVER, self.udp_port))

    def recv(self, timeout=1.0):
        self.sock.settimeout(timeout)
        out = []
        try:
            while True:
                out.append(self.sock.recvfrom(65536)[0])
                self.sock.settimeout(0.3)
        except socket.timeout:
            pass
        return out

    def cookie_from(self, packets):
        """Reads the peer's tag and TSN and the State Cookie from an INIT-ACK among packets."""
        for p in packets:
            if p[12] != 2:
                continue
            self.peer_tag, _, _, _, self.peer_tsn = struct.unpack("!IIHHI", p[16:32])
            pos, end = 32, 12 + struct.unpack("!H", p[14:16])[0]
            while pos + 4 <= end:
                ptype, plen = struct.unpack("!HH", p[pos:pos + 4])
                if ptype == 7:
                    return p[pos + 4:pos + plen]
                pos += plen + (-plen % 4)
        raise RuntimeError("no INIT-ACK with a State Cookie")

    def handshake(self, extra=b""):
        self.send(0, init_chunk(1, self.tag, tsn=self.tsn, extra=extra))
        cookie = self.cookie_from(self.recv())
        self.send(self.peer_tag, chunk(10, 0, cookie))
        if not any(p[12] == 11 for p in self.recv()):
            raise RuntimeError("no COOKIE-ACK")

    def data(self, stream, payload):
        value = struct.pack("!IHHI", self.tsn, stream, 0, 0) + payload
        self.tsn += 1
        return chunk(0, 0x03, value)


def bound_socket(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((SERVER, port))
    return sock


def errors(server_udp, local_udp):
    sock = bound_socket(local_udp)
    # An unknown parameter with upper bits 11 (skip and report) comes back in the INIT-ACK; an unknown
    # chunk type 0x4A (upper bits 01: stop and report) gives ERROR Unrecognized Chunk Type; DATA to a
    # stream beyond those negotiated gives ERROR Invalid Stream Identifier; DATA without user data
    # gives ABORT No User Data.
    p = Peer(sock, server_udp, 5001, 0x11223344)
    p.handshake(extra=tlv(0xC0DE, b"\xde\xad\xbe"))
    p.send(p.peer_tag, chunk(0x4A, 0, b"\x01\x02\x03\x04\x05"))
    p.recv()
    p.send(p.peer_tag, p.data(200, b"to a stream that does not exist"))
    p.recv()
    p.send(p.peer_tag, chunk(0, 0x03, struct.pack("!IHHI", p.tsn, 0, 0, 0)))
    p.recv()
    # A SACK acknowledging a TSN never sent: ABORT Protocol Violation.
    p = Peer(sock, server_udp, 5002, 0x55667788)
    p.handshake()
    p.send(p.peer_tag, chunk(3, 0, struct.pack("!IIHH", (p.peer_tsn + 1000) & 0xFFFFFFFF, 65536, 0, 0)))
    p.recv()
    # INIT with a zero initiate tag, then with zero outbound streams: ABORT Invalid Mandatory Parameter.
    p = Peer(sock, server_udp, 5003, 0)
    p.send(0, init_chunk(1, 0))
    p.recv()
    p = Peer(sock, server_udp, 5004, 0x01020304)
    p.send(0, init_chunk(1, p.tag, os_=0))
    p.recv()
    # Out-of-the-blue DATA (usrsctp stays silent).
    p = Peer(sock, server_udp, 5005, 0x0BADF00D)
    p.send(p.tag, p.data(0, b"out of the blue"))
    p.recv()


def restart(server_udp, local_udp):
    sock = bound_socket(local_udp)
    p = Peer(sock, server_udp, 5012, 0x41414141)
    p.handshake()
    p.send(0, init_chunk(1, 0x51515151, tsn=7000, extra=tlv(5, bytes([10, 1, 2, 3]))))
    p.recv()


def userabort(server_udp, local_udp):
    # daytime_server sends the time and closes at once; the DATA bundled with the COOKIE ECHO is then
    # still unread, so usrsctp aborts with User-Initiated Abort.
    sock = bound_socket(local_udp)
    p = Peer(sock, server_udp, 5013, 0x61616161, dst_port=13)
    p.send(0, init_chunk(1, p.tag, tsn=p.tsn))
    cookie = p.cookie_from(p.recv())
    p.send(p.peer_tag, chunk(10, 0, cookie), p.data(0, b"never read"))
    p.recv(2.0)


def stale(server_udp, local_udp, wait):
    sock = bound_socket(local_udp)
    p = Peer(sock, server_udp, 5010, 0x0A0B0C0D)
    p.send(0, init_chunk(1, p.tag, tsn=p.tsn))
    cookie = p.cookie_from(p.recv())
    time.sleep(wait)
    p.send(p.peer_tag, chunk(10, 0, cookie))
    p.recv()


def server(local_udp, client_udp):
    # Answer the client's INIT with an INIT-ACK that lacks the State Cookie.
    sock = bound_socket(local_udp)
    sock.settimeout(10)
    data, addr = sock.recvfrom(65536)
    src_port, dst_port = struct.unpack("!HH", data[:4])
    peer_tag = struct.unpack("!I", data[16:20])[0]
    sock.sendto(packet(dst_port, src_port, peer_tag, [init_chunk(2, 0x71717171, tsn=9000)]), addr)
    sock.settimeout(2)
    try:
        while True:
            sock.recvfrom(65536)
    except socket.timeout:
        pass


if __name__ == "__main__":
    mode, args = sys.argv[1], [int(a) for a in sys.argv[2:4]]
    if mode == "stale":
        stale(*args, float(sys.argv[4]))
    else:
        {"errors": errors, "restart": restart, "userabort": userabort, "server": server}[mode](*args)
