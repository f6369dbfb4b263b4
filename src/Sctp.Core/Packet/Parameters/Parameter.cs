namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of all chunk parameters (RFC 9260 section 3.2.1). Each concrete type has a static
/// <c>TryParse(ReadOnlySpan&lt;byte&gt;, out T, out ParseError)</c>; <see cref="ParameterCodec"/> picks
/// the one for a parameter's type.
/// </summary>
public abstract class Parameter : TlvItem
{
    /// <summary>The parameter type.</summary>
    public abstract ParameterType Type { get; }

    /// <inheritdoc/>
    public sealed override ushort TypeCode => (ushort)Type;

    /// <summary>Checks a parameter's header for a parser (type, exact length, minimum value length).</summary>
    protected static bool TryCheckHeader(ReadOnlySpan<byte> bytes, ParameterType type, int minValueLength, out ParseError error) =>
        TryCheckHeader(bytes, (ushort)type, minValueLength, out error);
}
