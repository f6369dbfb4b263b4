namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Base of the error causes that carry no information beyond their code: a 4-byte cause whose length
/// field is always 4. Each such type has a single shared <c>Instance</c>, which its parser returns, so
/// that parsing them allocates nothing.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Cause Code          |       Cause Length = 4        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class EmptyErrorCause : FixedLengthErrorCause
{
    private protected EmptyErrorCause()
    {
    }

    /// <inheritdoc/>
    public sealed override int ValueLength => 0;

    /// <summary>Parses an empty cause of <paramref name="instance"/>'s code, returning that instance. Never throws.</summary>
    private protected static bool TryParseEmpty<T>(ReadOnlySpan<byte> bytes, T instance, out T cause, out ParseError error)
        where T : EmptyErrorCause
    {
        bool ok = TryCheckFixedLength(bytes, instance.Code, 0, out error);
        cause = ok ? instance : null!;
        return ok;
    }

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => Code.ToString();
}
