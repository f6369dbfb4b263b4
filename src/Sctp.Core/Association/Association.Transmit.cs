using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp;

public sealed partial class Association
{
    /// <summary>
    /// Writes the next packet to send to <see cref="Remote"/> into <paramref name="buffer"/>, which must
    /// hold at least <see cref="TransportConfig.MaxPacketSize"/> bytes (path MTU discovery may grow packets
    /// up to it); returns its length, or 0 when there is nothing to send now. Call it until it returns 0.
    /// When <see cref="LastPacketMayFragment"/> is then true, send the packet with IP fragmentation allowed.
    /// </summary>
    /// <remarks>
    /// A packet carries, in this order (RFC 9260 section 6.10): pending control chunks, a SACK when one is
    /// due (or when data goes out anyway and something is unacknowledged), FORWARD-TSN and RE-CONFIG when
    /// pending, then DATA: retransmissions first (section 6.3.3, rule E3; section 7.2.4), then new data
    /// as the congestion and receive windows allow (section 6.1).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than <see cref="TransportConfig.MaxPacketSize"/>.</exception>
    public int PollTransmit(TimeSpan now, Span<byte> buffer)
    {
        if (buffer.Length < _config.MaxPacketSize)
        {
            throw new ArgumentException($"The buffer has {buffer.Length} bytes; packets of this association need {_config.MaxPacketSize}.", nameof(buffer));
        }

        LastPacketMayFragment = false;
        MaybeStartPathMtuDiscovery();
        var packet = buffer[..PacketSizeLimit()];

        // Chunks that must travel alone (INIT, SHUTDOWN COMPLETE) or under another tag (a T-bit reply)
        // get a packet of their own.
        if (_control.TryPeek(out var head) && (head.Alone || head.Tag is not null))
        {
            _control.Dequeue();
            var single = new PacketWriter(packet, new CommonHeader(LocalPort, RemotePort, head.Tag ?? PeerTag));
            single.TryAdd(head.Chunk);
            return Sent(ref single, zeroChecksum: false, chunks: 1);
        }

        // RFC 8899 section 6.2: a path MTU probe goes in a packet of its own, ahead of DATA.
        if (ProbeDue && !IsClosed)
        {
            return WriteProbe(now, buffer);
        }

        var writer = new PacketWriter(packet, new CommonHeader(LocalPort, RemotePort, PeerTag));
        int chunks = 0;
        bool needsChecksum = false;
        bool carriesCookieEcho = false;
        while (_control.TryPeek(out var control) && !control.Alone && control.Tag is null && writer.TryAdd(control.Chunk))
        {
            _control.Dequeue();
            chunks++;

            // RFC 9653 section 5.1: packets that may reach a peer with no association state keep their CRC.
            needsChecksum |= control.Chunk.Type is ChunkType.CookieEcho or ChunkType.Abort or ChunkType.ShutdownComplete;
            carriesCookieEcho |= control.Chunk.Type == ChunkType.CookieEcho;
        }

        if (!IsClosed && CanSendData)
        {
            chunks += WriteSackIfDue(now, ref writer, HasDataToSend(now));
            chunks += WritePendingForwardTsn(now, ref writer);
            chunks += WritePendingReconfig(now, ref writer);
            int dataChunks = WriteData(now, ref writer);
            chunks += dataChunks;

            // RFC 3758 section 3.5, rules A3 and C3: retransmissions abandoned while writing DATA move the
            // Advanced.Peer.Ack.Point, and the FORWARD-TSN goes out at once. It may join this packet only
            // when no DATA went in: RFC 9260 section 6.10 puts control chunks ahead of DATA, and usrsctp
            // aborts on a FORWARD-TSN after DATA. Otherwise the next call, which the caller makes at once
            // because this one returned a packet, carries it first.
            if (dataChunks == 0)
            {
                chunks += WritePendingForwardTsn(now, ref writer);
            }
        }
        else if (_state == AssociationState.CookieEchoed && carriesCookieEcho)
        {
            // RFC 9260 section 5.1, step D: DATA may ride in the packet of the COOKIE ECHO, after it.
            chunks += WriteData(now, ref writer);
        }
        else if (!IsClosed && _state >= AssociationState.Established)
        {
            chunks += WriteSackIfDue(now, ref writer, dataWillFollow: false);
        }

        if (chunks == 0)
        {
            return 0;
        }

        return Sent(ref writer, AcceptsZeroChecksum && !needsChecksum, chunks);
    }

    private int Sent(ref PacketWriter writer, bool zeroChecksum, int chunks)
    {
        int length = writer.Complete(zeroChecksum);
        LastPacketMayFragment = length > _pathMtu;
        Stats.PacketsSent++;
        Stats.BytesSent += length;
        Stats.ChunksSent += chunks;
        return length;
    }

    /// <summary>True in the states where DATA (new or retransmitted) and the chunks that go with it may be sent.</summary>
    private bool CanSendData => _state is AssociationState.Established
        or AssociationState.ShutdownPending
        or AssociationState.ShutdownReceived;
}
