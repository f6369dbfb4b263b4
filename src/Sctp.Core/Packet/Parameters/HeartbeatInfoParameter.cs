namespace Sctp.Packet.Parameters;

/// <summary>
/// Heartbeat Info (RFC 9260 section 3.3.5): what the sender of a HEARTBEAT puts in it (typically the
/// destination address and the time sent), returned unchanged in the HEARTBEAT ACK. Only its sender
/// interprets it.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Heartbeat Info Type = 1    |        HB Info Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                Sender-Specific Heartbeat Info                 /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class HeartbeatInfoParameter : OpaqueParameter
{
    /// <summary>Creates the parameter with a copy of <paramref name="info"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is longer than 65,531 bytes.</exception>
    public HeartbeatInfoParameter(ReadOnlySpan<byte> info)
        : base(info, nameof(info))
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.HeartbeatInfo;

    /// <summary>The sender-specific information, unpadded.</summary>
    public ReadOnlyMemory<byte> Info => Data;

    /// <summary>Parses the parameter; any value, even empty, is accepted. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HeartbeatInfoParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.HeartbeatInfo, 0, out error))
        {
            return false;
        }

        parameter = new HeartbeatInfoParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
