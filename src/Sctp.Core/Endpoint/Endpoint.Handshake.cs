using System.Buffers.Binary;
using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp;

public sealed partial class Endpoint
{
    /// <summary>An ABORT without causes, T bit clear: shared, as every stateless reply writes its chunk in place.</summary>
    private static readonly AbortChunk PlainAbort = new(tagReflected: false);

    private static readonly AbortChunk InvalidMandatoryParameterAbort = new(false, InvalidMandatoryParameterCause.Instance);

    private static readonly AbortChunk OutOfResourceAbort = new(false, OutOfResourceCause.Instance);

    /// <summary>
    /// An INIT with no association (RFC 9260 section 5.1): answered with an INIT ACK whose State Cookie
    /// holds everything the association will need, so that nothing is kept until the cookie returns. The
    /// INIT is read in place and the INIT ACK written straight into a reply buffer: an INIT flood costs
    /// neither state nor allocations.
    /// </summary>
    private EndpointResult HandleInit(TimeSpan now, IPEndPoint remote, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        if (!TryReadLoneInit(remote, header, packet, out var init, out var drop))
        {
            return drop;
        }

        if (_server is not { } server || header.DestinationPort != server.LocalPort)
        {
            // RFC 9260 section 8.4, rule 3: an INIT we cannot serve is answered with an ABORT carrying the
            // INIT's Initiate Tag, T bit clear.
            return Reply(remote, header, init.InitiateTag, PlainAbort);
        }

        var offer = Negotiation.ReadOffer(init);
        if (!offer.HostName.IsEmpty)
        {
            // RFC 9260 section 5.1.2: we resolve no host names (the parameter is deprecated); say so, with
            // the parameter as the Unresolvable Address cause's value (section 3.3.10.5).
            return ReplyWithCause(remote, header, init.InitiateTag, ChunkType.Abort, ErrorCauseCode.UnresolvableAddress, offer.HostName);
        }

        if (QueueInitAck(now, remote, header, init, offer, server.Transport, NewLocalTag(), new Tsn(Random.NextUInt32()), default, default))
        {
            // Counted only when queued: under a flood the bounded reply queue drops the rest.
            Stats.InitsAnswered++;
        }

        return new EndpointResult(EndpointResultKind.Replied);
    }

    /// <summary>
    /// Reads the INIT of a packet for the rules that apply wherever it arrives: the tag of a packet with
    /// an INIT is zero (RFC 9260 section 8.5.1, rule A), the INIT stands alone (section 6.10), and a zero
    /// Initiate Tag is discarded silently while zero stream counts are aborted (section 3.3.2).
    /// </summary>
    internal bool TryReadLoneInit(IPEndPoint remote, CommonHeader header, ReadOnlySpan<byte> packet, out InitChunkView init, out EndpointResult drop)
    {
        init = default;
        var reader = SctpPacket.GetChunks(packet);
        reader.TryReadNext(out var raw, out _);
        if (header.VerificationTag.Value != 0)
        {
            drop = Discard(DropReason.BadVerificationTag);
            return false;
        }

        if (!reader.IsAtEnd)
        {
            drop = Discard(DropReason.IllegalBundling);
            return false;
        }

        if (!InitChunkView.TryParse(raw.Bytes, out init, out var error))
        {
            uint tag = raw.Bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(raw.Bytes[4..]) : 0;
            if (error.Kind == ParseErrorKind.InvalidField && tag != 0)
            {
                drop = Reply(remote, header, new VerificationTag(tag), InvalidMandatoryParameterAbort);
                return false;
            }

            drop = Discard(DropReason.MalformedChunk);
            return false;
        }

        drop = default;
        return true;
    }

    /// <summary>
    /// Queues an INIT ACK answering <paramref name="init"/>: our tag, initial TSN and offer, the State
    /// Cookie (with tie-tags when answering for a live association, RFC 9260 section 5.2.2), and any
    /// unrecognized parameters the INIT asked us to report (section 3.2.1). False when the reply queue
    /// was full and nothing was queued.
    /// </summary>
    internal bool QueueInitAck(
        TimeSpan now,
        IPEndPoint remote,
        CommonHeader header,
        scoped in InitChunkView init,
        TransportConfig config,
        VerificationTag localTag,
        Tsn localInitialTsn,
        VerificationTag localTieTag,
        VerificationTag peerTieTag) =>
        QueueInitAck(now, remote, header, init, Negotiation.ReadOffer(init), config, localTag, localInitialTsn, localTieTag, peerTieTag);

