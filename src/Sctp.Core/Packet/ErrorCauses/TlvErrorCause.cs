using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Base of the error causes that carry parameters (type-length-value items) as raw bytes: an address
/// that could not be resolved, parameters that were not recognized, the new addresses of a restart, the
/// ASCONF parameter a request was refused for. The bytes are kept as received, but their framing is
/// checked on construction and on parsing: they hold exactly one item, or one or more, each well framed
/// (RFC 9260 section 3.2.1), so that <see cref="TryParseParameters"/> can walk them.
/// </summary>
/// <remarks>
/// Items are padded to 4 bytes between one another; the last item may stand with or without its padding
/// (senders differ: usrsctp and Linux copy an echoed parameter with its padding and count it in the cause
/// length). Padding is tolerated but not checked for zero.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Cause Code          |         Cause Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /              One or more parameters (type, length, value)     /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class TlvErrorCause : OpaqueErrorCause
{
    /// <summary>
    /// Copies <paramref name="tlvs"/> after checking that it holds exactly one well-framed item (when
    /// <paramref name="single"/>) or one or more.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tlvs"/> is not such a run, or is too long.</exception>
    private protected TlvErrorCause(ReadOnlySpan<byte> tlvs, bool single, string paramName)
        : base(tlvs, paramName)
    {
        if (!TryCheckTlvs(tlvs, single, 0, out var error))
        {
            string expected = single ? "exactly one parameter" : "one or more parameters";
            throw new ArgumentException($"The bytes must hold {expected} (type, length, value): {error}.", paramName);
        }
    }

    /// <summary>
    /// Parses the carried items with <see cref="ParameterCodec"/> into typed parameters (types it does not
    /// interpret become <see cref="UnknownParameter"/>). The framing is known to be sound, but a typed
    /// parser may still reject an item's contents; error offsets are relative to the cause's first byte.
    /// Never throws.
    /// </summary>
    public bool TryParseParameters(out IReadOnlyList<Parameter> parameters, out ParseError error) =>
        ParameterCodec.TryParseList(RawValue.Span, RawTlv.HeaderSize, out parameters, out error);

    /// <summary>Serializes one parameter without its padding (the cause's own padding follows it).</summary>
    private protected static byte[] Serialize(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Serialize([parameter]);
    }

    /// <summary>Serializes parameters as in a chunk: padded between one another, the last without its padding.</summary>
    private protected static byte[] Serialize(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("At least one parameter is required.", nameof(parameters));
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(parameters[i], nameof(parameters));
        }

        // The last item's padding is written but not counted, so the buffer holds the padded size.
        byte[] buffer = new byte[Wire.Pad4(TlvItem.GetListLength(parameters))];
        int length = TlvItem.WriteList(buffer, parameters);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Parses a cause of code <paramref name="code"/> carrying one item (when <paramref name="single"/>)
    /// or one or more, handing the value to <paramref name="create"/> (a static lambda). Never throws;
    /// errors in the carried items are attributed to the cause's code, with offsets relative to its first byte.
    /// </summary>
    private protected static bool TryParseTlvs<T>(
        ReadOnlySpan<byte> bytes,
        ErrorCauseCode code,
        bool single,
        Func<ReadOnlySpan<byte>, T> create,
        out T cause,
        out ParseError error)
        where T : TlvErrorCause
    {
        cause = null!;
        if (!TryCheckHeader(bytes, code, RawTlv.HeaderSize, out error))
        {
            return false;
        }

        if (!TryCheckTlvs(bytes[RawTlv.HeaderSize..], single, RawTlv.HeaderSize, out error))
        {
            error = error with { ItemType = (ushort)code };
            return false;
        }

        cause = create(bytes[RawTlv.HeaderSize..]);
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="tlvs"/> is a run of well-framed items: at least one, and exactly one
    /// when <paramref name="single"/>. Offsets in errors are relative to <paramref name="baseOffset"/>.
    /// </summary>
    private static bool TryCheckTlvs(ReadOnlySpan<byte> tlvs, bool single, int baseOffset, out ParseError error)
    {
        if (tlvs.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, baseOffset);
            return false;
        }

        var reader = new TlvReader(tlvs, baseOffset);
        int count = 0;
        while (reader.TryReadNext(out var item, out error))
        {
            if (single && ++count > 1)
            {
                // Bytes past the first item and its padding: the cause is longer than one item allows.
                error = new ParseError(ParseErrorKind.InvalidLength, item.Offset, ItemType: item.Type);
                return false;
            }
        }

        return !error.IsError;
    }
}
