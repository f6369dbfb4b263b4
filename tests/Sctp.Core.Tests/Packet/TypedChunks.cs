using System.Buffers;
using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet;

/// <summary>
/// Parses chunks with their typed parsers, as the association will: <see cref="DataChunk"/>,
/// <see cref="IDataChunk"/> and <see cref="SackChunk"/> for the data path, <see cref="ChunkCodec.TryParseControl"/>
/// for everything else. Used by the golden-vector and property tests to re-serialize chunks and packets
/// and to compare parsed chunks (<c>ContentEquals</c> for the ref structs, wire equality for the classes).
/// </summary>
internal static class TypedChunks
{
    /// <summary>The largest packet these helpers rebuild: a chunk of 65,535 bytes with its padding, and a header.</summary>
    public const int MaxPacketSize = CommonHeader.Size + 65_536;

    /// <summary>True when <paramref name="chunk"/> (as <see cref="RawChunk.Bytes"/> gives it) parses with its typed parser.</summary>
    public static bool TryParse(ReadOnlySpan<byte> chunk, out ParseError error)
    {
        if (chunk.IsEmpty)
        {
            error = new ParseError(ParseErrorKind.Truncated);
            return false;
        }

        return (ChunkType)chunk[0] switch
        {
            ChunkType.Data => DataChunk.TryParse(chunk, out _, out error),
            ChunkType.IData => IDataChunk.TryParse(chunk, out _, out error),
            ChunkType.Sack => SackChunk.TryParse(chunk, out _, out error),
            _ => ChunkCodec.TryParseControl(chunk, out _, out error),
        };
    }

    /// <summary>
    /// Parses <paramref name="chunk"/> with its typed parser and writes the parsed chunk to
    /// <paramref name="destination"/> (header, value, padding); false, writing nothing, if it does not parse.
    /// </summary>
    public static bool TryReserialize(ReadOnlySpan<byte> chunk, Span<byte> destination, out int written, out ParseError error)
    {
        written = 0;
        if (chunk.IsEmpty)
        {
            error = new ParseError(ParseErrorKind.Truncated);
            return false;
        }

        switch ((ChunkType)chunk[0])
        {
            case ChunkType.Data:
                if (!DataChunk.TryParse(chunk, out var data, out error))
                {
                    return false;
                }

                written = data.WriteTo(destination);
                return true;
            case ChunkType.IData:
                if (!IDataChunk.TryParse(chunk, out var idata, out error))
                {
                    return false;
                }

                written = idata.WriteTo(destination);
                return true;
            case ChunkType.Sack:
                if (!SackChunk.TryParse(chunk, out var sack, out error))
                {
                    return false;
                }

                written = sack.WriteTo(destination);
                return true;
            default:
                if (!ChunkCodec.TryParseControl(chunk, out var control, out error))
                {
                    return false;
                }

                written = control.WriteTo(destination);
                return true;
        }
    }

    /// <summary>
    /// Parses <paramref name="chunk"/> with its typed parser and adds the parsed chunk to
    /// <paramref name="writer"/>. Throws if it does not fit: the callers size their buffers so that it does.
    /// </summary>
    public static bool TryAdd(ref PacketWriter writer, ReadOnlySpan<byte> chunk, out ParseError error)
    {
        bool added;
        switch (chunk.IsEmpty ? (ChunkType)0xFF : (ChunkType)chunk[0])
        {
            case ChunkType.Data:
                if (!DataChunk.TryParse(chunk, out var data, out error))
                {
                    return false;
                }

                added = writer.TryAdd(data);
                break;
            case ChunkType.IData:
                if (!IDataChunk.TryParse(chunk, out var idata, out error))
                {
                    return false;
                }

                added = writer.TryAdd(idata);
                break;
            case ChunkType.Sack:
                if (!SackChunk.TryParse(chunk, out var sack, out error))
                {
                    return false;
                }

                added = writer.TryAdd(sack);
                break;
            default:
                if (!ChunkCodec.TryParseControl(chunk, out var control, out error))
                {
                    return false;
                }

                added = writer.TryAdd(control);
                break;
        }

        return added ? true : throw new InvalidOperationException($"A re-serialized {(ChunkType)chunk[0]} chunk did not fit the packet buffer.");
    }

