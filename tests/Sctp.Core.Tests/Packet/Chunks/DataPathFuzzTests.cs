using CsCheck;
using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

/// <summary>
/// Random inputs for the data-path parsers: they never throw, accept exactly the well-formed lengths,
/// and a parsed chunk writes back as its input with reserved bits and padding data cleared.
/// </summary>
public class DataPathFuzzTests
{
    private const long Iterations = 2_000;

    private static readonly Gen<byte[]> Bodies = Gen.Byte.Array[0, 80];

    /// <summary>A chunk of <paramref name="type"/> whose length field matches its bytes.</summary>
    private static byte[] Frame(ChunkType type, byte flags, byte[] body)
    {
        byte[] bytes = new byte[RawChunk.HeaderSize + body.Length];
        bytes[0] = (byte)type;
        bytes[1] = flags;
        bytes[2] = (byte)(bytes.Length >> 8);
        bytes[3] = (byte)bytes.Length;
        body.CopyTo(bytes, RawChunk.HeaderSize);
        return bytes;
    }

    /// <summary>The input padded to 4 bytes with zeros, as the writer gives it back.</summary>
    private static byte[] Padded(byte[] bytes)
    {
        byte[] padded = new byte[Wire.Pad4(bytes.Length)];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    private static byte[] Write<T>(T chunk) where T : IChunk, allows ref struct
    {
        byte[] bytes = new byte[chunk.SerializedSize];
        Assert.Equal(bytes.Length, chunk.WriteTo(bytes));
        return bytes;
    }

    [Fact]
    public void DataParserAcceptsExactlyChunksWithUserData() =>
        Gen.Select(Gen.Byte, Bodies, Gen.Int[0, 100]).Sample(
            (flags, body, cut) =>
            {
                byte[] bytes = Frame(ChunkType.Data, flags, body);
                Assert.False(DataChunk.TryParse(bytes.AsSpan(0, Math.Min(cut, bytes.Length - 1)), out _, out _));

                bool ok = DataChunk.TryParse(bytes, out var chunk, out var error);
                Assert.Equal(body.Length > 12, ok);
                if (!ok)
                {
                    Assert.Equal(body.Length == 12 ? ParseErrorKind.NoUserData : ParseErrorKind.LengthTooSmall, error.Kind);
                    return;
                }

                Assert.Equal(body.Length - 12, chunk.Payload.Length);
                byte[] expected = Padded(bytes);
                expected[1] &= 0x0f;
                Assert.Equal(expected, Write(chunk));
            },
            iter: Iterations);

    [Fact]
    public void IDataParserAcceptsExactlyChunksWithUserData() =>
        Gen.Select(Gen.Byte, Bodies, Gen.Int[0, 100]).Sample(
            (flags, body, cut) =>
            {
                byte[] bytes = Frame(ChunkType.IData, flags, body);
                Assert.False(IDataChunk.TryParse(bytes.AsSpan(0, Math.Min(cut, bytes.Length - 1)), out _, out _));

                bool ok = IDataChunk.TryParse(bytes, out var chunk, out var error);
                Assert.Equal(body.Length > 16, ok);
                if (!ok)
                {
                    Assert.Equal(body.Length == 16 ? ParseErrorKind.NoUserData : ParseErrorKind.LengthTooSmall, error.Kind);
                    return;
                }

                Assert.Equal(body.Length - 16, chunk.Payload.Length);
                byte[] expected = Padded(bytes);
                expected[1] &= 0x0f;
                expected[10] = 0;
                expected[11] = 0;
                Assert.Equal(expected, Write(chunk));
            },
            iter: Iterations);

    [Fact]
    public void SackParserAcceptsExactlyMatchingCounts() =>
        Gen.Select(Gen.Byte, Gen.Int[0, 10], Gen.Int[0, 10], Gen.Int[-16, 6], Gen.Byte.Array[96]).Sample(
            (flags, gaps, dups, delta, fill) =>
            {
                int bodyLength = Math.Max(0, 12 + (4 * (gaps + dups)) + delta);
                byte[] body = fill[..Math.Min(bodyLength, fill.Length)];
                if (body.Length >= 12)
                {
                    body[8] = 0;
                    body[9] = (byte)gaps;
                    body[10] = 0;
                    body[11] = (byte)dups;
                }

                byte[] bytes = Frame(ChunkType.Sack, flags, body);
                bool ok = SackChunk.TryParse(bytes, out var chunk, out var error);
                Assert.Equal(body.Length >= 12 && body.Length == 12 + (4 * (gaps + dups)), ok);
                if (!ok)
                {
                    Assert.Equal(body.Length < 12 ? ParseErrorKind.LengthTooSmall : ParseErrorKind.CountMismatch, error.Kind);
                    return;
                }

                Assert.Equal(gaps, chunk.GapAckBlockCount);
                Assert.Equal(dups, chunk.DuplicateTsnCount);
                byte[] expected = Padded(bytes);
                expected[1] = 0;
                Assert.Equal(expected, Write(chunk));
            },
            iter: Iterations);

    [Fact]
    public void ForwardTsnParsersAcceptExactlyWholeEntries() =>
        Gen.Select(Gen.Byte, Bodies).Sample(
            (flags, body) =>
            {
                byte[] bytes = Frame(ChunkType.ForwardTsn, flags, body);
                bool ok = ForwardTsnChunk.TryParse(bytes, out var forward, out var error);
                Assert.Equal(body.Length >= 4 && body.Length % 4 == 0, ok);
                if (ok)
                {
                    byte[] expected = Padded(bytes);
                    expected[1] = 0;
                    Assert.Equal(expected, forward.ToArray());
                }
                else
                {
                    Assert.Equal(body.Length < 4 ? ParseErrorKind.LengthTooSmall : ParseErrorKind.InvalidLength, error.Kind);
                }

                bytes[0] = (byte)ChunkType.IForwardTsn;
                ok = IForwardTsnChunk.TryParse(bytes, out var iforward, out error);
                Assert.Equal(body.Length >= 4 && (body.Length - 4) % 8 == 0, ok);
                if (ok)
                {
                    byte[] expected = Padded(bytes);
                    expected[1] = 0;
                    for (int entry = 8; entry < expected.Length; entry += 8)
                    {
                        expected[entry + 2] = 0;
                        expected[entry + 3] &= 0x01;
                    }

                    Assert.Equal(expected, iforward.ToArray());
                }
                else
                {
                    Assert.Equal(body.Length < 4 ? ParseErrorKind.LengthTooSmall : ParseErrorKind.InvalidLength, error.Kind);
                }
            },
            iter: Iterations);

    [Fact]
    public void PadParserAcceptsAnythingWellFramed() =>
        Gen.Select(Gen.Byte, Bodies).Sample(
            (flags, body) =>
            {
                byte[] bytes = Frame(ChunkType.Pad, flags, body);
                Assert.True(PadChunk.TryParse(bytes, out var chunk, out var error), error.ToString());
                Assert.Equal(body.Length, chunk.PaddingLength);
                byte[] expected = new byte[Wire.Pad4(bytes.Length)];
                bytes.AsSpan(0, 4).CopyTo(expected);
                expected[1] = 0;
                Assert.Equal(expected, chunk.ToArray());
            },
            iter: Iterations);
}
