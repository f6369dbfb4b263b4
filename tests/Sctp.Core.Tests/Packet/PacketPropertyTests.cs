using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// Packet-level properties over random bytes, valid packets generated from random typed chunks (every
/// chunk type, parameter and error cause), and captured and generated packets mutated with the CRC32c
/// re-stamped so that the damage reaches the parsers:
/// <list type="bullet">
/// <item>no exception escapes <see cref="SctpPacket.TryValidate"/>, <see cref="ChunkReader"/> or a typed parser;</item>
/// <item><see cref="SctpPacket.TryValidate"/> accepts exactly a header, a good CRC32c and well-framed chunks;</item>
/// <item>whatever parses re-serializes to something that parses to equal chunks,
/// <c>parse(serialize(parse(x))) == parse(x)</c>, per chunk and per packet, and serializing again changes
/// nothing (the writer's output is canonical) and never grows the input.</item>
/// </list>
/// Inputs come from fixed seeds (<see cref="SeededProperty"/>): a failure prints the CsCheck seed of the input.
/// </summary>
public class PacketPropertyTests
{
    private enum Outcome
    {
        /// <summary><see cref="SctpPacket.TryValidate"/> refused the packet.</summary>
        Refused,

        /// <summary>The packet validated but a chunk did not parse with its typed parser.</summary>
        ChunkRefused,

        /// <summary>Every chunk parsed, and the packet re-serialized to equal chunks.</summary>
        RoundTripped,
    }

