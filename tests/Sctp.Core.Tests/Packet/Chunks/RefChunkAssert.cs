using Sctp.Packet;

namespace Sctp.Tests.Packet.Chunks;

/// <summary>
/// Round-trip checks for the allocation-free <c>ref struct</c> chunks (DATA, I-DATA, SACK), which
/// <see cref="WireAssert.RoundTrip{T}(T)"/> cannot take because it needs a <see cref="Chunk"/> class.
/// </summary>
internal static class RefChunkAssert
{
    /// <summary>
    /// Serializes <paramref name="chunk"/>; checks the framing (type, flags, length field equal to
    /// <paramref name="expectedLength"/>, zero padding to 4); parses it back through <see cref="ChunkReader"/>
    /// and <c>T.TryParse</c>; checks <paramref name="contentEquals"/> holds both ways and that the parsed
    /// chunk serializes to the same bytes. Returns the bytes.
    /// </summary>
    public static byte[] RoundTrip<T>(T chunk, int expectedLength, Func<T, T, bool> contentEquals)
        where T : IChunk, IChunkParser<T>, allows ref struct
    {
        int size = chunk.SerializedSize;
        Assert.Equal(Wire.Pad4(expectedLength), size);
        byte[] bytes = new byte[size];
        Assert.Equal(size, chunk.WriteTo(bytes));
        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal((byte)T.ChunkType, bytes[0]);
        Assert.Equal(chunk.Type, T.ChunkType);
        Assert.Equal(chunk.Flags, bytes[1]);
        int length = (bytes[2] << 8) | bytes[3];
        Assert.Equal(expectedLength, length);
        Assert.All(bytes[length..], b => Assert.Equal(0, b));

        var reader = new ChunkReader(bytes, 0);
        Assert.True(reader.TryReadNext(out var raw, out var readError), readError.ToString());
        Assert.Equal(length, raw.Length);
        Assert.True(T.TryParse(raw.Bytes, out var parsed, out var error), error.ToString());
        Assert.False(error.IsError);
        Assert.True(contentEquals(chunk, parsed), "the parsed chunk differs from the original");
        Assert.True(contentEquals(parsed, chunk), "the original differs from the parsed chunk");
        Assert.Equal(chunk.Flags, parsed.Flags);
        Assert.Equal(size, parsed.SerializedSize);

        byte[] again = new byte[parsed.SerializedSize];
        Assert.Equal(size, parsed.WriteTo(again));
        Assert.Equal(bytes, again);

        Assert.False(reader.TryReadNext(out _, out readError));
        Assert.False(readError.IsError);
        return bytes;
    }

    /// <summary>A payload of <paramref name="length"/> bytes with no zeros, so that a misplaced padding byte shows.</summary>
    public static byte[] Payload(int length, int seed = 0)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(((i + seed) % 255) + 1);
        }

        return payload;
    }
}
