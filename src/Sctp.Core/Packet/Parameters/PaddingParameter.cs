namespace Sctp.Packet.Parameters;

/// <summary>
/// Padding (RFC 4820 section 3): fills an INIT to a chosen size, typically to probe the path MTU during
/// set-up. The receiver ignores its content, so only its length is kept; it is written as zeros.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4820#section-3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8005   |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                                                               /
/// \                          Padding Data                         \
/// /                                                               /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Because the content is not kept, a parameter parsed from non-zero padding data equals (and writes
/// as) one of zeros of the same length.
/// </remarks>
public sealed class PaddingParameter : Parameter
{
    /// <summary>Creates a parameter with <paramref name="paddingLength"/> bytes of padding data.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paddingLength"/> is negative or above 65,531.</exception>
    public PaddingParameter(int paddingLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paddingLength, ParameterWire.MaxValueLength);
        PaddingLength = paddingLength;
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.Padding;

    /// <summary>The number of padding data bytes (the value length).</summary>
    public int PaddingLength { get; }

    /// <inheritdoc/>
    public override int ValueLength => PaddingLength;

    /// <summary>Parses the parameter; any value length is accepted and its bytes are ignored. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out PaddingParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.Padding, 0, out error))
        {
            return false;
        }

        // RFC 4820 section 3: the receiver ignores the padding data, so it is not read.
        parameter = new PaddingParameter(bytes.Length - RawTlv.HeaderSize);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => destination.Clear();

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({PaddingLength} bytes)";
}
