using System.Buffers.Binary;

namespace Sctp.Packet.ErrorCauses;

/// <summary>Parses error causes by code, one at a time or as the run of causes in an ERROR or ABORT chunk.</summary>
public static class ErrorCauseCodec
{
    /// <summary>
    /// Parses one error cause (its bytes as long as its length field, padding excluded), choosing the
    /// concrete type from the code; codes this codec does not interpret become <see cref="UnknownErrorCause"/>.
    /// A cause of a known code that is malformed is an error, not an unknown cause. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ErrorCause cause, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            cause = null!;
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        return (ErrorCauseCode)BinaryPrimitives.ReadUInt16BigEndian(bytes) switch
        {
            ErrorCauseCode.InvalidStreamIdentifier =>
                Parse<InvalidStreamIdentifierCause>(InvalidStreamIdentifierCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.MissingMandatoryParameter =>
                Parse<MissingMandatoryParameterCause>(MissingMandatoryParameterCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.StaleCookie =>
                Parse<StaleCookieCause>(StaleCookieCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.OutOfResource =>
                Parse<OutOfResourceCause>(OutOfResourceCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.UnresolvableAddress =>
                Parse<UnresolvableAddressCause>(UnresolvableAddressCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.UnrecognizedChunkType =>
                Parse<UnrecognizedChunkTypeCause>(UnrecognizedChunkTypeCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.InvalidMandatoryParameter =>
                Parse<InvalidMandatoryParameterCause>(InvalidMandatoryParameterCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.UnrecognizedParameters =>
                Parse<UnrecognizedParametersCause>(UnrecognizedParametersCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.NoUserData =>
                Parse<NoUserDataCause>(NoUserDataCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.CookieReceivedWhileShuttingDown =>
                Parse<CookieReceivedWhileShuttingDownCause>(CookieReceivedWhileShuttingDownCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.RestartWithNewAddresses =>
                Parse<RestartWithNewAddressesCause>(RestartWithNewAddressesCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.UserInitiatedAbort =>
                Parse<UserInitiatedAbortCause>(UserInitiatedAbortCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.ProtocolViolation =>
                Parse<ProtocolViolationCause>(ProtocolViolationCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.DeleteLastRemainingAddress =>
                Parse<DeleteLastRemainingAddressCause>(DeleteLastRemainingAddressCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.ResourceShortage =>
                Parse<ResourceShortageCause>(ResourceShortageCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.DeleteSourceAddress =>
                Parse<DeleteSourceAddressCause>(DeleteSourceAddressCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.IllegalAsconfAck =>
                Parse<IllegalAsconfAckCause>(IllegalAsconfAckCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.NoAuthorization =>
                Parse<NoAuthorizationCause>(NoAuthorizationCause.TryParse, bytes, out cause, out error),
            ErrorCauseCode.UnsupportedHmacIdentifier =>
                Parse<UnsupportedHmacIdentifierCause>(UnsupportedHmacIdentifierCause.TryParse, bytes, out cause, out error),
            _ =>
                Parse<UnknownErrorCause>(UnknownErrorCause.TryParse, bytes, out cause, out error),
        };
    }

    /// <summary>
    /// Parses the run of error causes in <paramref name="region"/>. Offsets in errors are relative to
    /// <paramref name="baseOffset"/>.
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<byte> region, int baseOffset, out IReadOnlyList<ErrorCause> causes, out ParseError error) =>
        TlvItem.TryParseList<ErrorCause>(region, baseOffset, TryParse, out causes, out error);

    // The parsers are static methods, so each method-group delegate is created once and cached.
    private static bool Parse<T>(TlvParser<T> parse, ReadOnlySpan<byte> bytes, out ErrorCause cause, out ParseError error)
        where T : ErrorCause
    {
        bool ok = parse(bytes, out var typed, out error);
        cause = typed;
        return ok;
    }
}
