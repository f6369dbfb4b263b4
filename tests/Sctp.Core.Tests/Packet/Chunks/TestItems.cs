using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Chunks;

/// <summary>
/// Parameters and error causes for chunk tests. Round trips use type codes no RFC assigns, so they keep
/// parsing as the raw Unknown* types once the concrete parameter and cause parsers are in place (equality
/// compares the .NET type too).
/// </summary>
internal static class TestItems
{
    /// <summary>An unassigned parameter type whose upper bits say "stop processing".</summary>
    public const ParameterType UnassignedParameter = (ParameterType)0x3F01;

    /// <summary>An unassigned error cause code.</summary>
    public const ErrorCauseCode UnassignedCause = (ErrorCauseCode)0x3F01;

    /// <summary>An unassigned parameter with <paramref name="valueLength"/> bytes of value 1, 2, 3...</summary>
    public static UnknownParameter Parameter(int valueLength, ParameterType type = UnassignedParameter) =>
        new(type, Bytes(valueLength));

    /// <summary>An unassigned error cause with <paramref name="valueLength"/> bytes of value 1, 2, 3...</summary>
    public static UnknownErrorCause Cause(int valueLength, ErrorCauseCode code = UnassignedCause) =>
        new(code, Bytes(valueLength));

    /// <summary>The bytes 1, 2, 3... (wrapping), <paramref name="length"/> of them.</summary>
    public static byte[] Bytes(int length) => [.. Enumerable.Range(1, length).Select(i => (byte)i)];
}

/// <summary>A parameter class of its own, to tell types apart in GetParameter tests.</summary>
internal sealed class MarkerParameter(ushort marker) : Parameter
{
    public override ParameterType Type => (ParameterType)0x3F7F;

    public override int ValueLength => 2;

    protected override void WriteValue(Span<byte> destination) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(destination, marker);
}
