using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sctp.Rx;

// I-DATA mode (RFC 8260 section 2.1): a fragment is identified by (stream, U bit, MID, FSN), the first
// fragment has FSN 0 and the B bit, and fragments of different messages may interleave in TSN order. Each
// incomplete message has a summary (count, size, highest FSN, FSN of its E fragment) keyed by
// (stream, U, MID); its fragments are held in one dictionary keyed by (message, FSN). A message is
// complete when it holds its E fragment and as many fragments as that FSN + 1. FSNs of one message count
// up from 0 and compare as plain integers.
public sealed partial class ReassemblyQueue
{
    private readonly Dictionary<ulong, PartialMessage> _partialMessages = [];
    private readonly Dictionary<FragmentKey, MessageFragment> _messageFragments = [];
    private readonly HashSet<ulong> _messageScratch = [];

    /// <summary>
    /// Applies an I-FORWARD-TSN (RFC 8260 section 2.3.1) in I-DATA mode; does nothing in DATA mode, where
    /// the peer must use FORWARD-TSN and the association rejects the other chunk.
    /// </summary>
    /// <remarks>
    /// <para>
    /// For an ordered entry, the stream's ordered messages up to and including the MID are skipped as
    /// <see cref="HandleForwardTsn"/> does with SSNs: complete ones still waiting are delivered at once, in
    /// order (RFC 3758 section 3.6, "stranded data"), incomplete ones are dropped, the next expected MID
    /// becomes MID + 1 and the messages now in order follow. For an unordered entry, incomplete unordered
    /// messages of the stream with a MID up to and including it are dropped (the MID is the largest one
    /// skipped, and unordered MIDs are sequential per stream, RFC 8260 section 2.1), and fragments of them
    /// arriving later are discarded. Entries behind what was already skipped are old and ignored.
    /// </para>
    /// <para>
    /// <paramref name="newCumulativeTsn"/> drops nothing by itself here: fragments of different messages
    /// interleave, so a held fragment at or below it may belong to a message that was not abandoned and whose
    /// other fragments are still coming; the skipped messages are exactly those the entries name. It only
    /// matters to a deferred reset (<see cref="EnterDeferredReset"/>).
    /// </para>
    /// </remarks>
    /// <returns>The payload bytes dropped (delivered stranded messages stay counted until dequeued).</returns>
    public int HandleIForwardTsn(Tsn newCumulativeTsn, ReadOnlySpan<(StreamId Stream, bool Unordered, Mid Mid)> streams)
    {
        if (!Interleaved)
        {
            return 0;
        }

        if (_deferred is not null && newCumulativeTsn > _deferred.SenderLastAssignedTsn)
        {
            // RFC 6525 section 5.2.2: it may skip data of the streams' next life; apply it after the reset.
            _deferred.Actions.Add(DeferredAction.ForIForwardTsn(newCumulativeTsn, streams.ToArray()));
            return 0;
        }

        int released = 0;
        foreach (var (stream, unordered, mid) in streams)
        {
            released += unordered ? SkipUnorderedThrough(stream.Value, mid.Value) : SkipOrderedThrough(stream.Value, mid.Value);
        }

        return released;
    }

    // Stream in bits 33-48, U bit in bit 32, MID in bits 0-31.
    private static ulong MessageKey(ushort stream, bool unordered, uint mid) =>
        ((ulong)stream << 33) | (unordered ? 1UL << 32 : 0UL) | mid;

    private AddResult AddInterleaved(Tsn tsn, StreamId stream, bool unordered, bool beginning, bool ending, uint mid, uint fsn, Ppid ppid, ReadOnlySpan<byte> payload)
    {
        // RFC 8260 section 2.1: the first fragment, and only it, has the B bit and FSN 0.
        if (beginning != (fsn == 0))
        {
            return AddResult.InconsistentFragment;
        }

        if (unordered)
        {
            if (_streamsWithUnorderedSkip > 0 && IsUnorderedSkipped(stream.Value, mid))
            {
                return AddResult.Discarded;
            }
        }
        else
        {
            // An ordered MID behind the next expected one belongs to a message already delivered or skipped.
            if (SequenceDistance(mid, NextOrderedOf(stream.Value)) < 0)
            {
                return AddResult.Discarded;
            }

            if (_waiting.Count > 0 && _waiting.ContainsKey(WaitKey(stream.Value, mid)))
            {
                return AddResult.InconsistentFragment;
            }
        }

        ulong messageKey = MessageKey(stream.Value, unordered, mid);
        if (beginning && ending)
        {
            // The common case: a whole message in one chunk, copied once into the buffer the consumer gets.
            if (_partialMessages.Count > 0 && _partialMessages.ContainsKey(messageKey))
            {
                return AddResult.InconsistentFragment;
            }

            if (payload.Length > MaxMessageSize)
            {
                return AddResult.MessageTooLarge;
            }

            BufferedBytes += payload.Length;
            return Complete(stream, unordered, mid, new ReceivedMessage(stream, ppid, unordered, tsn, CopyToRented(payload), payload.Length), MessageTsns.Run(tsn, 1));
        }

        ref var partial = ref CollectionsMarshal.GetValueRefOrNullRef(_partialMessages, messageKey);
        if (Unsafe.IsNullRef(ref partial))
        {
            if (payload.Length > MaxMessageSize)
            {
                return AddResult.MessageTooLarge;
            }
        }
        else
        {
            if (_messageFragments.TryGetValue(new FragmentKey(messageKey, fsn), out var held))
            {
                // The same chunk twice is harmless; another chunk for the same slot contradicts it.
                return held.Tsn == tsn && held.Length == payload.Length ? AddResult.Discarded : AddResult.InconsistentFragment;
            }

            // Only one E fragment, and no fragment after it.
            bool contradicts = ending
                ? partial.HasEnding || fsn < partial.HighestFsn
                : partial.HasEnding && fsn > partial.EndingFsn;
            if (contradicts)
            {
                return AddResult.InconsistentFragment;
            }

            if ((long)partial.Bytes + payload.Length > MaxMessageSize)
            {
                return AddResult.MessageTooLarge;
            }

            long last = ending ? fsn : partial.HasEnding ? partial.EndingFsn : -1;
            if (last >= 0 && partial.Count + 1 == last + 1)
            {
                BufferedBytes += payload.Length;
                return AssembleMessage(messageKey, partial, stream, unordered, mid, tsn, beginning, fsn, (uint)last, ppid, payload);
            }
        }

        BufferedBytes += payload.Length;
        _messageFragments.Add(new FragmentKey(messageKey, fsn), new MessageFragment(CopyToRented(payload), payload.Length, tsn));
        ref var summary = ref CollectionsMarshal.GetValueRefOrAddDefault(_partialMessages, messageKey, out _);
        summary.Count++;
        summary.Bytes += payload.Length;
        summary.HighestFsn = Math.Max(summary.HighestFsn, fsn);
        if (ending)
        {
            summary.HasEnding = true;
            summary.EndingFsn = fsn;
        }

        if (beginning)
        {
            summary.HasBeginning = true;
            summary.Ppid = ppid;
            summary.FirstTsn = tsn;
        }

        return AddResult.Accepted;
    }

