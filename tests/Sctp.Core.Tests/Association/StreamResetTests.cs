using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;
using Sctp.Tx;

namespace Sctp.Tests.Associations;

/// <summary>Resetting outgoing streams (RFC 6525) end to end: the request, its deferral, its answers and what each side's application sees.</summary>
public class StreamResetTests
{
    private static readonly StreamId One = new(1);
    private static readonly StreamId Two = new(2);

    private static AssociationPair Connected(TransportConfig? client = null, TransportConfig? server = null, ulong seed = 5)
    {
        var pair = new AssociationPair(seed, client, server);
        pair.Connect();
        return pair;
    }

    private static List<(byte Marker, int Length, StreamId Stream, bool Unordered)> ReceiveUntil(AssociationPair pair, Association receiver, int count, Func<bool>? also = null)
    {
        var received = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        Assert.True(
            pair.DriveUntil(() => { received.AddRange(WireView.Drain(receiver)); return received.Count >= count && (also?.Invoke() ?? true); }, TimeSpan.FromSeconds(120)),
            $"Received {received.Count} of {count}. {pair.Describe()}");
        return received;
    }

    private static int IndexOfFirst(AssociationPair pair, Func<CapturedPacket, bool> predicate) => pair.Log.FindIndex(p => predicate(p));

    private static int IndexOfLast(AssociationPair pair, Func<CapturedPacket, bool> predicate) => pair.Log.FindLastIndex(p => predicate(p));

    private static List<StreamId> ResetStreams(List<AssociationEvent> events, AssociationEventKind kind) =>
        [.. events.Where(e => e.Kind == kind).SelectMany(e => e.Streams)];

    [Fact]
    public void Rfc6525_5_1_2_RequestWaitsForQueuedDataAndSequenceNumbersRestartAfterReset()
    {
        var pair = Connected();
        var client = pair.Client!;

        // More than the initial congestion window is queued on stream 1, so the reset has to wait for it.
        for (byte m = 1; m <= 5; m++)
        {
            Assert.True(client.TrySend(pair.Now, One, WireView.Message(m, 2000)));
        }

        client.ResetStreams(pair.Now, [One]);
        var received = ReceiveUntil(pair, pair.Server!, 5, () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset));
        Assert.Equal([1, 2, 3, 4, 5], received.Select(r => (int)r.Marker));