    private bool QueueInitAck(
        TimeSpan now,
        IPEndPoint remote,
        CommonHeader header,
        scoped in InitChunkView init,
        scoped in InitOffer offer,
        TransportConfig config,
        VerificationTag localTag,
        Tsn localInitialTsn,
        VerificationTag localTieTag,
        VerificationTag peerTieTag)
    {
        // The key first: rotating it draws randomness, which happens whether or not the reply fits.
        var signer = _secrets.GetSigner(now);

        // RFC 9260 section 5.1.3 / 3.3.2.1: honor a Cookie Preservative, within the configured lifetime again.
        var lifetime = config.CookieLifetime;
        if (offer.CookiePreservative is { } increment)
        {
            lifetime += TimeSpan.FromTicks(Math.Min(increment.Ticks, config.CookieLifetime.Ticks));
        }

        var cookie = new StateCookie
        {
            Features = Negotiation.Agree(config, offer),
            LocalPort = header.DestinationPort,
            PeerPort = header.SourcePort,
            CreatedAt = now,
            Lifetime = lifetime,
            LocalTag = localTag,
            PeerTag = init.InitiateTag,
            LocalInitialTsn = localInitialTsn,
            PeerInitialTsn = init.InitialTsn,
            PeerReceiverWindow = init.AdvertisedReceiverWindowCredit,
            OutboundStreams = Negotiation.OutboundStreams(config, init),
            InboundStreams = Negotiation.InboundStreams(config, init),
            LocalTieTag = localTieTag,
            PeerTieTag = peerTieTag,
        };

        if (!TryReserveReply(out var buffer))
        {
            return false;
        }

        // RFC 9260 section 3.3.3: the INIT ACK's fixed fields, then the State Cookie, what we offer, and the
        // reports, written in place; one that does not fit a reply buffer is not sent.
        int chunkSize = InitChunkView.ParametersOffset + TlvWriter.SizeOf(StateCookie.Size) + Negotiation.OfferedParametersSize(config) + offer.ReportSize;
        var writer = new PacketWriter(buffer, new CommonHeader(header.DestinationPort, header.SourcePort, init.InitiateTag));
        if (!writer.TryReserve(chunkSize, out var chunk))
        {
            return false;
        }

        chunk[0] = (byte)ChunkType.InitAck;
        chunk[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(chunk[4..], localTag.Value);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[8..], (uint)config.ReceiveWindow);
        BinaryPrimitives.WriteUInt16BigEndian(chunk[12..], config.OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(chunk[14..], config.MaxInboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[16..], localInitialTsn.Value);
        var parameters = new TlvWriter(chunk[InitChunkView.ParametersOffset..]);
        StateCookie.Write(parameters.Add((ushort)ParameterType.StateCookie, StateCookie.Size), signer, cookie);
        Negotiation.WriteOfferedParameters(config, ref parameters);
        Negotiation.WriteUnrecognizedReports(init, ref parameters);

        // The chunk length does not count the last parameter's padding (RFC 9260 section 3.2).
        BinaryPrimitives.WriteUInt16BigEndian(chunk[2..], (ushort)(InitChunkView.ParametersOffset + parameters.UnpaddedLength));
        CommitReply(remote, writer.Complete());
        return true;
    }

    /// <summary>
    /// A COOKIE ECHO with no association (RFC 9260 section 5.1.5): a cookie we signed, for this packet's
    /// ports and tag, not stale, creates the association, which then processes the packet (its COOKIE ECHO
    /// and anything bundled after it).
    /// </summary>
    private EndpointResult HandleCookieEcho(TimeSpan now, IPEndPoint remote, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        if (!TryReadCookie(now, remote, header, packet, out var cookie, out var drop))
        {
            return drop;
        }

        if (_server is not { } server || header.DestinationPort != server.LocalPort)
        {
            return Discard(DropReason.NotAccepting);
        }

        if (_byPeer.Count >= Config.MaxAssociations)
        {
            // RFC 9260 section 3.3.10.4: no room for another association.
            return Reply(remote, header, cookie.PeerTag, OutOfResourceAbort);
        }

        var association = new Association(this, server.Transport, remote, cookie, now);
        Register(association);
        Stats.AssociationsAccepted++;
        association.HandlePacket(now, header, packet);
        return new EndpointResult(EndpointResultKind.NewAssociation, association);
    }

    /// <summary>
    /// Steps 1 to 4 of RFC 9260 section 5.1.5 for the COOKIE ECHO that starts <paramref name="packet"/>:
    /// the MAC verifies, the cookie is not stale (a stale one is answered with an ERROR), and the
    /// packet's ports and tag are the cookie's. <paramref name="existing"/> is the association the
    /// COOKIE ECHO reached, if any: a stale cookie carrying both of its tags is still valid (section
    /// 5.2.4, step 3), a repeat of the one that set it up.
    /// </summary>
    internal bool TryReadCookie(TimeSpan now, IPEndPoint remote, CommonHeader header, ReadOnlySpan<byte> packet, out StateCookie cookie, out EndpointResult drop, Association? existing = null)
    {
        cookie = default;
        var reader = SctpPacket.GetChunks(packet);
        reader.TryReadNext(out var raw, out _);
        // RFC 9260 section 3.3.11: the chunk's value is the cookie, never empty. Read in place, so that a
        // flood of forged cookies costs a MAC computation each and no allocation.
        if (raw.Bytes.Length <= RawChunk.HeaderSize
            || raw.Type != ChunkType.CookieEcho
            || !_secrets.TryRead(raw.Value, out var read))
        {
            drop = Discard(DropReason.InvalidCookie);
            return false;
        }

        if (read.LocalPort != header.DestinationPort || read.PeerPort != header.SourcePort || read.LocalTag != header.VerificationTag)
        {
            drop = Discard(DropReason.InvalidCookie);
            return false;
        }

        bool ownTags = existing is not null && read.LocalTag == existing.LocalTag && read.PeerTag == existing.PeerTag;
        if (read.IsExpired(now) && !ownTags)
        {
            // RFC 9260 section 5.1.5, step 3: report the staleness so the peer can ask for a longer life.
            Span<byte> staleness = stackalloc byte[sizeof(uint)];
            BinaryPrimitives.WriteUInt32BigEndian(staleness, StaleCookieCause.MeasureOf(read.Staleness(now)));
            drop = ReplyWithCause(remote, header, read.PeerTag, ChunkType.Error, ErrorCauseCode.StaleCookie, staleness);
            Stats.CountDrop(DropReason.StaleCookie);
            return false;
        }

        cookie = read;
        drop = default;
        return true;
    }
}
