namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the parameters that carry no value and say something by their presence alone (ECN Capable,
/// Forward-TSN-Supported): a type and a length field of 4.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Parameter Type         |      Parameter Length = 4     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class EmptyParameter : Parameter
{
    private protected EmptyParameter()
    {
    }

    /// <inheritdoc/>
    public sealed override int ValueLength => 0;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
    }

    /// <summary>Checks that <paramref name="bytes"/> is a parameter of <paramref name="type"/> with an empty value.</summary>
    private protected static bool TryCheckEmpty(ReadOnlySpan<byte> bytes, ParameterType type, out ParseError error) =>
        TryCheckHeader(bytes, type, 0, out error) && ParameterWire.CheckExactValueLength(bytes, type, 0, out error);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}";
}
