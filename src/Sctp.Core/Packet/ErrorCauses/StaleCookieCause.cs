using System.Buffers.Binary;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Stale Cookie (RFC 9260 section 3.3.10.3): a COOKIE ECHO arrived with a State Cookie that had already
/// expired, by the given number of microseconds. Its sender may retry with a Cookie Preservative asking
/// for a longer lifetime.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 3        |       Cause Length = 8        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Measure of Staleness (usec)                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class StaleCookieCause : FixedLengthErrorCause
{
    private const int FixedValueLength = 4;

    /// <summary>Creates the cause for a cookie that expired <paramref name="measureOfStaleness"/> microseconds ago.</summary>
    public StaleCookieCause(uint measureOfStaleness) => MeasureOfStaleness = measureOfStaleness;

    /// <summary>How long ago the cookie expired, in microseconds, as carried on the wire.</summary>
    public uint MeasureOfStaleness { get; }

    /// <summary><see cref="MeasureOfStaleness"/> as a time span.</summary>
    public TimeSpan Staleness => TimeSpan.FromMicroseconds(MeasureOfStaleness);

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.StaleCookie;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength;

    /// <summary>
    /// Creates the cause for a cookie that expired <paramref name="staleness"/> ago, rounded down to whole
    /// microseconds; stalenesses beyond the field's range (about 71 minutes) saturate at its maximum.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="staleness"/> is negative.</exception>
    public static StaleCookieCause FromStaleness(TimeSpan staleness) => new(MeasureOf(staleness));

    /// <summary>The Measure of Staleness field for <paramref name="staleness"/>: microseconds, saturated to 32 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="staleness"/> is negative.</exception>
    public static uint MeasureOf(TimeSpan staleness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(staleness, TimeSpan.Zero);
        long microseconds = staleness.Ticks / TimeSpan.TicksPerMicrosecond;
        return (uint)Math.Min(microseconds, uint.MaxValue);
    }

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out StaleCookieCause cause, out ParseError error) =>
        TryParseFixed(
            bytes,
            ErrorCauseCode.StaleCookie,
            FixedValueLength,
            static value => new StaleCookieCause(BinaryPrimitives.ReadUInt32BigEndian(value)),
            out cause,
            out error);

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, MeasureOfStaleness);

    /// <inheritdoc/>
    public override string ToString() => $"StaleCookie(staleness={MeasureOfStaleness} us)";
}
