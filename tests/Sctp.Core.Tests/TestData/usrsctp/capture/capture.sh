#!/usr/bin/env bash
# Captures the usrsctp test vectors of the folder above again (format and scenarios: ../README.md).
# Needs root (tshark listens on lo), the Debian packages libusrsctp-examples and tshark, and python3.
# Takes about two and a half minutes, most of it waiting for a State Cookie to go stale. Every packet
# differs from one run to the next (tags, TSNs, cookies, timing), so tests must not pin captured values.
#
# usage: capture.sh [OUTPUT_DIR]     (default: the folder above this script)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(dirname "$here")}
bin=/usr/lib/usrsctp
work=$(mktemp -d)
mkdir -p "$out"

# Every process started here is remembered and ended by its id on exit, and only those.
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# capture FILE FILTER SECONDS: records lo for SECONDS in the background; sets $capture.
capture() {
  tshark -q -i lo -f "$2" -a "duration:$3" -w "$work/$1" >"$work/$1.log" 2>&1 &
  capture=$!
  pids+=("$capture")
  sleep 2
}

# start LOG PROGRAM ARGS...: starts a program in the background; sets $started.
start() {
  local log=$1
  shift
  "$@" >"$work/$log" 2>&1 &
  started=$!
  pids+=("$started")
}

version=$(dpkg-query -W -f '${Version}' libusrsctp2)
tshark_version=$(tshark --version 2>/dev/null | head -1 | awk '{print $3}')
today=$(date -u +%F)
common="# usrsctp $version (Debian libusrsctp2, $bin example programs), captured $today on 127.0.0.1\n# with tshark $tshark_version (Wireshark's dissector reported every CRC32c good). Each packet is the UDP payload\n# (RFC 6951): the whole SCTP packet. Format: see README.md."
extract() { python3 "$here/extract.py" "$@"; }
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

echo "echo session"
capture echo.pcapng 'udp port 11111 or udp port 22222' 15
start echo-server.log "$bin/echo_server" 11111 22222
server=$started
sleep 1
(echo "hello"; sleep 1; echo "second line"; sleep 1; echo "a third, longer line of text for the echo server"; sleep 2) \
  | timeout 20 "$bin/client" 127.0.0.1 7 0 22222 11111 >"$work/echo-client.log" 2>&1 || true
sleep 2
stop "$server"
wait "$capture" || true
extract "$work/echo.pcapng" "$out/echo-session.txt" 11111,22222 11111:server,22222:client all \
  "# Scenario: echo_server and client (SCTP port 7, UDP encapsulation ports 11111 and 22222).\n#   echo_server 11111 22222; client 127.0.0.1 7 0 22222 11111 with three stdin lines, then EOF\n#   (EOF makes the client shut the association down).\n$common" \
  INIT="the client lists all its local addresses" COOKIE-ECHO="the cookie follows a usrsctp-specific header" \
  SHUTDOWN="EOF on the client's stdin" SHUTDOWN-COMPLETE="association closed"

echo "tsctp bulk transfer"
capture tsctp.pcapng 'udp port 9898 or udp port 9899' 14
start tsctp-server.log "$bin/tsctp" -E 9899 -p 5001
server=$started
sleep 1
timeout 10 "$bin/tsctp" -E 9898 -U 9899 -p 5001 -l 1200 -n 20 127.0.0.1 >"$work/tsctp-client.log" 2>&1 || true
sleep 3
stop "$server"
wait "$capture" || true
extract "$work/tsctp.pcapng" "$out/tsctp-bulk.txt" 9898,9899 9899:server,9898:client all \
  "# Scenario: tsctp bulk transfer of 20 messages of 1,200 bytes (SCTP port 5001, UDP ports 9898 and 9899).\n#   tsctp -E 9899 -p 5001 (server); tsctp -E 9898 -U 9899 -p 5001 -l 1200 -n 20 127.0.0.1 (client)\n$common"

echo "PR-SCTP"
capture prsctp.pcapng 'udp port 9898 or udp port 9899' 16
start prsctp-server.log "$bin/tsctp" -E 9899 -p 5001 -R 20000
server=$started
sleep 1
timeout 10 "$bin/tsctp" -E 9898 -U 9899 -p 5001 -l 1200 -n 3000 -P 1 -t 1 127.0.0.1 >"$work/prsctp-client.log" 2>&1 || true
sleep 4
stop "$server"
wait "$capture" || true
extract "$work/prsctp.pcapng" "$out/prsctp-forward-tsn.txt" 9898,9899 9899:server,9898:client first:14,chunk:192,last:3 \
  "# Scenario: tsctp with PR-SCTP (timed reliability, 1 ms lifetime) against a server with a 20,000-byte\n# receive buffer: the sender abandons messages and moves the peer's cumulative TSN on with FORWARD-TSN.\n# Of the 3,000 messages of 1,200 bytes sent, only the first 14 packets, every packet with a FORWARD-TSN\n# and the last 3 are kept (names carry the frame numbers of the full capture).\n#   tsctp -E 9899 -p 5001 -R 20000; tsctp -E 9898 -U 9899 -p 5001 -l 1200 -n 3000 -P 1 -t 1 127.0.0.1\n$common" \
  FORWARD-TSN="FORWARD-TSN bundled ahead of new data"

