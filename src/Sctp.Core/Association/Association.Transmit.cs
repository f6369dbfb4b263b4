using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp;

public sealed partial class Association
{
    /// <summary>
    /// Writes the next packet to send to <see cref="Remote"/> into <paramref name="buffer"/>, which must
    /// hold at least <see cref="TransportConfig.Mtu"/> bytes; returns its length, or 0 when there is nothing
    /// to send now. Call it until it returns 0.
    /// </summary>
    /// <remarks>
    /// A packet carries, in this order (RFC 9260 section 6.10): pending control chunks, a SACK when one is
    /// due (or when data goes out anyway and something is unacknowledged), FORWARD-TSN and RE-CONFIG when
    /// pending, then DATA: retransmissions first (section 6.3.3, rule E3; section 7.2.4), then new data
    /// as the congestion and receive windows allow (section 6.1).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than the MTU.</exception>
    public int PollTransmit(TimeSpan now, Span<byte> buffer)
    {
        if (buffer.Length < _config.Mtu)
        {
            throw new ArgumentException($"The buffer has {buffer.Length} bytes; packets of this association need {_config.Mtu}.", nameof(buffer));
        }

        var packet = buffer[.._config.Mtu];

        // Chunks that must travel alone (INIT, SHUTDOWN COMPLETE) or under another tag (a T-bit reply)
        // get a packet of their own.
        if (_control.TryPeek(out var head) && (head.Alone || head.Tag is not null))
        {
            _control.Dequeue();
            var single = new PacketWriter(packet, new CommonHeader(LocalPort, RemotePort, head.Tag ?? PeerTag));
            single.TryAdd(head.Chunk);
            return Sent(ref single, zeroChecksum: false, chunks: 1);
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
            chunks += WriteData(now, ref writer);

            // RFC 3758 section 3.5, rules A3 and C3: retransmissions abandoned while writing DATA move the
            // Advanced.Peer.Ack.Point, and the FORWARD-TSN goes out at once, in this packet, rather than
            // waiting for the next call (which may only come with the next timer, as none may be due).
            chunks += WritePendingForwardTsn(now, ref writer);
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
