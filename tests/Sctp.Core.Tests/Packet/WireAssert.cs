using Sctp.Packet;

namespace Sctp.Tests.Packet;

/// <summary>Round-trip and malformed-input checks shared by the codec tests.</summary>
internal static class WireAssert
{
    /// <summary>
    /// Serializes <paramref name="chunk"/>, checks the framing (length field, padding to 4 with zeros),
    /// parses it back with its own parser and the packet-level reader, and checks the result equals the
    /// original. Returns the parsed chunk.
    /// </summary>
    public static T RoundTrip<T>(T chunk) where T : Chunk, IChunkParser<T>
    {
        byte[] bytes = chunk.ToArray();
        Assert.Equal(chunk.SerializedSize, bytes.Length);
        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal((byte)chunk.Type, bytes[0]);
        Assert.Equal(chunk.Flags, bytes[1]);
        int length = (bytes[2] << 8) | bytes[3];
        Assert.Equal(chunk.Length, length);
        Assert.All(bytes[length..], b => Assert.Equal(0, b));

        var reader = new ChunkReader(bytes, 0);
        Assert.True(reader.TryReadNext(out var raw, out var readError), readError.ToString());
        Assert.True(T.TryParse(raw.Bytes, out var parsed, out var error), error.ToString());
        Assert.Equal(chunk, parsed);
        Assert.Equal(bytes, parsed.ToArray());
        Assert.False(reader.TryReadNext(out _, out readError));
        Assert.False(readError.IsError);
        return parsed;
    }

    /// <summary>Round-trips a parameter or error cause through <paramref name="parse"/>.</summary>
    public static T RoundTrip<T>(T item, TlvParser<T> parse) where T : TlvItem
    {
        byte[] bytes = item.ToArray();
        Assert.Equal(item.SerializedSize, bytes.Length);
        Assert.Equal(0, bytes.Length % 4);
        int length = (bytes[2] << 8) | bytes[3];
        Assert.Equal(item.Length, length);
        Assert.All(bytes[length..], b => Assert.Equal(0, b));
        Assert.True(parse(bytes.AsSpan(0, length), out var parsed, out var error), error.ToString());
        Assert.Equal(item, parsed);
        Assert.Equal(bytes, parsed.ToArray());
        return parsed;
    }

    /// <summary>Parses a chunk from a hex string (spaces allowed) and expects the given error kind.</summary>
    public static ParseError Rejects<T>(string hex, ParseErrorKind expected) where T : IChunk, IChunkParser<T>, allows ref struct
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.False(T.TryParse(bytes, out _, out var error));
        Assert.Equal(expected, error.Kind);
        return error;
    }
}

/// <summary>Hex helpers for test vectors.</summary>
internal static class Hex
{
    /// <summary>Parses hex digits, ignoring white space.</summary>
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    /// <summary>Formats bytes as lowercase hex.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