echo "errors provoked by the probe"
capture probe.pcapng 'udp port 11111 or udp port 33333' 22
start probe-server.log "$bin/echo_server" 11111 33333
server=$started
sleep 1
timeout 30 python3 "$here/probe.py" errors 11111 33333
sleep 1
stop "$server"
wait "$capture" || true
extract "$work/probe.pcapng" "$out/errors-probe.txt" 11111,33333 11111:usrsctp,33333:probe all \
  "# Scenario: a scripted peer (capture/probe.py, speaking just enough SCTP over UDP; its packets are ours,\n# not usrsctp's) provokes echo_server (UDP port 11111) into ERROR and ABORT chunks:\n#   SCTP port 5001: INIT with an unknown parameter 0xC0DE (reported back in the INIT-ACK), an unknown\n#     chunk type 0x4A (ERROR: Unrecognized Chunk Type), DATA to stream 200 (ERROR: Invalid Stream\n#     Identifier), DATA with no user data (ABORT: No User Data);\n#   SCTP port 5002: a SACK acknowledging a TSN never sent (ABORT: Protocol Violation);\n#   SCTP ports 5003, 5004: INIT with a zero initiate tag, INIT with zero outbound streams (ABORT: Invalid\n#     Mandatory Parameter);\n#   SCTP port 5005: out-of-the-blue DATA, which usrsctp silently drops.\n$common" \
  1="the unknown parameter 0xC0DE (upper bits 11: skip and report) has a 3-byte value" \
  2="the unknown parameter comes back inside an Unrecognized Parameter" \
  5="unknown chunk type 0x4A (upper bits 01: stop and report) with a 5-byte value" \
  6="the unrecognized chunk is echoed with its 3 padding bytes" 9="DATA without user data" \
  15="cumulative TSN ack 1,000 past anything sent" 17="initiate tag 0" 19="zero outbound streams" \
  21="out-of-the-blue DATA; no answer"

echo "restart with a new address"
capture restart.pcapng 'udp port 11113 or udp port 33335' 10
start restart-server.log "$bin/echo_server" 11113 33335
server=$started
sleep 1
timeout 15 python3 "$here/probe.py" restart 11113 33335
sleep 1
stop "$server"
wait "$capture" || true
extract "$work/restart.pcapng" "$out/restart-new-address.txt" 11113,33335 11113:usrsctp,33335:probe all \
  "# Scenario: the probe (capture/probe.py, not usrsctp) sets up an association with echo_server, then sends\n# a new INIT (restart) that lists an IPv4 address the association does not have (10.1.2.3): usrsctp\n# answers with an ABORT that carries no error cause.\n$common" \
  5="restart INIT listing the new address 10.1.2.3"

echo "user-initiated abort"
capture userabort.pcapng 'udp port 11114 or udp port 33336' 10
start daytime-server.log "$bin/daytime_server" 11114 33336
server=$started
sleep 1
timeout 15 python3 "$here/probe.py" userabort 11114 33336
sleep 1
stop "$server"
wait "$capture" || true
extract "$work/userabort.pcapng" "$out/user-abort.txt" 11114,33336 11114:usrsctp,33336:probe all \
  "# Scenario: the probe (capture/probe.py, not usrsctp) bundles DATA with its COOKIE-ECHO to daytime_server\n# (SCTP port 13), which sends the time and closes at once without reading: usrsctp aborts with\n# User-Initiated Abort (empty reason).\n$common" \
  3="DATA bundled with the COOKIE-ECHO" 5="the daytime string"

echo "missing mandatory parameter"
capture missing.pcapng 'udp port 44444 or udp port 55555' 12
start missing-probe.log timeout 15 python3 "$here/probe.py" server 55555 44444
probe=$started
sleep 0.5
sleep 4 | timeout 6 "$bin/client" 127.0.0.1 7 0 44444 55555 >"$work/missing-client.log" 2>&1 || true
wait "$probe" || true
wait "$capture" || true
extract "$work/missing.pcapng" "$out/missing-parameter.txt" 44444,55555 44444:usrsctp,55555:probe all \
  "# Scenario: usrsctp's client (UDP port 44444) connects to the probe (capture/probe.py, UDP port 55555),\n# which answers with an INIT-ACK that lacks the State Cookie: the client aborts with Missing Mandatory\n# Parameter listing type 7 (State Cookie).\n#   client 127.0.0.1 7 0 44444 55555\n$common" \
  2="INIT-ACK without a State Cookie"

echo "stale cookie (about 70 seconds)"
capture stale.pcapng 'udp port 11112 or udp port 33334' 75
start stale-server.log "$bin/echo_server" 11112 33334
server=$started
sleep 1
timeout 80 python3 "$here/probe.py" stale 11112 33334 65
sleep 1
stop "$server"
wait "$capture" || true
extract "$work/stale.pcapng" "$out/stale-cookie.txt" 11112,33334 11112:usrsctp,33334:probe all \
  "# Scenario: the probe (capture/probe.py, not usrsctp) sends INIT to echo_server, then waits 65 seconds\n# (usrsctp's cookie lifetime is 60 s) before echoing the cookie: usrsctp answers with ERROR Stale Cookie.\n$common" \
  3="the cookie, 65 s after the INIT-ACK"

rm -rf "$work"
