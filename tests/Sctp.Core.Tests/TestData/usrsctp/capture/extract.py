#!/usr/bin/env python3
"""Turns a tshark capture of SCTP over UDP into a test-vector text file (format: see ../README.md).

usage: extract.py CAPTURE OUT.txt UDP_PORTS ROLES FRAMES HEADER [KEY=NOTE ...]
  UDP_PORTS  comma-separated UDP ports tshark should decode as SCTP
  ROLES      comma-separated PORT:NAME pairs naming each side by its UDP port (client, server, probe...)
  FRAMES     "all", or a comma-separated selection of frame numbers (7), ranges (1-14), the first or
             last frames (first:14, last:3), and every frame holding a chunk type (chunk:192)
  HEADER     the file's leading comment lines, separated by a literal \n
  KEY=NOTE   a note appended to a packet's comment; KEY is a frame number, or a chunk name (INIT,
             SHUTDOWN...) for every packet that starts with that chunk
Every kept packet's CRC32c must be one tshark reports good.
"""
import subprocess
import sys

CHUNKS = {0: "DATA", 1: "INIT", 2: "INIT-ACK", 3: "SACK", 4: "HEARTBEAT", 5: "HEARTBEAT-ACK", 6: "ABORT",
          7: "SHUTDOWN", 8: "SHUTDOWN-ACK", 9: "ERROR", 10: "COOKIE-ECHO", 11: "COOKIE-ACK", 12: "ECNE",
          13: "CWR", 14: "SHUTDOWN-COMPLETE", 15: "AUTH", 16: "NR-SACK", 64: "I-DATA", 128: "ASCONF-ACK",
          129: "PKT-DROP", 130: "RE-CONFIG", 132: "PAD",
          192: "FORWARD-TSN", 193: "ASCONF", 194: "I-FORWARD-TSN"}
PARAMS = {0x0005: "IPv4 Address", 0x0006: "IPv6 Address", 0x0007: "State Cookie",
          0x0008: "Unrecognized Parameter", 0x0009: "Cookie Preservative", 0x000C: "Supported Address Types",
          0x8000: "ECN Capable", 0x8002: "Random", 0x8003: "Chunk List", 0x8004: "HMAC Algorithm",
          0x8008: "Supported Extensions", 0xC000: "Forward-TSN-Supported", 0xC006: "Adaptation Layer Indication"}
CAUSES = {1: "Invalid Stream Identifier", 2: "Missing Mandatory Parameter", 3: "Stale Cookie",
          4: "Out of Resource", 5: "Unresolvable Address", 6: "Unrecognized Chunk Type",
          7: "Invalid Mandatory Parameter", 8: "Unrecognized Parameters", 9: "No User Data",
          10: "Cookie Received While Shutting Down", 11: "Restart of an Association with New Addresses",
          12: "User-Initiated Abort", 13: "Protocol Violation"}


def walk_tlvs(region):
    out = []
    pos = 0
    while pos + 4 <= len(region):
        t, l = int.from_bytes(region[pos:pos + 2], "big"), int.from_bytes(region[pos + 2:pos + 4], "big")
        out.append((t, region[pos + 4:pos + l]))
        pos += l + (-l % 4)
    return out


def chunk_types(payload):
    types, pos = [], 12
    while pos + 4 <= len(payload):
        length = int.from_bytes(payload[pos + 2:pos + 4], "big")
        types.append(payload[pos])
        pos += max(4, length + (-length % 4))
    return types


def select(spec, fields):
    numbers = [int(f[0]) for f in fields]
    if spec == "all":
        return set(numbers)
    wanted = set()
    for part in spec.split(","):
        if part.startswith("first:"):
            wanted.update(numbers[:int(part[6:])])
        elif part.startswith("last:"):
            wanted.update(numbers[-int(part[5:]):])
        elif part.startswith("chunk:"):
            wanted.update(int(f[0]) for f in fields if int(part[6:]) in chunk_types(bytes.fromhex(f[4])))
        elif "-" in part:
            a, b = part.split("-")
            wanted.update(range(int(a), int(b) + 1))
        else:
            wanted.add(int(part))
    return wanted


def chunk_name(t):
    return CHUNKS.get(t, "0x%02X" % t)


def main():
    pcap, out, ports, roles, frames, header = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5], sys.argv[6]
    notes = {}
    for arg in sys.argv[7:]:
        key, text = arg.split("=", 1)
        notes[int(key) if key.isdigit() else key] = text
    role_of = {}
    for pair in roles.split(","):
        port, role = pair.split(":")
        role_of[port] = role
    cmd = ["tshark", "-r", pcap, "-o", "sctp.checksum:CRC-32C", "-T", "fields",
           "-e", "frame.number", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "sctp.checksum.status",
           "-e", "udp.payload"]
    for p in ports:
        cmd[3:3] = ["-d", "udp.port==%s,sctp" % p]
    rows = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    wanted = select(frames, [row.split("\t") for row in rows])
    lines = header.split("\\n")
    lines.append("#")
    count = 0
    for row in rows:
        f = row.split("\t")
        number = int(f[0])
        if number not in wanted:
            continue
        if f[3] != "1":
            sys.exit("frame %d: tshark does not report a good CRC32c" % number)
        payload = bytes.fromhex(f[4])
        chunks = []
        pos = 12
        while pos + 4 <= len(payload):
            ctype, cflags, clen = payload[pos], payload[pos + 1], int.from_bytes(payload[pos + 2:pos + 4], "big")
            chunks.append((ctype, cflags, payload[pos + 4:pos + clen]))
            pos += clen + (-clen % 4)
        types = [c[0] for c in chunks]
        desc = []
        for ctype, cflags, value in chunks:
            if ctype in (1, 2):
                tlvs = walk_tlvs(value[16:])
                desc.append("parameters: " + (", ".join(PARAMS.get(t, "0x%04X" % t) for t, _ in tlvs) or "none"))
            elif ctype in (6, 9):
                tlvs = walk_tlvs(value)
                desc.append(("T bit set; " if cflags & 1 else "") +
                            ("causes: " + ", ".join(CAUSES.get(t, "0x%04X" % t) for t, _ in tlvs) if tlvs else "no error cause"))
            elif ctype == 0:
                desc.append("stream %d, %d bytes of user data" % (int.from_bytes(value[4:6], "big"), len(value) - 12))
        for key in (number, chunk_name(types[0])):
            if key in notes:
                desc.append(notes[key])
        src, dst = role_of[f[1]], role_of[f[2]]
        name = "%03d-%s" % (number, src)
        lines.append("# [%s] %s -> %s%s" % (", ".join(chunk_name(t) for t in types), src, dst,
                                              (": " + "; ".join(desc)) if desc else ""))
        lines.append("%s %s" % (name, f[4]))
        count += 1
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("%s: %d packets" % (out, count))


if __name__ == "__main__":
    main()
