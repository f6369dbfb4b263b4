using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Packet.Chunks;

/// <summary>The data-path chunks (DATA, I-DATA, SACK) are parsed and written without allocating.</summary>
[Collection(AllocationMeasurement.Name)]
public class DataPathAllocationTests
{
    private const int Iterations = 10_000;
    private const int GapBlocks = 16;

    private static readonly CommonHeader Header = new(5000, 5001, new VerificationTag(0x01020304));

    [Fact]
    public void ParsingDataIDataAndSackAllocatesNothing()
    {
        byte[] chunks = BuildChunks();

        long checksum = ParseLoop(chunks, 200);
        long allocated = AllocationMeasurement.FewestBytesAllocated(() => checksum += ParseLoop(chunks, Iterations));

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    [Fact]
    public void WritingDataIDataAndSackWithPacketWriterAllocatesNothing()
    {
        byte[] payload = RefChunkAssert.Payload(1184);
        GapAckBlock[] blocks = Blocks();

        long checksum = WriteLoop(payload, blocks, 200);
        long allocated = AllocationMeasurement.FewestBytesAllocated(() => checksum += WriteLoop(payload, blocks, Iterations));

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    [Fact]
    public void ValidatingAPacketAllocatesNothing()
    {
        // TryValidate verifies the CRC32c of every received packet; it used to allocate a 32-byte hasher
        // each time.
        byte[] buffer = new byte[1500];
        int length = WritePacket(buffer, RefChunkAssert.Payload(1184), Blocks());
        byte[] packet = buffer[..length];

        Assert.Equal(200, ValidateLoop(packet, 200));
        int valid = -1;
        long allocated = AllocationMeasurement.FewestBytesAllocated(() => valid = ValidateLoop(packet, Iterations));

        Assert.Equal(0, allocated);
        Assert.Equal(Iterations, valid);
    }

    [Fact]
    public void TheLoopsReadAndWriteWhatTheyShould()
    {
        byte[] chunks = BuildChunks();
        var reader = new ChunkReader(chunks, 0);
        Assert.True(reader.TryReadNext(out var raw, out _));
        Assert.True(DataChunk.TryParse(raw.Bytes, out var data, out _));
        Assert.Equal(1184, data.Payload.Length);
        Assert.True(reader.TryReadNext(out raw, out _));
        Assert.True(SackChunk.TryParse(raw.Bytes, out var sack, out _));
        Assert.Equal(GapBlocks, sack.GapAckBlockCount);
        Assert.True(sack.ContentEquals(new SackChunk(new Tsn(41), 65536, Blocks())));
        Assert.True(reader.TryReadNext(out raw, out _));
        Assert.True(IDataChunk.TryParse(raw.Bytes, out var idata, out _));
        Assert.Equal(100, idata.Payload.Length);
        Assert.True(reader.IsAtEnd);

        Span<byte> buffer = stackalloc byte[1500];
        int length = WritePacket(buffer, RefChunkAssert.Payload(1184), Blocks());
        Assert.True(SctpPacket.TryValidate(buffer[..length], out _, out var error), error.ToString());
        Assert.Equal(CommonHeader.Size + 80 + 1200 + 140, length);
    }

    private static GapAckBlock[] Blocks() =>
        [.. Enumerable.Range(0, GapBlocks).Select(i => new GapAckBlock((ushort)((3 * i) + 2), (ushort)((3 * i) + 3)))];

    private static byte[] BuildChunks()
    {
        byte[] payload = RefChunkAssert.Payload(1184);
        var data = new DataChunk(new Tsn(42), new StreamId(1), new Ssn(2), new Ppid(53), payload);
        var sack = new SackChunk(new Tsn(41), 65536, Blocks());
        var idata = new IDataChunk(new Tsn(43), new StreamId(3), new Mid(4), new Fsn(5), payload.AsSpan(0, 100), DataChunkFlags.End);
        byte[] chunks = new byte[data.SerializedSize + sack.SerializedSize + idata.SerializedSize];
        int position = data.WriteTo(chunks);
        position += sack.WriteTo(chunks.AsSpan(position));
        idata.WriteTo(chunks.AsSpan(position));
        return chunks;
    }

    private static long ParseLoop(byte[] chunks, int iterations)
    {
        long checksum = 0;
        for (int n = 0; n < iterations; n++)
        {
            var reader = new ChunkReader(chunks, 0);
            while (reader.TryReadNext(out var raw, out _))
            {
                switch (raw.Type)
                {
                    case ChunkType.Data when DataChunk.TryParse(raw.Bytes, out var data, out _):
                        checksum += data.Tsn.Value + data.Payload.Length + data.Payload[^1];
                        break;
                    case ChunkType.IData when IDataChunk.TryParse(raw.Bytes, out var idata, out _):
                        checksum += idata.Mid.Value + idata.Fsn.Value + idata.Payload.Length;
                        break;
                    case ChunkType.Sack when SackChunk.TryParse(raw.Bytes, out var sack, out _):
                        checksum += sack.CumulativeTsnAck.Value;
                        for (int i = 0; i < sack.GapAckBlockCount; i++)
                        {
                            var block = sack.GetGapAckBlock(i);
                            checksum += block.Start + block.End;
                        }

                        break;
                    default:
                        return -1;
                }
            }
        }

        return checksum;
    }

    private static int ValidateLoop(byte[] packet, int iterations)
    {
        int valid = 0;
        for (int n = 0; n < iterations; n++)
        {
            if (SctpPacket.TryValidate(packet, out _, out _) && Crc32c.Verify(packet))
            {
                valid++;
            }
        }

        return valid;
    }

    private static long WriteLoop(byte[] payload, GapAckBlock[] blocks, int iterations)
    {
        long checksum = 0;
        Span<byte> buffer = stackalloc byte[1500];
        for (int n = 0; n < iterations; n++)
        {
            checksum += WritePacket(buffer, payload, blocks) + buffer[^1];
        }

        return checksum;
    }

    private static int WritePacket(Span<byte> buffer, byte[] payload, GapAckBlock[] blocks)
    {
        var writer = new PacketWriter(buffer, Header);
        var sack = new SackChunk(new Tsn(41), 65536, blocks);
        var data = new DataChunk(new Tsn(42), new StreamId(1), new Ssn(2), new Ppid(53), payload);
        var idata = new IDataChunk(new Tsn(43), new StreamId(3), new Mid(4), new Ppid(53), payload.AsSpan(0, 117), DataChunkFlags.Beginning);
        if (!writer.TryAdd(sack) || !writer.TryAdd(data) || !writer.TryAdd(idata))
        {
            return -1;
        }

        return writer.Complete();
    }
}
