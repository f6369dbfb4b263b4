using System.Buffers.Binary;
using System.Globalization;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

/// <summary>Round-trip and rejection checks for parameters, through their own parser and through <see cref="ParameterCodec"/>.</summary>
internal static class ParameterAssert
{
    /// <summary>
    /// Round-trips <paramref name="parameter"/> through <paramref name="parse"/> (with the framing checks of
    /// <see cref="WireAssert"/>) and through <see cref="ParameterCodec.TryParse"/>, which must give back the
    /// same concrete type. Returns what <paramref name="parse"/> gave.
    /// </summary>
    public static T RoundTrip<T>(T parameter, TlvParser<T> parse) where T : Parameter
    {
        var parsed = WireAssert.RoundTrip(parameter, parse);
        byte[] bytes = parameter.ToArray();
        Assert.Equal((ushort)parameter.Type, BinaryPrimitives.ReadUInt16BigEndian(bytes));
        Assert.Equal(parameter.Type, parsed.Type);
        Assert.True(ParameterCodec.TryParse(bytes.AsSpan(0, parameter.Length), out var viaCodec, out var error), error.ToString());
        var typed = Assert.IsType<T>(viaCodec);
        Assert.Equal(parameter, typed);
        Assert.Equal(parameter.GetHashCode(), typed.GetHashCode());
        return parsed;
    }

    /// <summary>
    /// Expects <paramref name="parse"/> to reject <paramref name="hex"/> with <paramref name="kind"/> (and
    /// <paramref name="offset"/>, when given), attributing it to the parameter type in the bytes, and
    /// <see cref="ParameterCodec"/> to report the same error when it dispatches to that parser.
    /// </summary>
    public static ParseError Rejects<T>(string hex, TlvParser<T> parse, ParseErrorKind kind, int? offset = null) where T : Parameter
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.False(parse(bytes, out var parameter, out var error));
        Assert.Null(parameter);
        Assert.Equal(kind, error.Kind);
        if (offset is { } expectedOffset)
        {
            Assert.Equal(expectedOffset, error.Offset);
        }

        if (kind != ParseErrorKind.UnexpectedType && bytes.Length >= RawTlv.HeaderSize)
        {
            Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(bytes), error.ItemType);
            Assert.False(ParameterCodec.TryParse(bytes, out _, out var codecError));
            Assert.Equal(error, codecError);
        }

        return error;
    }

    /// <summary>The padding bytes a parameter of <paramref name="length"/> bytes needs.</summary>
    public static int PaddingFor(int length) => (4 - (length % 4)) % 4;

    /// <summary>Hex for a 16-bit type code, as a test vector prefix.</summary>
    public static string TypeHex(ushort typeCode) =>
        string.Create(CultureInfo.InvariantCulture, $"{typeCode >> 8:x2} {typeCode & 0xff:x2}");

    /// <summary>Bytes 1, 2, 3, ... of the given count, to fill values with something recognisable.</summary>
    public static byte[] Sequence(int count) => [.. Enumerable.Range(1, count).Select(i => (byte)i)];
}
