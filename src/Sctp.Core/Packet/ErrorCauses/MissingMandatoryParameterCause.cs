using System.Buffers.Binary;
using System.Collections.ObjectModel;
using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Missing Mandatory Parameter (RFC 9260 section 3.3.10.2): an INIT or INIT ACK chunk lacked mandatory
/// parameters (an INIT ACK without a State Cookie, for example); the cause lists their types.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.2"/>
/// The count must agree with the length: a cause whose length is not 8 + 2N for its count N is
/// rejected with <see cref="ParseErrorKind.CountMismatch"/>. With an odd count the cause ends on a
/// 16-bit boundary and takes two bytes of padding.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 2        |   Cause Length = 8 + N * 2    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Number of missing params = N                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Missing Param Type #1     |     Missing Param Type #2     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Missing Param Type #N-1    |     Missing Param Type #N     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class MissingMandatoryParameterCause : ErrorCause
{
    /// <summary>The most types a cause can list: what fits in the 16-bit length after the 8 fixed bytes.</summary>
    public const int MaxCount = (ushort.MaxValue - FixedValueLength - RawTlv.HeaderSize) / 2;

    private const int FixedValueLength = 4;

    private readonly ParameterType[] _missing;

    /// <summary>Creates the cause listing <paramref name="missingParameters"/> (copied; the list may be empty).</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxCount"/> types.</exception>
    public MissingMandatoryParameterCause(params ReadOnlySpan<ParameterType> missingParameters)
    {
        if (missingParameters.Length > MaxCount)
        {
            throw new ArgumentException(
                $"A cause lists at most {MaxCount} parameter types; got {missingParameters.Length}.",
                nameof(missingParameters));
        }

        _missing = missingParameters.ToArray();
        MissingParameters = new ReadOnlyCollection<ParameterType>(_missing);
    }

    /// <summary>The types of the missing parameters, in the order carried.</summary>
    public IReadOnlyList<ParameterType> MissingParameters { get; }

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.MissingMandatoryParameter;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength + (2 * _missing.Length);

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MissingMandatoryParameterCause cause, out ParseError error)
    {
        cause = null!;
        if (!TryCheckHeader(bytes, ErrorCauseCode.MissingMandatoryParameter, FixedValueLength, out error))
        {
            return false;
        }

        const int countOffset = RawTlv.HeaderSize;
        const int typesOffset = countOffset + FixedValueLength;
        uint count = BinaryPrimitives.ReadUInt32BigEndian(bytes[countOffset..]);
        int typeBytes = bytes.Length - typesOffset;
        if ((typeBytes & 1) != 0 || (uint)(typeBytes / 2) != count)
        {
            error = new ParseError(
                ParseErrorKind.CountMismatch, countOffset, ItemType: (ushort)ErrorCauseCode.MissingMandatoryParameter);
            return false;
        }

        var types = new ParameterType[count];
        for (int i = 0; i < types.Length; i++)
        {
            types[i] = (ParameterType)BinaryPrimitives.ReadUInt16BigEndian(bytes[(typesOffset + (2 * i))..]);
        }

        cause = new MissingMandatoryParameterCause(types);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_missing.Length);
        for (int i = 0; i < _missing.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(FixedValueLength + (2 * i))..], (ushort)_missing[i]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"MissingMandatoryParameter({string.Join(", ", _missing)})";
}
