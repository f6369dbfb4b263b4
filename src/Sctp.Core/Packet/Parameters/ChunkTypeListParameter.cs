using System.Runtime.InteropServices;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the parameters whose value is a list of chunk types, one byte each (Supported Extensions,
/// Chunk List).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Parameter Type         |    Parameter Length = 4 + N   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Chunk Type 1  | Chunk Type 2  | Chunk Type 3  | Chunk Type 4  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Chunk Type N  |                    Padding                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class ChunkTypeListParameter : Parameter
{
    private readonly ChunkType[] _chunkTypes;

    /// <summary>Copies <paramref name="chunkTypes"/>; throws when they are null or too many for a parameter.</summary>
    private protected ChunkTypeListParameter(IEnumerable<ChunkType> chunkTypes, string paramName)
        : this(ParameterWire.CopyList(chunkTypes, paramName))
    {
        ParameterWire.ThrowIfValueTooLong(ValueLength, paramName);
    }

    /// <summary>Copies the chunk types read from a parameter's value.</summary>
    private protected ChunkTypeListParameter(ReadOnlySpan<byte> value)
        : this(MemoryMarshal.Cast<byte, ChunkType>(value).ToArray())
    {
    }

    private ChunkTypeListParameter(ChunkType[] chunkTypes)
    {
        _chunkTypes = chunkTypes;
        ChunkTypes = Array.AsReadOnly(chunkTypes);
    }

    /// <summary>The chunk types, in wire order (duplicates and unknown types kept as received).</summary>
    public IReadOnlyList<ChunkType> ChunkTypes { get; }

    /// <inheritdoc/>
    public sealed override int ValueLength => _chunkTypes.Length;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) =>
        MemoryMarshal.AsBytes(_chunkTypes.AsSpan()).CopyTo(destination);

    /// <summary>True when <paramref name="chunkType"/> is in the list.</summary>
    private protected bool ContainsType(ChunkType chunkType) => Array.IndexOf(_chunkTypes, chunkType) >= 0;

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({string.Join(", ", _chunkTypes)})";
}