    private bool IsUnorderedSkipped(ushort stream, uint mid)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, stream);
        return !Unsafe.IsNullRef(ref state)
            && state.HasUnorderedSkip
            && state.UnorderedMids.Unwrap(mid) <= state.UnorderedSkippedThrough;
    }

    // The fragment 'fsn' (not stored yet) completes the message: copy fragments 0..last into one buffer.
    private AddResult AssembleMessage(ulong messageKey, PartialMessage partial, StreamId stream, bool unordered, uint mid, Tsn tsn, bool beginning, uint fsn, uint last, Ppid ppid, ReadOnlySpan<byte> payload)
    {
        int size = partial.Bytes + payload.Length;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        int offset = 0;

        // An ordered message that is not next waits for its turn, and must remember its TSNs in case it is
        // reneged; fragments of one message need not have consecutive TSNs here (RFC 8260 section 2.1).
        var tsns = !unordered && mid != NextOrderedOf(stream.Value) ? MessageTsns.Rent((int)last + 1) : default;
        for (long f = 0; f <= last; f++)
        {
            if (f == fsn)
            {
                tsns.Add(tsn);
                payload.CopyTo(buffer.AsSpan(offset));
                offset += payload.Length;
                continue;
            }

            _messageFragments.Remove(new FragmentKey(messageKey, (uint)f), out var fragment);
            tsns.Add(fragment.Tsn);
            fragment.Buffer.AsSpan(0, fragment.Length).CopyTo(buffer.AsSpan(offset));
            offset += fragment.Length;
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }

        _partialMessages.Remove(messageKey);

        // RFC 8260 section 2.1: the PPID travels on the first fragment only.
        var message = beginning
            ? new ReceivedMessage(stream, ppid, unordered, tsn, buffer, size)
            : new ReceivedMessage(stream, partial.Ppid, unordered, partial.FirstTsn, buffer, size);
        return Complete(stream, unordered, mid, message, tsns);
    }

    private int DropInterleavedMessages(in Selection selection)
    {
        if (_partialMessages.Count == 0)
        {
            return 0;
        }

        _messageScratch.Clear();
        int released = 0;
        foreach (var (key, partial) in _partialMessages)
        {
            if (IsSelected(selection, (ushort)(key >> 33), (key & (1UL << 32)) != 0, (uint)key))
            {
                _messageScratch.Add(key);
                released += partial.Bytes;
            }
        }

        if (_messageScratch.Count == 0)
        {
            return 0;
        }

        // One pass over the fragments: a message's FSNs are whatever the peer sent, so they are not walked.
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
        foreach (var (fragmentKey, fragment) in _messageFragments)
        {
            if (_messageScratch.Contains(fragmentKey.Message))
            {
                _messageFragments.Remove(fragmentKey);
                ArrayPool<byte>.Shared.Return(fragment.Buffer);
            }
        }

        foreach (ulong key in _messageScratch)
        {
            _partialMessages.Remove(key);
        }

        _messageScratch.Clear();
        BufferedBytes -= released;
        return released;
    }

    private void ClearInterleaved()
    {
        foreach (var fragment in _messageFragments.Values)
        {
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }

        _messageFragments.Clear();
        _partialMessages.Clear();
    }

    private struct PartialMessage
    {
        public int Count;
        public int Bytes;
        public uint HighestFsn;
        public bool HasEnding;
        public uint EndingFsn;
        public bool HasBeginning;
        public Ppid Ppid;
        public Tsn FirstTsn;
    }

    private readonly record struct FragmentKey(ulong Message, uint Fsn);

    private readonly record struct MessageFragment(byte[] Buffer, int Length, Tsn Tsn);
}