    /// <summary>Every chunk type with a parser of its own, and one without (kept as UnknownChunk).</summary>
    private static readonly byte[] ParserTypes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 64, 128, 129, 130, 132, 192, 193, 194, 0x3F];

    /// <summary>Every parameter type and error cause code some parser interprets.</summary>
    private static readonly ushort[] ItemCodes =
    [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0x105,
        0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0x8005, 0x8008, 0xC000, 0xC006,
    ];

    private static readonly byte[][] Captured = [.. UsrsctpVectors.All.Select(v => v.Packet)];

    /// <summary>A run of parameters or error causes, mostly of interpreted codes, each with a matching length and padding.</summary>
    private static readonly Gen<byte[]> ItemRun =
        Gen.Select(Gen.Frequency((3, Gen.OneOf(ItemCodes)), (1, Gen.UShort)), Gen.Byte.Array[0, 24], Gen.Bool)
            .Array[0, 4]
            .Select(items =>
            {
                var bytes = new List<byte>();
                foreach (var (code, value, padded) in items)
                {
                    int length = RawTlv.HeaderSize + value.Length;
                    bytes.AddRange([(byte)(code >> 8), (byte)code, (byte)(length >> 8), (byte)length, .. value]);
                    int padding = padded ? Wire.Pad4(length) - length : 0;
                    bytes.AddRange(new byte[padding]);
                }

                return bytes.ToArray();
            });

    /// <summary>A chunk value: random bytes, or random fixed fields followed by a run of items.</summary>
    private static readonly Gen<byte[]> ChunkValue = Gen.Frequency(
        (1, Gen.Byte.Array[0, 120]),
        (2, Gen.Select(Gen.Byte.Array[0, 20], ItemRun, (prefix, run) => (byte[])[.. prefix, .. run])));

    private static readonly Gen<ushort> LengthValue = Gen.Frequency(
        (4, Gen.OneOf<ushort>(0, 1, 2, 3, 4, 5, 7, 8)),
        (2, Gen.UShort[0, 200].Select(v => (ushort)(v | 1))),
        (2, Gen.OneOf<ushort>(0xFFFF, 0xFFFC, 0x8000, 1500)),
        (3, Gen.UShort[0, 200]));

    /// <summary>A damage to a packet; positions and indexes are reduced modulo what the packet has.</summary>
    private static readonly Gen<Mutation> OneMutation = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 7], (p, b) => (Mutation)new FlipBit(p, b))),
        (3, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, (p, v) => (Mutation)new SetByte(p, v))),
        (1, Gen.Int[0, int.MaxValue].Select(p => (Mutation)new Truncate(p))),
        (1, Gen.Byte.Array[1, 40].Select(b => (Mutation)new Extend(b))),
        (3, Gen.Select(Gen.Int[0, int.MaxValue], LengthValue, Gen.Int[-8, 8], Gen.Bool, (c, v, d, r) => (Mutation)new SetChunkLength(c, v, d, r))),
        (3, Gen.Select(Gen.Int[0, int.MaxValue], LengthValue, Gen.Int[-8, 8], Gen.Bool, (c, v, d, r) => (Mutation)new SetItemLength(c, v, d, r))),
        (2, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Frequency((1, LengthValue), (1, Gen.UShort)), (c, p, v) => (Mutation)new SetChunkField(c, p, v))),
        (1, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(ParserTypes), (c, t) => (Mutation)new SetChunkType(c, t))),
        (1, Gen.Int[0, int.MaxValue].Select(c => (Mutation)new DuplicateChunk(c))));

    private static readonly Gen<Mutation[]> Mutations = OneMutation.Array[1, 3];

    [Fact]
    public void RandomBytesNeverThrowAndWhatParsesRoundTrips() =>
        SeededProperty.Check(
            Gen.Byte.Array[0, 1500],
            seed: 0x5C7B_0001,
            iterations: 4000,
            bytes =>
            {
                // As received: the CRC32c almost never matches, and then nothing gets past validation.
                var outcome = CheckPacket(bytes);
                if (!Crc32c.Verify(bytes))
                {
                    Assert.Equal(Outcome.Refused, outcome);
                }

                // Re-stamped, so that the chunk walk and the parsers see the bytes.
                if (bytes.Length >= CommonHeader.Size)
                {
                    Crc32c.Stamp(bytes);
                    CheckPacket(bytes);
                }
            },
            Describe);

    [Fact]
    public void RandomChunkValuesReachEveryParserWithoutThrowing()
    {
        var outcomes = new int[2];
        SeededProperty.Check(
            Gen.Select(Gen.OneOf(ParserTypes), Gen.Byte, ChunkValue),
            seed: 0x5C7B_0002,
            iterations: 20_000,
            input =>
            {
                var (type, flags, value) = input;
                int length = RawChunk.HeaderSize + value.Length;
                byte[] chunk = [type, flags, (byte)(length >> 8), (byte)length, .. value];
                outcomes[CheckChunk(chunk) ? 1 : 0]++;
            },
            input => $"type {input.Item1}, flags 0x{input.Item2:x2}, value {Hex.Format(input.Item3)}");

        // Both sides of every parser are reached: values accepted and values refused.
        Assert.True(outcomes[0] > 2000 && outcomes[1] > 2000, $"refused {outcomes[0]}, accepted {outcomes[1]}");
    }

    [Fact]
    public void GeneratedPacketsValidateAndParseToTheirChunks() =>
        SeededProperty.Check(
            PacketGenerators.Packet,
            seed: 0x5C7B_0003,
            iterations: 3000,
            packet =>
            {
                Assert.True(SctpPacket.TryValidate(packet.Bytes, out var header, out var error), error.ToString());
                Assert.Equal(packet.Header with { Checksum = 0 }, header with { Checksum = 0 });

                var reader = SctpPacket.GetChunks(packet.Bytes);
                int index = 0;
                while (reader.TryReadNext(out var raw, out error))
                {
                    Assert.True(index < packet.Chunks.Count, "more chunks than were written");
                    Assert.Null(packet.Chunks[index].Compare(raw.Bytes));
                    index++;
                }

                Assert.False(error.IsError, error.ToString());
                Assert.Equal(packet.Chunks.Count, index);

                // The writer's output is canonical: parsing and writing it again gives the same bytes.
                Assert.Equal(Outcome.RoundTripped, CheckPacket(packet.Bytes));
                Assert.Equal(Hex.Format(packet.Bytes), Hex.Format(TypedChunks.Rebuild(packet.Bytes, out _)));
            },
            p => p.ToString());

    [Fact]
    public void GeneratorsCoverEveryChunkParameterAndCauseClass()
    {
        var seen = new HashSet<Type>();
        SeededProperty.Check(
            PacketGenerators.Chunk,
            seed: 0x5C7B_0006,
            iterations: 3000,
            spec =>
            {
                seen.Add(spec.GetType());
                if (spec is not ControlSpec { Chunk: var chunk })
                {
                    return;
                }

                seen.Add(chunk.GetType());
                var parameters = chunk switch
                {
                    InitChunkBase init => init.Parameters,
                    ReConfigChunk reconfig => reconfig.Parameters,
                    _ => [],
                };
                foreach (var parameter in parameters)
                {
                    seen.Add(parameter.GetType());
                    if (parameter is UnrecognizedParameterParameter unrecognized && unrecognized.TryParseReported(out var reported, out _))
                    {
                        seen.Add(reported.GetType());
                    }
                }

                if (chunk is ErrorCauseChunkBase errors)
                {
                    seen.UnionWith(errors.Causes.Select(c => c.GetType()));
                }
            });

        Type[] required =
        [
            typeof(DataSpec), typeof(IDataSpec), typeof(SackSpec),
            .. Concrete(typeof(Chunk)), .. Concrete(typeof(Parameter)), .. Concrete(typeof(ErrorCause)),
        ];
        Assert.Empty(required.Where(t => !seen.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void MutatedCapturedPacketsNeverThrowAndRoundTripWhatParses() =>
        CheckMutations(Gen.Int[0, Captured.Length - 1].Select(i => Captured[i]), seed: 0x5C7B_0004, iterations: 6000);

    [Fact]
    public void MutatedGeneratedPacketsNeverThrowAndRoundTripWhatParses() =>
        CheckMutations(PacketGenerators.Packet.Select(p => p.Bytes), seed: 0x5C7B_0005, iterations: 6000);

    [Fact]
    public void SeededPropertyReportsTheInputSeedThatReplaysTheFailure()
    {
        var gen = Gen.Int[0, 1000];
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => SeededProperty.Check(gen, seed: 7, iterations: 1000, n => Assert.True(n < 900)));
        string seed = failure.Message.Split('"')[1];

        int? replayed = null;
        gen.Sample(n => replayed ??= n, seed: seed, iter: 1, threads: 1);
        Assert.True(replayed >= 900, $"seed {seed} replays {replayed}");
        Assert.Contains($"Input: {replayed}", failure.Message, StringComparison.Ordinal);
    }

    private static void CheckMutations(Gen<byte[]> basePackets, ulong seed, int iterations)
    {
        var outcomes = new int[3];
        SeededProperty.Check(
            Gen.Select(basePackets, Mutations),
            seed,
            iterations,
            input =>
            {
                var (original, mutations) = input;
                byte[] packet = original;
                foreach (var mutation in mutations)
                {
                    packet = mutation.Apply(packet);
                }

                if (packet.Length >= CommonHeader.Size)
                {
                    Crc32c.Stamp(packet);
                }

                outcomes[(int)CheckPacket(packet)]++;
            },
            input => $"{string.Join(", ", input.Item2.Select(m => m.ToString()))} on {Hex.Format(input.Item1)}");

        // The mutations are neither all harmless nor all fatal: both the parsers' refusals and their
        // round trips are exercised.
        int refused = outcomes[(int)Outcome.Refused] + outcomes[(int)Outcome.ChunkRefused];
        Assert.True(
            refused > iterations / 10 && outcomes[(int)Outcome.RoundTripped] > iterations / 10,
            $"refused by validation {outcomes[0]}, a chunk refused {outcomes[1]}, round-tripped {outcomes[2]}");
    }

    /// <summary>
    /// The packet-level properties: validation never throws and agrees with an independent check;
    /// every chunk the reader yields satisfies <see cref="CheckChunk"/>; a packet that validates and
    /// whose chunks all parse rebuilds (with <see cref="PacketWriter"/>) into a packet that validates,
    /// parses to equal chunks, is no longer than the input, and rebuilds to itself.
    /// </summary>
    private static Outcome CheckPacket(byte[] packet)
    {
        bool valid = SctpPacket.TryValidate(packet, out _, out var error);
        Assert.Equal(valid, !error.IsError);
        _ = SctpPacket.TryValidate(packet, out _, out _, acceptZeroChecksum: true);

        bool framed = true;
        bool allParse = true;
        var reader = SctpPacket.GetChunks(packet);
        int position = CommonHeader.Size;
        while (true)
        {
            if (!reader.TryReadNext(out var raw, out var readError))
            {
                framed = !readError.IsError;
                if (readError.IsError)
                {
                    Assert.Equal(position, readError.Offset);
                }

                break;
            }

            Assert.Equal(position, raw.Offset);
            Assert.InRange(raw.Length, RawChunk.HeaderSize, packet.Length - position);
            Assert.True(packet.AsSpan(raw.Offset, raw.Length).SequenceEqual(raw.Bytes));
            position += Wire.Pad4(raw.Length);
            allParse &= CheckChunk(raw.Bytes);
        }

        Assert.Equal(packet.Length > CommonHeader.Size && Crc32c.Verify(packet) && framed, valid);
        if (!valid)
        {
            Assert.NotEqual(ParseErrorKind.None, error.Kind);
            Assert.InRange(error.Offset, 0, packet.Length);
            return Outcome.Refused;
        }

        if (!allParse)
        {
            return Outcome.ChunkRefused;
        }

        byte[]? rebuilt = TypedChunks.Rebuild(packet, out var rebuildError);
        Assert.True(rebuilt is not null, rebuildError.ToString());
        Assert.True(rebuilt.Length <= packet.Length, $"the packet grew from {packet.Length} to {rebuilt.Length} bytes");
        Assert.True(SctpPacket.TryValidate(rebuilt, out _, out error), error.ToString());
        Assert.Null(TypedChunks.ComparePackets(packet, rebuilt));
        Assert.Equal(Hex.Format(rebuilt), Hex.Format(TypedChunks.Rebuild(rebuilt, out _)));
        return Outcome.RoundTripped;
    }

    /// <summary>
    /// The chunk-level properties: the typed parser never throws; a refusal carries an error whose offset
    /// lies in the chunk; an accepted chunk writes back well framed (length field no longer than the
    /// input's, zero padding to 4), parses to an equal chunk, and writes back to the same bytes again.
    /// Returns whether the chunk parsed.
    /// </summary>
    private static bool CheckChunk(ReadOnlySpan<byte> chunk)
    {
        byte[] first = ArrayPool<byte>.Shared.Rent(TypedChunks.MaxPacketSize);
        byte[] second = ArrayPool<byte>.Shared.Rent(TypedChunks.MaxPacketSize);
        try
        {
            if (!TypedChunks.TryReserialize(chunk, first, out int size, out var error))
            {
                Assert.NotEqual(ParseErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, chunk.Length);
                return false;
            }

            Assert.False(error.IsError);
            int length = BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(2));
            Assert.Equal(chunk[0], first[0]);
            Assert.Equal(Wire.Pad4(length), size);
            Assert.InRange(length, RawChunk.HeaderSize, chunk.Length);
            Assert.True(first.AsSpan(length, size - length).IndexOfAnyExcept((byte)0) < 0, "non-zero padding was written");

            var written = first.AsSpan(0, length);
            Assert.Null(TypedChunks.CompareParsed(chunk, written));
            Assert.True(TypedChunks.TryReserialize(written, second, out int again, out error), error.ToString());
            Assert.Equal(Hex.Format(first.AsSpan(0, size)), Hex.Format(second.AsSpan(0, again)));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    private static string Describe(byte[] bytes) => Hex.Format(bytes);

    /// <summary>The public concrete classes of the codec that derive from <paramref name="baseType"/>.</summary>
    private static IEnumerable<Type> Concrete(Type baseType) =>
        baseType.Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.IsSubclassOf(baseType));

    /// <summary>The offsets of the chunks of <paramref name="packet"/>, following the length fields as far as they lead.</summary>
    private static List<int> ChunkOffsets(byte[] packet)
    {
        var offsets = new List<int>();
        int position = CommonHeader.Size;
        while (position + RawChunk.HeaderSize <= packet.Length)
        {
            offsets.Add(position);
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(position + 2));
            if (length < RawChunk.HeaderSize)
            {
                break;
            }

            position += Wire.Pad4(length);
        }

        return offsets;
    }

    /// <summary>The offsets of the parameters and error causes inside the chunks that carry them.</summary>
    private static List<int> ItemOffsets(byte[] packet)
    {
        var offsets = new List<int>();
        foreach (int chunk in ChunkOffsets(packet))
        {
            int first = packet[chunk] switch
            {
                1 or 2 => 20,
                4 or 5 or 6 or 9 or 130 => 4,
                _ => -1,
            };
            if (first < 0)
            {
                continue;
            }

            int end = Math.Min(packet.Length, chunk + BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(chunk + 2)));
            int position = chunk + first;
            while (position + RawTlv.HeaderSize <= end)
            {
                offsets.Add(position);
                int length = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(position + 2));
                if (length < RawTlv.HeaderSize)
                {
                    break;
                }

                position += Wire.Pad4(length);
            }
        }

        return offsets;
    }

    private abstract record Mutation
    {
        public abstract byte[] Apply(byte[] packet);
    }

    private sealed record FlipBit(int Position, int Bit) : Mutation
    {
        public override byte[] Apply(byte[] packet)
        {
            byte[] copy = (byte[])packet.Clone();
            if (copy.Length > 0)
            {
                copy[Position % copy.Length] ^= (byte)(1 << Bit);
            }

            return copy;
        }
    }

    private sealed record SetByte(int Position, byte Value) : Mutation
    {
        public override byte[] Apply(byte[] packet)
        {
            byte[] copy = (byte[])packet.Clone();
            if (copy.Length > 0)
            {
                copy[Position % copy.Length] = Value;
            }

            return copy;
        }
    }

    private sealed record Truncate(int Length) : Mutation
    {
        public override byte[] Apply(byte[] packet) => packet[..(Length % (packet.Length + 1))];
    }

    private sealed record Extend(byte[] Bytes) : Mutation
    {
        public override byte[] Apply(byte[] packet) => [.. packet, .. Bytes];

        public override string ToString() => $"Extend({Hex.Format(Bytes)})";
    }

    /// <summary>Sets a chunk's length field to <paramref name="Value"/>, or moves it by <paramref name="Delta"/> when <paramref name="Relative"/>.</summary>
    private sealed record SetChunkLength(int Chunk, ushort Value, int Delta, bool Relative) : Mutation
    {
        public override byte[] Apply(byte[] packet) => SetLength(packet, ChunkOffsets(packet), Chunk, Value, Delta, Relative);
    }

    /// <summary>Sets a parameter's or error cause's length field, like <see cref="SetChunkLength"/>.</summary>
    private sealed record SetItemLength(int Item, ushort Value, int Delta, bool Relative) : Mutation
    {
        public override byte[] Apply(byte[] packet) => SetLength(packet, ItemOffsets(packet), Item, Value, Delta, Relative);
    }

    /// <summary>Sets a 16-bit field inside a chunk (fixed fields, counts, parameter headers).</summary>
    private sealed record SetChunkField(int Chunk, int Position, ushort Value) : Mutation
    {
        public override byte[] Apply(byte[] packet)
        {
            var chunks = ChunkOffsets(packet);
            byte[] copy = (byte[])packet.Clone();
            if (chunks.Count > 0)
            {
                int start = chunks[Chunk % chunks.Count];
                int span = copy.Length - start - 1;
                if (span > 0)
                {
                    int position = start + (Position % span);
                    BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(position), Value);
                }
            }

            return copy;
        }
    }

    /// <summary>Changes a chunk's type, so that another parser reads its value.</summary>
    private sealed record SetChunkType(int Chunk, byte Type) : Mutation
    {
        public override byte[] Apply(byte[] packet)
        {
            var chunks = ChunkOffsets(packet);
            byte[] copy = (byte[])packet.Clone();
            if (chunks.Count > 0)
            {
                copy[chunks[Chunk % chunks.Count]] = Type;
            }

            return copy;
        }
    }

    /// <summary>Inserts a copy of a chunk (with its padding, as far as the packet has it) right after it.</summary>
    private sealed record DuplicateChunk(int Chunk) : Mutation
    {
        public override byte[] Apply(byte[] packet)
        {
            var chunks = ChunkOffsets(packet);
            if (chunks.Count == 0)
            {
                return packet;
            }

            int start = chunks[Chunk % chunks.Count];
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(start + 2));
            int end = Math.Min(packet.Length, start + Math.Max(RawChunk.HeaderSize, Wire.Pad4(length)));
            return [.. packet.AsSpan(0, end), .. packet.AsSpan(start, end - start), .. packet.AsSpan(end)];
        }
    }

    private static byte[] SetLength(byte[] packet, List<int> offsets, int pick, ushort value, int delta, bool relative)
    {
        byte[] copy = (byte[])packet.Clone();
        if (offsets.Count == 0)
        {
            return copy;
        }

        var field = copy.AsSpan(offsets[pick % offsets.Count] + 2, 2);
        int current = BinaryPrimitives.ReadUInt16BigEndian(field);
        BinaryPrimitives.WriteUInt16BigEndian(field, relative ? (ushort)Math.Clamp(current + delta, 0, ushort.MaxValue) : value);
        return copy;
    }
}
