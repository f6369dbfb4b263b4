namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the parameters whose value is a run of bytes this codec does not look into (State Cookie,
/// Heartbeat Info, Random, Unrecognized Parameter). The parameter owns a copy of the bytes.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Parameter Type         |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                          Opaque Bytes                         /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class OpaqueParameter : Parameter
{
    private readonly byte[] _data;

    /// <summary>Copies <paramref name="data"/>; throws when it cannot fit in a parameter.</summary>
    private protected OpaqueParameter(ReadOnlySpan<byte> data, string paramName)
    {
        ParameterWire.ThrowIfValueTooLong(data.Length, paramName);
        _data = data.ToArray();
    }

    /// <summary>The value bytes, unpadded.</summary>
    private protected ReadOnlyMemory<byte> Data => _data;

    /// <inheritdoc/>
    public sealed override int ValueLength => _data.Length;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) => _data.CopyTo(destination);
}