        // The request went out after the last of the stream's DATA was first sent, and names its TSN.
        var data = pair.AllData(Side.Client);
        var request = Assert.Single(pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client));
        int lastData = IndexOfLast(pair, p => p.From == Side.Client && WireView.DataChunks(p.Bytes).Any(d => d.Marker == 5 && d.End));
        Assert.True(pair.Log.IndexOf(request.Packet) >= lastData, pair.Describe());
        Assert.Equal(data.Max(d => d.Data.Tsn), request.Parameter.SenderLastAssignedTsn);
        Assert.Equal([One], request.Parameter.Streams);
        var response = Assert.Single(pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server));
        Assert.Equal(ReconfigurationResult.SuccessPerformed, response.Parameter.Result);
        Assert.Equal(request.Parameter.RequestSequenceNumber, response.Parameter.ResponseSequenceNumber);
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));
        Assert.Equal([One], ResetStreams(pair.ClientEvents, AssociationEventKind.OutgoingStreamsReset));

        // RFC 6525 section 5.1.2: after the reset the stream's SSNs start again from 0.
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(6)));
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(7)));
        var after = ReceiveUntil(pair, pair.Server!, 2);
        Assert.Equal([6, 7], after.Select(r => (int)r.Marker));
        var newData = pair.AllData(Side.Client).Where(d => d.Data.Marker is 6 or 7).Select(d => d.Data).ToList();
        Assert.Equal([0u, 1u], newData.Select(d => d.SsnOrMid));
    }

    [Fact]
    public void Rfc6525_5_2_2_ReceiverDefersTheResetUntilItHasEveryTsnUpToTheLastAssigned()
    {
        var pair = Connected();
        var client = pair.Client!;
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.CarriesMarker(bytes, 2) && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        for (byte m = 1; m <= 3; m++)
        {
            Assert.True(client.TrySend(pair.Now, One, WireView.Message(m)));
            pair.FlushAll();
        }

        client.ResetStreams(pair.Now, [One]);
        var received = ReceiveUntil(pair, pair.Server!, 3, () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset));
        Assert.Equal([1, 2, 3], received.Select(r => (int)r.Marker));

        // The first answer is "In progress" (message 2 is missing); the request is asked again until it is performed.
        var responses = pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server).Select(r => r.Parameter.Result).ToList();
        Assert.Equal(ReconfigurationResult.InProgress, responses[0]);
        Assert.Equal(ReconfigurationResult.SuccessPerformed, responses[^1]);
        var requests = pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client);
        Assert.True(requests.Count >= 2);
        Assert.Single(requests.Select(r => r.Parameter.RequestSequenceNumber).Distinct());
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));
        Assert.Equal([One], ResetStreams(pair.ClientEvents, AssociationEventKind.OutgoingStreamsReset));

        // The reset took effect after message 3: the next message starts at SSN 0 and is delivered.
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(4)));
        Assert.Equal([4], ReceiveUntil(pair, pair.Server!, 1).Select(r => (int)r.Marker));
        Assert.Equal(0u, pair.AllData(Side.Client).Single(d => d.Data.Marker == 4).Data.SsnOrMid);
    }

    [Fact]
    public void Rfc6525_5_2_2_ResetAfterAnAbandonedMessageCompletesOnceForwardTsnSkipsIt()
    {
        // Message 2 (sent once at most, RFC 7496) is lost: the receiver can only reach the request's last
        // assigned TSN through the FORWARD-TSN that skips it (RFC 3758).
        var pair = Connected();
        var client = pair.Client!;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.CarriesMarker(bytes, 2) ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(1)));
        pair.FlushAll();
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(2), reliability: ReliabilityPolicy.LimitedRetransmissions(0)));
        pair.FlushAll();
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(3)));
        client.ResetStreams(pair.Now, [One]);

        var received = ReceiveUntil(pair, pair.Server!, 2, () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset));
        Assert.Equal([1, 3], received.Select(r => (int)r.Marker));
        Assert.Equal(ReconfigurationResult.InProgress, pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server)[0].Parameter.Result);
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));
        Assert.NotEmpty(pair.ForwardTsns(Side.Client));

        Assert.True(client.TrySend(pair.Now, One, WireView.Message(4)));
        Assert.Equal([4], ReceiveUntil(pair, pair.Server!, 1).Select(r => (int)r.Marker));
        Assert.Equal(0u, pair.AllData(Side.Client).Single(d => d.Data.Marker == 4).Data.SsnOrMid);
    }

    [Fact]
    public void Rfc6525_5_2_7_InProgressAnswersDoNotCountAsErrors()
    {
        // Message 2 is lost once, so the peer answers the request "In progress". T-reconfig then expires with
        // T3-rtx: the T3-rtx expiry is one error, within Association.Max.Retrans of 1; asking again after
        // "In progress" must not count as another (RFC 6525 section 5.2.7), or the association would be
        // lost although the peer answers everything.
        var config = new TransportConfig { AssociationMaxRetransmits = 1 };
        var pair = Connected(config, config);
        var client = pair.Client!;
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.CarriesMarker(bytes, 2) && drops++ < 1 ? PacketFate.Drop : PacketFate.Deliver;
        for (byte m = 1; m <= 3; m++)
        {
            Assert.True(client.TrySend(pair.Now, One, WireView.Message(m)));
            pair.FlushAll();
        }

        client.ResetStreams(pair.Now, [One]);
        var received = ReceiveUntil(pair, pair.Server!, 3, () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset));

        Assert.Equal([1, 2, 3], received.Select(r => (int)r.Marker));
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        var responses = pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server);
        Assert.Equal(ReconfigurationResult.InProgress, responses[0].Parameter.Result);
        Assert.Equal(ReconfigurationResult.SuccessPerformed, responses[^1].Parameter.Result);
        Assert.Equal(AssociationState.Established, client.State);
    }

    [Fact]
    public void Rfc6525_5_1_2_SendingOnAStreamBeingResetThrowsWithoutAffectingOtherStreams()
    {
        var pair = Connected();
        var client = pair.Client!;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(1, 5000)));
        client.ResetStreams(pair.Now, [One]);

        Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, One, WireView.Message(9)));
        Assert.True(client.TrySend(pair.Now, Two, WireView.Message(2)));

        var received = ReceiveUntil(pair, pair.Server!, 2, () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset));
        Assert.Equal([(1, One), (2, Two)], received.Select(r => ((int)r.Marker, r.Stream)).OrderBy(r => r.Item1));
        Assert.DoesNotContain(pair.AllData(Side.Client), d => d.Data.Marker == 9);
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));

        // Once the reset is done, the stream takes messages again.
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(3)));
        Assert.Equal([3], ReceiveUntil(pair, pair.Server!, 1).Select(r => (int)r.Marker));
    }

    [Fact]
    public void Rfc6525_5_1_2_BothSidesResettingTheSameStreamAtOnce()
    {
        var pair = Connected();
        var client = pair.Client!;
        var server = pair.Server!;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(1)));
        Assert.True(server.TrySend(pair.Now, One, WireView.Message(2)));
        client.ResetStreams(pair.Now, [One]);
        server.ResetStreams(pair.Now, [One]);

        Assert.True(
            pair.DriveUntil(
                () => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset) && pair.ServerEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset),
                TimeSpan.FromSeconds(30)),
            pair.Describe());
        Assert.Equal([1], WireView.Drain(server).Select(r => (int)r.Marker));
        Assert.Equal([2], WireView.Drain(client).Select(r => (int)r.Marker));
        Assert.Equal([One], ResetStreams(pair.ClientEvents, AssociationEventKind.IncomingStreamsReset));
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.StreamResetFailed);
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.StreamResetFailed);

        // Both directions start again at SSN 0.
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(3)));
        Assert.True(server.TrySend(pair.Now, One, WireView.Message(4)));
        Assert.Equal([3], ReceiveUntil(pair, server, 1).Select(r => (int)r.Marker));
        Assert.Equal([4], ReceiveUntil(pair, client, 1).Select(r => (int)r.Marker));
        Assert.Equal(0u, pair.AllData(Side.Client).Single(d => d.Data.Marker == 3).Data.SsnOrMid);
        Assert.Equal(0u, pair.AllData(Side.Server).Single(d => d.Data.Marker == 4).Data.SsnOrMid);
    }

    [Fact]
    public void Rfc6525_5_1_1_LostRequestIsSentAgainWhenTReconfigExpires()
    {
        var pair = Connected();
        var client = pair.Client!;
        int drops = 0;
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.Chunks<ReConfigChunk>(bytes).Count > 0 && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        client.ResetStreams(pair.Now, [One]);

        Assert.True(pair.DriveUntil(() => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset), TimeSpan.FromSeconds(30)), pair.Describe());
        var requests = pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[0].Packet.Dropped);
        Assert.Equal(requests[0].Parameter.RequestSequenceNumber, requests[1].Parameter.RequestSequenceNumber);

        // T-reconfig runs for one RTO (RFC 6525 section 5.1.1); the RTO is 1 s here.
        Assert.Equal(client.Stats.Rto.TotalMilliseconds, (requests[1].Packet.Time - requests[0].Packet.Time).TotalMilliseconds, 1.0);
        Assert.Equal([One], ResetStreams(pair.ServerEvents, AssociationEventKind.IncomingStreamsReset));
    }

    [Fact]
    public void Rfc6525_5_2_2_LostResponseIsAnsweredAgainWithoutResettingTwice()
    {
        var pair = Connected();
        var client = pair.Client!;
        int drops = 0;
        pair.Intercept = (side, bytes) =>
            side == Side.Server && WireView.Chunks<ReConfigChunk>(bytes).Count > 0 && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(1)));
        client.ResetStreams(pair.Now, [One]);

        Assert.True(pair.DriveUntil(() => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.OutgoingStreamsReset), TimeSpan.FromSeconds(30)), pair.Describe());
        var responses = pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server);
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal(ReconfigurationResult.SuccessPerformed, r.Parameter.Result));
        Assert.Single(pair.ServerEvents, e => e.Kind == AssociationEventKind.IncomingStreamsReset);
        Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.OutgoingStreamsReset);
    }

    [Fact]
    public void Rfc6525_5_1_1_ASecondResetWaitsForTheFirstRequestToBeAnswered()
    {
        var pair = Connected();
        var client = pair.Client!;
        client.ResetStreams(pair.Now, [One]);
        pair.FlushAll();
        client.ResetStreams(pair.Now, [Two]);

        Assert.True(pair.DriveUntil(() => pair.ClientEvents.Count(e => e.Kind == AssociationEventKind.OutgoingStreamsReset) == 2, TimeSpan.FromSeconds(10)), pair.Describe());

        // One request outstanding at a time (section 5.1.1); the second takes the next sequence number.
        var requests = pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client);
        Assert.Equal(2, requests.Count);
        Assert.Equal([One], requests[0].Parameter.Streams);
        Assert.Equal([Two], requests[1].Parameter.Streams);
        Assert.Equal(requests[0].Parameter.RequestSequenceNumber.Next, requests[1].Parameter.RequestSequenceNumber);
        var firstResponse = pair.ReconfigParameters<ReconfigurationResponseParameter>(Side.Server)[0].Packet;
        Assert.True(requests[1].Packet.Time >= firstResponse.Time + pair.Latency);
        Assert.Equal(
            [[One], [Two]],
            pair.ServerEvents.Where(e => e.Kind == AssociationEventKind.IncomingStreamsReset).Select(e => e.Streams.ToArray()));
    }

    [Fact]
    public void Rfc6525_5_2_7_DeniedResetReopensTheStreamWithItsSequenceNumbers()
    {
        var pair = Connected();
        var client = pair.Client!;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(1)));
        pair.FlushAll();

        // The request never reaches the peer; a "Denied" answer comes back instead.
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.Chunks<ReConfigChunk>(bytes).Count > 0 ? PacketFate.Drop : PacketFate.Deliver;
        client.ResetStreams(pair.Now, [One]);
        pair.FlushAll();
        var request = Assert.Single(pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client)).Parameter;
        pair.Inject(Side.Server, pair.PacketFrom(Side.Server, new ReConfigChunk(new ReconfigurationResponseParameter(request.RequestSequenceNumber, ReconfigurationResult.Denied))));

        Assert.Equal([One], ResetStreams(pair.ClientEvents, AssociationEventKind.StreamResetFailed));
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.OutgoingStreamsReset);

        // The stream takes messages again and goes on with its SSNs; the request is not sent again.
        pair.Intercept = null;
        Assert.True(client.TrySend(pair.Now, One, WireView.Message(2)));
        var received = ReceiveUntil(pair, pair.Server!, 2);
        pair.Drive(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2], received.Select(r => (int)r.Marker));
        Assert.Equal(1u, pair.AllData(Side.Client).Single(d => d.Data.Marker == 2).Data.SsnOrMid);
        Assert.Single(pair.ReconfigParameters<OutgoingSsnResetRequestParameter>(Side.Client));
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.IncomingStreamsReset);
    }

    [Theory]
    [InlineData(1ul, false, false)]
    [InlineData(2ul, true, false)]
    [InlineData(3ul, false, true)]
    [InlineData(4ul, true, true)]
    [InlineData(5ul, false, true)]
    [InlineData(6ul, true, true)]
    public void Rfc6525_RandomLossWithResetsThenShutdownLosesAndReordersNothing(ulong seed, bool interleaving, bool partialReliability)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaving };
        var pair = Connected(config, config, seed);
        pair.LossRate = 0.1;
        var random = new SeededRandomSource(seed);
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = new List<(StreamId Stream, byte[] Payload, bool Reliable)>();
        var received = new List<(StreamId Stream, byte[] Payload)>();
        var resetting = new HashSet<StreamId>();
        int resetsAsked = 0;
        int eventsSeen = 0;

        void Progress(TimeSpan duration)
        {
            pair.Drive(duration);
            received.AddRange(AssociationPair.ReceiveAll(server).Select(m => (m.Stream, m.Payload)));
            for (; eventsSeen < pair.ClientEvents.Count; eventsSeen++)
            {
                var e = pair.ClientEvents[eventsSeen];
                Assert.NotEqual(AssociationEventKind.StreamResetFailed, e.Kind);
                if (e.Kind == AssociationEventKind.OutgoingStreamsReset)
                {
                    resetting.ExceptWith(e.Streams);
                }
            }
        }

        for (int i = 0; i < 200; i++)
        {
            var stream = new StreamId((ushort)(random.NextUInt32() % 4));
            if (resetting.Contains(stream))
            {
                Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, stream, new byte[8]));
            }
            else
            {
                byte[] payload = new byte[8 + (random.NextUInt32() % 3000)];
                random.Fill(payload);
                BinaryPrimitives.WriteInt32BigEndian(payload, sent.Count);
                var policy = !partialReliability ? ReliabilityPolicy.Reliable : (random.NextUInt32() % 3) switch
                {
                    0 => ReliabilityPolicy.Reliable,
                    1 => ReliabilityPolicy.LimitedRetransmissions((int)(random.NextUInt32() % 2)),
                    _ => ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(100 + (random.NextUInt32() % 1000))),
                };
                Assert.True(client.TrySend(pair.Now, stream, payload, reliability: policy));
                sent.Add((stream, payload, policy.IsReliable));
            }

            if (i % 15 == 14 && resetting.Add(stream))
            {
                client.ResetStreams(pair.Now, [stream]);
                resetsAsked++;
            }

            if (i % 5 == 4)
            {
                Progress(TimeSpan.FromMilliseconds(30));
            }
        }

        Assert.True(pair.DriveUntil(() => { Progress(TimeSpan.Zero); return resetting.Count == 0; }, TimeSpan.FromSeconds(300)), pair.Describe());
        client.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => client.IsClosed && server.IsClosed, TimeSpan.FromSeconds(300)), pair.Describe());
        received.AddRange(AssociationPair.ReceiveAll(server).Select(m => (m.Stream, m.Payload)));

        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);

        // Every reliable message arrived (and any other at most once), intact, and each stream's messages in
        // the order sent, across its resets and whatever was abandoned between them.
        var ids = received.Select(r => BinaryPrimitives.ReadInt32BigEndian(r.Payload)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var missing = Enumerable.Range(0, sent.Count).Except(ids).ToList();
        Assert.DoesNotContain(missing, id => sent[id].Reliable);
        Assert.True(client.Stats.MessagesAbandoned >= missing.Count);
        foreach (var (stream, payload) in received)
        {
            var original = sent[BinaryPrimitives.ReadInt32BigEndian(payload)];
            Assert.Equal(original.Stream, stream);
            Assert.Equal(original.Payload, payload);
        }

        foreach (var group in ids.GroupBy(id => sent[id].Stream))
        {
            Assert.Equal(group.Order(), group);
        }

        Assert.Equal(resetsAsked, pair.ClientEvents.Where(e => e.Kind == AssociationEventKind.OutgoingStreamsReset).Sum(e => e.Streams.Count));
        Assert.Equal(resetsAsked, pair.ServerEvents.Where(e => e.Kind == AssociationEventKind.IncomingStreamsReset).Sum(e => e.Streams.Count));
        Assert.True(resetsAsked >= 3, $"only {resetsAsked} resets");
    }

    [Fact]
    public void Rfc6525_3_WithoutReconfigurationNegotiatedResetStreamsThrows()
    {
        var pair = Connected(server: new TransportConfig { EnableStreamReset = false });
        Assert.Equal((NegotiatedFeatures)0, pair.Client!.Features & NegotiatedFeatures.StreamReset);

        Assert.Throws<InvalidOperationException>(() => pair.Client.ResetStreams(pair.Now, [One]));
        Assert.Throws<InvalidOperationException>(() => pair.Server!.ResetStreams(pair.Now, [One]));

        // Nothing changed: the stream still works and no RE-CONFIG was sent.
        Assert.True(pair.Client.TrySend(pair.Now, One, WireView.Message(1)));
        Assert.Equal([1], ReceiveUntil(pair, pair.Server!, 1).Select(r => (int)r.Marker));
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.ReConfig));
    }
}
