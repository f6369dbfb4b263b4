using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

public static partial class ParameterCodec
{
    /// <summary>
    /// True when <see cref="TryParse"/> reads <paramref name="type"/> as a parameter it knows, false when
    /// it would become an <see cref="UnknownParameter"/>, whose upper two bits then decide what to do with
    /// it (RFC 9260 section 3.2.1).
    /// </summary>
    public static bool IsKnown(ParameterType type) => type switch
    {
        ParameterType.HeartbeatInfo
            or ParameterType.Ipv4Address
            or ParameterType.Ipv6Address
            or ParameterType.StateCookie
            or ParameterType.UnrecognizedParameter
            or ParameterType.CookiePreservative
            or ParameterType.HostNameAddress
            or ParameterType.SupportedAddressTypes
            or ParameterType.OutgoingSsnResetRequest
            or ParameterType.IncomingSsnResetRequest
            or ParameterType.SsnTsnResetRequest
            or ParameterType.ReconfigurationResponse
            or ParameterType.AddOutgoingStreamsRequest
            or ParameterType.AddIncomingStreamsRequest
            or ParameterType.EcnCapable
            or ParameterType.ZeroChecksumAcceptable
            or ParameterType.Random
            or ParameterType.ChunkList
            or ParameterType.HmacAlgorithm
            or ParameterType.Padding
            or ParameterType.SupportedExtensions
            or ParameterType.ForwardTsnSupported
            or ParameterType.AdaptationLayerIndication => true,
        _ => false,
    };

    /// <summary>
    /// Checks one parameter exactly as <see cref="TryParse"/> would, with the same error, but builds no
    /// object: the stateless INIT path (RFC 9260 section 5.1.3) reads an INIT's parameters this way so that
    /// answering it allocates nothing. Never throws.
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> bytes, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var type = (ParameterType)BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return type switch
        {
            ParameterType.Ipv4Address => CheckExact(bytes, type, 4, out error),
            ParameterType.Ipv6Address => CheckExact(bytes, type, 16, out error),
            ParameterType.UnrecognizedParameter => CheckUnrecognizedParameter(bytes, out error),
            ParameterType.CookiePreservative
                or ParameterType.SsnTsnResetRequest
                or ParameterType.ZeroChecksumAcceptable
                or ParameterType.AdaptationLayerIndication => CheckExact(bytes, type, sizeof(uint), out error),
            ParameterType.HostNameAddress => CheckHostName(bytes, out error),
            ParameterType.SupportedAddressTypes or ParameterType.HmacAlgorithm => CheckUInt16List(bytes, type, 0, out error),
            ParameterType.OutgoingSsnResetRequest => CheckUInt16List(bytes, type, 12, out error),
            ParameterType.IncomingSsnResetRequest => CheckUInt16List(bytes, type, 4, out error),
            ParameterType.ReconfigurationResponse => CheckReconfigurationResponse(bytes, out error),
            ParameterType.AddOutgoingStreamsRequest or ParameterType.AddIncomingStreamsRequest => CheckExact(bytes, type, 8, out error),
            ParameterType.EcnCapable or ParameterType.ForwardTsnSupported => CheckExact(bytes, type, 0, out error),

            // Heartbeat Info, State Cookie, Random, Chunk List, Padding, Supported Extensions and unknown
            // types take any value, even an empty one.
            _ => CheckHeader(bytes, type, 0, out error),
        };
    }

    /// <summary>What <c>TlvItem.TryCheckHeader</c> checks: the length field covers the bytes and the minimum value.</summary>
    private static bool CheckHeader(ReadOnlySpan<byte> bytes, ParameterType type, int minValueLength, out ParseError error)
    {
        int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[ParameterWire.LengthOffset..]);
        if (length != bytes.Length)
        {
            var kind = length < bytes.Length ? ParseErrorKind.InvalidLength : ParseErrorKind.LengthExceedsBuffer;
            error = ParameterWire.Error(type, kind, ParameterWire.LengthOffset);
            return false;
        }

        if (length < RawTlv.HeaderSize + minValueLength)
        {
            error = ParameterWire.Error(type, ParseErrorKind.LengthTooSmall, ParameterWire.LengthOffset);
            return false;
        }

        error = ParseError.None;
        return true;
    }

    private static bool CheckExact(ReadOnlySpan<byte> bytes, ParameterType type, int valueLength, out ParseError error) =>
        CheckHeader(bytes, type, valueLength, out error)
        && ParameterWire.CheckExactValueLength(bytes, type, valueLength, out error);

    /// <summary>Fixed fields, then a run of 16-bit entries (a whole number of them).</summary>
    private static bool CheckUInt16List(ReadOnlySpan<byte> bytes, ParameterType type, int fixedLength, out ParseError error)
    {
        if (!CheckHeader(bytes, type, fixedLength, out error))
        {
            return false;
        }

        if (((bytes.Length - RawTlv.HeaderSize - fixedLength) & 1) != 0)
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidLength, ParameterWire.LengthOffset);
            return false;
        }

        return true;
    }

    /// <summary>The checks of <see cref="HostNameAddressParameter.TryParse"/> (RFC 9260 section 3.3.2.1).</summary>
    private static bool CheckHostName(ReadOnlySpan<byte> bytes, out ParseError error)
    {
        const ParameterType type = ParameterType.HostNameAddress;
        if (!CheckHeader(bytes, type, 2, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        int nameLength = value.IndexOf((byte)0);
        int bad = nameLength switch
        {
            < 0 => value.Length - 1,
            0 => 0,
            _ => value[..nameLength].IndexOfAnyExceptInRange((byte)'!', (byte)'~') is int badName and >= 0
                ? badName
                : value[nameLength..].IndexOfAnyExcept((byte)0) is int badTail and >= 0 ? nameLength + badTail : -1,
        };

        if (bad >= 0)
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidField, RawTlv.HeaderSize + bad);
            return false;
        }

        return true;
    }

    /// <summary>The checks of <see cref="UnrecognizedParameterParameter.TryParse"/>: its value is exactly one parameter.</summary>
    private static bool CheckUnrecognizedParameter(ReadOnlySpan<byte> bytes, out ParseError error)
    {
        const ParameterType type = ParameterType.UnrecognizedParameter;
        if (!CheckHeader(bytes, type, RawTlv.HeaderSize, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        int innerLength = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        var kind = innerLength < RawTlv.HeaderSize ? ParseErrorKind.LengthTooSmall
            : innerLength > value.Length ? ParseErrorKind.LengthExceedsBuffer
            : value.Length > Wire.Pad4(innerLength) ? ParseErrorKind.InvalidLength
            : ParseErrorKind.None;
        if (kind != ParseErrorKind.None)
        {
            int offset = kind == ParseErrorKind.InvalidLength ? ParameterWire.LengthOffset : RawTlv.HeaderSize + 2;
            error = ParameterWire.Error(type, kind, offset);
            return false;
        }

        return true;
    }

    /// <summary>The checks of <see cref="ReconfigurationResponseParameter.TryParse"/> (RFC 6525 section 4.4).</summary>
    private static bool CheckReconfigurationResponse(ReadOnlySpan<byte> bytes, out ParseError error)
    {
        const ParameterType type = ParameterType.ReconfigurationResponse;
        if (!CheckHeader(bytes, type, 8, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        if (value.Length is not 8 and not 16)
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidLength, ParameterWire.LengthOffset);
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(value[4..]) > (uint)ReconfigurationResult.InProgress)
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidField, RawTlv.HeaderSize + 4);
            return false;
        }

        return true;
    }
}
