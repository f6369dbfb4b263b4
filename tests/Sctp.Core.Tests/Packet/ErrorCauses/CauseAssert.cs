using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

/// <summary>Checks shared by the error cause tests: each goes through both the type's parser and the codec.</summary>
internal static class CauseAssert
{
    /// <summary>
    /// Round-trips <paramref name="cause"/> through its own parser (framing, padding, equality, bytes) and
    /// through <see cref="ErrorCauseCodec.TryParse"/>, which must pick the same concrete type.
    /// </summary>
    public static T RoundTrip<T>(T cause, TlvParser<T> parse) where T : ErrorCause
    {
        var parsed = WireAssert.RoundTrip(cause, parse);
        byte[] bytes = cause.ToArray();
        Assert.True(ErrorCauseCodec.TryParse(bytes.AsSpan(0, cause.Length), out var viaCodec, out var error), error.ToString());
        var typed = Assert.IsType<T>(viaCodec);
        Assert.Equal(cause, typed);
        Assert.Equal(cause.Code, typed.Code);
        return parsed;
    }

    /// <summary>Checks <paramref name="cause"/> serializes to <paramref name="hex"/> (padding included) and parses back from it.</summary>
    public static void HasLayout<T>(T cause, string hex, TlvParser<T> parse) where T : ErrorCause
    {
        byte[] expected = Hex.Parse(hex);
        Assert.Equal(Hex.Format(expected), Hex.Format(cause.ToArray()));
        Assert.True(parse(expected.AsSpan(0, cause.Length), out var parsed, out var error), error.ToString());
        Assert.Equal(cause, parsed);
    }

    /// <summary>Parses <paramref name="hex"/> (exactly the cause's bytes) with both parsers.</summary>
    public static T Parses<T>(string hex, TlvParser<T> parse) where T : ErrorCause
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.True(parse(bytes, out var cause, out var error), error.ToString());
        Assert.True(ErrorCauseCodec.TryParse(bytes, out var viaCodec, out error), error.ToString());
        Assert.Equal(cause, Assert.IsType<T>(viaCodec));
        return cause;
    }

    /// <summary>
    /// Expects <paramref name="hex"/> to be rejected with <paramref name="expected"/> by the type's parser
    /// and, unless the code is another type's, by the codec too.
    /// </summary>
    public static ParseError Rejects<T>(string hex, ParseErrorKind expected, TlvParser<T> parse) where T : ErrorCause
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.False(parse(bytes, out _, out var error));
        Assert.Equal(expected, error.Kind);
        if (expected != ParseErrorKind.UnexpectedType)
        {
            Assert.False(ErrorCauseCodec.TryParse(bytes, out _, out var codecError));
            Assert.Equal(expected, codecError.Kind);
            Assert.Equal(error.Offset, codecError.Offset);
        }

        return error;
    }
}