    /// <summary>
    /// Rebuilds <paramref name="packet"/> with <see cref="PacketWriter"/>: the same common header (the
    /// checksum recomputed) and every chunk parsed by its typed parser and written back. False when the
    /// packet has no header, a chunk is badly framed or a chunk does not parse; the error's offset is then
    /// relative to the packet.
    /// </summary>
    public static bool TryRebuild(ReadOnlySpan<byte> packet, Span<byte> destination, out int length, out ParseError error)
    {
        length = 0;
        if (!CommonHeader.TryRead(packet, out var header))
        {
            error = new ParseError(ParseErrorKind.Truncated);
            return false;
        }

        var writer = new PacketWriter(destination, header);
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out error))
        {
            if (!TryAdd(ref writer, raw.Bytes, out error))
            {
                error = error.Shift(raw.Offset).InChunk(raw.Type);
                return false;
            }
        }

        if (error.IsError)
        {
            return false;
        }

        length = writer.Complete();
        return true;
    }

    /// <summary><see cref="TryRebuild"/> into a new array; null when the packet does not rebuild.</summary>
    public static byte[]? Rebuild(ReadOnlySpan<byte> packet, out ParseError error)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(packet.Length, MaxPacketSize));
        try
        {
            return TryRebuild(packet, buffer, out int length, out error) ? buffer.AsSpan(0, length).ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Compares two chunks as parsed: both must parse with the typed parser of the same type and be equal
    /// (<c>ContentEquals</c> for DATA, I-DATA and SACK, wire equality for the others). Returns null when
    /// they are equal, or what differs.
    /// </summary>
    public static string? CompareParsed(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.IsEmpty || actual.IsEmpty || expected[0] != actual[0])
        {
            return "the chunk types differ";
        }

        switch ((ChunkType)expected[0])
        {
            case ChunkType.Data:
            {
                if (!DataChunk.TryParse(expected, out var a, out var errorA) | !DataChunk.TryParse(actual, out var b, out var errorB))
                {
                    return $"a DATA chunk does not parse: {errorA} / {errorB}";
                }

                return a.ContentEquals(b) && b.ContentEquals(a) ? null : $"{a.ToString()} != {b.ToString()}";
            }

            case ChunkType.IData:
            {
                if (!IDataChunk.TryParse(expected, out var a, out var errorA) | !IDataChunk.TryParse(actual, out var b, out var errorB))
                {
                    return $"an I-DATA chunk does not parse: {errorA} / {errorB}";
                }

                return a.ContentEquals(b) && b.ContentEquals(a) ? null : $"{a.ToString()} != {b.ToString()}";
            }

            case ChunkType.Sack:
            {
                if (!SackChunk.TryParse(expected, out var a, out var errorA) | !SackChunk.TryParse(actual, out var b, out var errorB))
                {
                    return $"a SACK chunk does not parse: {errorA} / {errorB}";
                }

                return a.ContentEquals(b) && b.ContentEquals(a) ? null : $"{a.ToString()} != {b.ToString()}";
            }

            default:
            {
                if (!ChunkCodec.TryParseControl(expected, out var a, out var errorA) | !ChunkCodec.TryParseControl(actual, out var b, out var errorB))
                {
                    return $"a control chunk does not parse: {errorA} / {errorB}";
                }

                return a.GetType() == b.GetType() && a.Equals(b) ? null : $"{a.ToString()} != {b.ToString()}";
            }
        }
    }

    /// <summary>
    /// Compares two packets as parsed: the same ports and verification tag, the same number of chunks,
    /// and chunk by chunk equal by <see cref="CompareParsed"/>. Returns null when equal, or what differs.
    /// </summary>
    public static string? ComparePackets(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (!CommonHeader.TryRead(expected, out var headerA) || !CommonHeader.TryRead(actual, out var headerB))
        {
            return "a packet has no common header";
        }

        if (headerA with { Checksum = 0 } != headerB with { Checksum = 0 })
        {
            return $"the headers differ: {headerA} / {headerB}";
        }

        var readerA = SctpPacket.GetChunks(expected);
        var readerB = SctpPacket.GetChunks(actual);
        for (int index = 0; ; index++)
        {
            bool moreA = readerA.TryReadNext(out var a, out var errorA);
            bool moreB = readerB.TryReadNext(out var b, out var errorB);
            if (errorA.IsError || errorB.IsError)
            {
                return $"chunk {index} is badly framed: {errorA} / {errorB}";
            }

            if (moreA != moreB)
            {
                return $"the packets hold different numbers of chunks (one ends at chunk {index})";
            }

            if (!moreA)
            {
                return null;
            }

            if (CompareParsed(a.Bytes, b.Bytes) is { } difference)
            {
                return $"chunk {index} ({a.Type}): {difference}";
            }
        }
    }
}
