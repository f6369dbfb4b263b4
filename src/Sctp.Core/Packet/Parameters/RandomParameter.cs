namespace Sctp.Packet.Parameters;

/// <summary>
/// Random (RFC 4895 section 3.1): the random number from which SCTP-AUTH derives its keys. This
/// implementation does not do SCTP-AUTH; it parses the parameter so that it can skip it knowingly.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4895#section-3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8002   |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                        Random Number                          /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// RFC 4895 asks for 32 bytes of randomness; the codec accepts any length, since it only skips it.
/// </remarks>
public sealed class RandomParameter : OpaqueParameter
{
    /// <summary>Creates the parameter with a copy of <paramref name="randomNumber"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="randomNumber"/> is longer than 65,531 bytes.</exception>
    public RandomParameter(ReadOnlySpan<byte> randomNumber)
        : base(randomNumber, nameof(randomNumber))
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.Random;

    /// <summary>The random number, unpadded.</summary>
    public ReadOnlyMemory<byte> RandomNumber => Data;

    /// <summary>Parses the parameter; any value, even empty, is accepted. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out RandomParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.Random, 0, out error))
        {
            return false;
        }

        parameter = new RandomParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
