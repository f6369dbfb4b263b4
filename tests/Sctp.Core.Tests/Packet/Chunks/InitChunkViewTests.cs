using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

/// <summary>
/// RFC 9260 section 3.3.2: <see cref="InitChunkView"/> reads an INIT in place and must accept and refuse
/// exactly what <see cref="InitChunk.TryParse"/> does, with the same error (the endpoint answers some
/// refusals with an ABORT, section 3.3.2's zero stream counts among them), and read the same fields.
/// </summary>
public class InitChunkViewTests
{
    [Fact]
    public void Rfc9260_3_3_2_TheViewAcceptsAndRefusesWhatInitChunkTryParseDoesWithTheSameFields()
    {
        var random = new Random(3302);
        int accepted = 0;
        for (int i = 0; i < 5_000; i++)
        {
            byte[] bytes = InitBytes.Init(random, InitBytes.ParameterRun(random, random.Next(0, 8), malformedShare: 0.05));
            if (random.Next(25) == 0)
            {
                // Framing faults: a truncated chunk, or a length field that disagrees with the bytes.
                bytes = random.Next(2) == 0 ? bytes[..random.Next(bytes.Length)] : [.. bytes, 1, 2, 3];
            }

            bool parsed = InitChunk.TryParse(bytes, out var init, out var parseError);
            bool viewed = InitChunkView.TryParse(bytes, out var view, out var viewError);
            Assert.True(parsed == viewed, $"{Convert.ToHexString(bytes)}: TryParse {parsed} ({parseError}), view {viewed} ({viewError})");
            Assert.Equal(parseError, viewError);
            if (!parsed)
            {
                continue;
            }

            accepted++;
            Assert.Equal(init.InitiateTag, view.InitiateTag);
            Assert.Equal(init.AdvertisedReceiverWindowCredit, view.AdvertisedReceiverWindowCredit);
            Assert.Equal(init.OutboundStreams, view.OutboundStreams);
            Assert.Equal(init.InboundStreams, view.InboundStreams);
            Assert.Equal(init.InitialTsn, view.InitialTsn);
            Assert.Equal(bytes, view.Bytes.ToArray());

            int count = 0;
            var reader = view.GetParameters();
            while (reader.TryReadNext(out var parameter, out _))
            {
                Assert.Equal(init.Parameters[count++].TypeCode, parameter.Type);
            }

            Assert.Equal(init.Parameters.Count, count);
        }

        Assert.InRange(accepted, 1_500, 5_000);
    }

    [Theory]
    [InlineData(0u, 1, 1, 4)] // Initiate Tag
    [InlineData(7u, 0, 1, 12)] // outbound streams
    [InlineData(7u, 1, 0, 14)] // inbound streams
    public void Rfc9260_3_3_2_AZeroTagOrStreamCountIsAnInvalidFieldAtItsOffset(uint tag, ushort outbound, ushort inbound, int offset)
    {
        byte[] bytes = new byte[20];
        bytes[0] = (byte)ChunkType.Init;
        bytes[3] = 20;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), tag);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), outbound);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), inbound);

        Assert.False(InitChunkView.TryParse(bytes, out _, out var error));
        Assert.Equal(new ParseError(ParseErrorKind.InvalidField, offset, ChunkType.Init), error);
    }
}
