using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// Seeded random parameter and INIT bytes for differential tests of the in-place INIT reader against the
/// object codec: mostly well-formed parameters of every known type and of unknown types with each pair of
/// upper bits, with a share of malformed ones (wrong lengths, bad host names, bad results, broken framing).
/// </summary>
internal static class InitBytes
{
    /// <summary>Every parameter type the codec knows, and unknown ones with upper bits 00, 01, 10 and 11.</summary>
    public static readonly ushort[] Types =
    [
        1, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18,
        0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0x8005, 0x8008, 0xC000, 0xC006,
        0x0123, 0x4123, 0x8123, 0xC123, 0xC001, 0x3FFF, 0x7FFF, 0xBFFF, 0xFFFF,
    ];

    /// <summary>One parameter's bytes, as long as its length field says (padding excluded), or malformed when <paramref name="malformed"/>.</summary>
    public static byte[] Parameter(Random random, bool malformed)
    {
        ushort type = Types[random.Next(Types.Length)];
        byte[] value = Value(random, type, malformed);
        byte[] bytes = new byte[RawTlv.HeaderSize + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, type);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)bytes.Length);
        value.CopyTo(bytes, RawTlv.HeaderSize);
        return bytes;
    }

    /// <summary>A run of parameters as a chunk carries them: each padded but the last.</summary>
    public static byte[] ParameterRun(Random random, int count, double malformedShare)
    {
        var run = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            byte[] parameter = Parameter(random, random.NextDouble() < malformedShare);
            run.AddRange(parameter);
            if (i < count - 1)
            {
                run.AddRange(new byte[Wire.Pad4(parameter.Length) - parameter.Length]);
            }
        }

        return [.. run];
    }

    /// <summary>An INIT chunk (unpadded) with random fixed fields (rarely zero) and <paramref name="parameters"/>.</summary>
    public static byte[] Init(Random random, byte[] parameters, bool allowZeroFields = true)
    {
        byte[] chunk = new byte[20 + parameters.Length];
        chunk[0] = (byte)ChunkType.Init;
        BinaryPrimitives.WriteUInt16BigEndian(chunk.AsSpan(2), (ushort)chunk.Length);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), allowZeroFields && random.Next(20) == 0 ? 0 : (uint)random.Next(1, int.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), (uint)random.Next());
        BinaryPrimitives.WriteUInt16BigEndian(chunk.AsSpan(12), allowZeroFields && random.Next(20) == 0 ? (ushort)0 : (ushort)random.Next(1, 65536));
        BinaryPrimitives.WriteUInt16BigEndian(chunk.AsSpan(14), allowZeroFields && random.Next(20) == 0 ? (ushort)0 : (ushort)random.Next(1, 65536));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(16), (uint)random.Next());
        parameters.CopyTo(chunk, 20);
        return chunk;
    }

    private static byte[] Value(Random random, ushort type, bool malformed)
    {
        int jitter = malformed ? random.Next(1, 5) * (random.Next(2) == 0 ? -1 : 1) : 0;
        byte[] Fixed(int length) => RandomBytes(random, Math.Max(0, length + jitter));

        switch ((ParameterType)type)
        {
            case ParameterType.Ipv4Address:
                return Fixed(4);
            case ParameterType.Ipv6Address:
                return Fixed(16);
            case ParameterType.CookiePreservative or ParameterType.SsnTsnResetRequest or ParameterType.AdaptationLayerIndication:
                return Fixed(4);
            case ParameterType.ZeroChecksumAcceptable:
                return malformed ? Fixed(4) : [0, 0, 0, (byte)random.Next(3)];
            case ParameterType.EcnCapable or ParameterType.ForwardTsnSupported:
                return Fixed(0);
            case ParameterType.AddOutgoingStreamsRequest or ParameterType.AddIncomingStreamsRequest:
                return Fixed(8);
            case ParameterType.SupportedAddressTypes or ParameterType.HmacAlgorithm:
                return RandomBytes(random, (random.Next(5) * 2) + (malformed ? 1 : 0));
            case ParameterType.OutgoingSsnResetRequest:
                return RandomBytes(random, Math.Max(0, 12 + (random.Next(4) * 2) + jitter));
            case ParameterType.IncomingSsnResetRequest:
                return RandomBytes(random, Math.Max(0, 4 + (random.Next(4) * 2) + jitter));
            case ParameterType.ReconfigurationResponse:
            {
                byte[] value = RandomBytes(random, random.Next(2) == 0 ? 8 : 16);
                BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(4), (uint)(malformed ? random.Next(7, 100) : random.Next(7)));
                return value;
            }

            case ParameterType.HostNameAddress:
                return HostName(random, malformed);
            case ParameterType.UnrecognizedParameter:
            {
                byte[] inner = RandomBytes(random, random.Next(0, 9));
                byte[] value = new byte[RawTlv.HeaderSize + inner.Length + (malformed ? random.Next(4, 9) : 0)];
                BinaryPrimitives.WriteUInt16BigEndian(value, 0x8123);
                BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(RawTlv.HeaderSize + inner.Length));
                inner.CopyTo(value, RawTlv.HeaderSize);
                return value;
            }

            default:
                // Heartbeat Info, State Cookie, Random, Chunk List, Padding, Supported Extensions and unknown
                // types take any value; Supported Extensions gets chunk types worth negotiating.
                return type == (ushort)ParameterType.SupportedExtensions
                    ? [.. new byte[] { 192, 130, 64, 194, 0x81 }.OrderBy(_ => random.Next()).Take(random.Next(6))]
                    : RandomBytes(random, random.Next(0, 13));
        }
    }

    private static byte[] HostName(Random random, bool malformed)
    {
        byte[] name = [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (byte)random.Next('a', 'z' + 1))];
        byte[] value = [.. name, .. new byte[random.Next(1, 4)]];
        if (malformed)
        {
            switch (random.Next(4))
            {
                case 0: value = name; break; // no terminator
                case 1: value[0] = 0; break; // empty name
                case 2: value[random.Next(name.Length)] = (byte)' '; break; // not printable
                default: value = [.. name, 0, (byte)'x', 0]; break; // bytes after the terminator
            }
        }

        return value;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
