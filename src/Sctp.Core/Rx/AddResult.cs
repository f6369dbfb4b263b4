namespace Sctp.Rx;

/// <summary>What <see cref="ReassemblyQueue.Add"/> made of a fragment of user data.</summary>
public enum AddResult
{
    /// <summary>The payload was taken: held as a fragment, or completed a message (delivered or waiting for its turn).</summary>
    Accepted,

    /// <summary>
    /// Not an error: the payload was not kept because it belongs to a message that can no longer be
    /// delivered (already delivered, or skipped by FORWARD-TSN / I-FORWARD-TSN), or is an exact repeat of a
    /// fragment already held. The TSN stays acknowledged. Nothing else changed, except that fragments
    /// already held of such an undeliverable message are released with it.
    /// </summary>
    Discarded,

    /// <summary>
    /// The reassembled message would exceed the configured maximum message size. The fragment was not kept
    /// and nothing else changed; the association decides what to do (typically ABORT, since the message can
    /// never be delivered whole).
    /// </summary>
    MessageTooLarge,

    /// <summary>
    /// The fragment contradicts what is already held (for example a B fragment in the middle of a message,
    /// two fragments for the same slot, a fragment past the E fragment). A protocol violation by the peer;
    /// the fragment was not kept and nothing else changed.
    /// </summary>
    InconsistentFragment,

    /// <summary>
    /// The payload is empty. RFC 9260 section 6.2 (and RFC 8260 section 2.1 for I-DATA) makes that a
    /// protocol violation answered with an ABORT carrying the "No User Data" error cause. Nothing was kept.
    /// </summary>
    NoUserData,
}
