using System.Globalization;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Packet.Chunks;

/// <summary>
/// The layout ABORT and ERROR share (RFC 9260 sections 3.3.7 and 3.3.10): a chunk whose value is a run
/// of error causes, each padded to 4 bytes except the last, whose padding is the chunk's.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10"/>
/// The layout is drawn on <see cref="AbortChunk"/> and <see cref="ErrorChunk"/>; each cause has the shape
/// drawn on <see cref="ErrorCause"/>.
/// </remarks>
public abstract class ErrorCauseChunkBase : Chunk
{
    private const int CausesOffset = RawChunk.HeaderSize;

    private readonly ErrorCause[] _causes;
    private readonly int _causesLength;

    /// <summary>Copies and checks the causes; see the derived constructors.</summary>
    private protected ErrorCauseChunkBase(IEnumerable<ErrorCause>? causes)
    {
        _causes = ChunkSupport.CopyItems(causes, nameof(causes));
        _causesLength = TlvItem.GetListLength(_causes);
        ChunkSupport.EnsureValueFits(_causesLength, nameof(causes));
    }

    /// <summary>The error causes, in wire order.</summary>
    public IReadOnlyList<ErrorCause> Causes => _causes;

    /// <inheritdoc/>
    public sealed override int ValueLength => _causesLength;

    /// <summary>The first cause of type <typeparamref name="T"/>, or null when there is none.</summary>
    public T? GetCause<T>() where T : ErrorCause => ChunkSupport.FirstOfType<T>(_causes);

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) => TlvItem.WriteList(destination, _causes);

    /// <summary>The chunk's name in diagnostics.</summary>
    private protected abstract string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}(flags=0x{Flags:x2}, causes=[{string.Join(", ", _causes.Select(c => c.Code))}])");

    /// <summary>
    /// Parses the header and the causes for a derived parser. <paramref name="minimumCauses"/> (0 or 1)
    /// becomes a minimum value length of that many cause headers.
    /// </summary>
    private protected static bool TryParseCauses(
        ReadOnlySpan<byte> bytes,
        ChunkType type,
        int minimumCauses,
        out IReadOnlyList<ErrorCause> causes,
        out ParseError error)
    {
        causes = [];
        if (!TryCheckHeader(bytes, type, minimumCauses * RawTlv.HeaderSize, out error))
        {
            return false;
        }

        if (!ErrorCauseCodec.TryParseList(bytes[CausesOffset..], CausesOffset, out causes, out error))
        {
            error = error.InChunk(type);
            return false;
        }

        return true;
    }
}
