using Sctp.Packet.ErrorCauses;

namespace Sctp;

/// <summary>What an <see cref="AssociationEvent"/> reports.</summary>
public enum AssociationEventKind
{
    /// <summary>The handshake completed: the association is established.</summary>
    Connected,
    /// <summary>The peer restarted the association (RFC 9260 section 5.2.4, action A): sequence numbers began afresh and unacknowledged data was lost.</summary>
    Restarted,
    /// <summary>The peer opened a stream by sending on it for the first time (<see cref="AssociationEvent.StreamId"/>).</summary>
    StreamOpened,
    /// <summary>Complete messages are ready: take them with <see cref="Association.TryReceive"/>.</summary>
    MessagesAvailable,
    /// <summary>A stream's queued bytes fell to its low threshold (<see cref="AssociationEvent.StreamId"/>).</summary>
    BufferedAmountLow,
    /// <summary>The association's send buffer has room again after writers filled it.</summary>
    Writable,
    /// <summary>Our reset of outgoing streams took effect (RFC 6525); <see cref="AssociationEvent.Streams"/> lists them.</summary>
    OutgoingStreamsReset,
    /// <summary>The peer reset its outgoing streams, ending what it sends on them (<see cref="AssociationEvent.Streams"/>).</summary>
    IncomingStreamsReset,
    /// <summary>The peer denied or failed our stream reset request (<see cref="AssociationEvent.Streams"/>).</summary>
    StreamResetFailed,
    /// <summary>The peer sent an ERROR chunk (<see cref="AssociationEvent.Causes"/>); the association goes on.</summary>
    ErrorReceived,
    /// <summary>The association was lost (<see cref="AssociationEvent.Error"/> says why). Nothing more will be sent or received.</summary>
    Lost,
    /// <summary>The graceful shutdown completed. Nothing more will be sent or received.</summary>
    ShutdownComplete,
}

/// <summary>An event for the application, from <see cref="Association.PollEvent"/>. A struct, so that frequent events cost no allocation.</summary>
public readonly struct AssociationEvent
{
    private readonly object? _detail;

    internal AssociationEvent(AssociationEventKind kind, StreamId streamId = default, object? detail = null)
    {
        Kind = kind;
        StreamId = streamId;
        _detail = detail;
    }

    /// <summary>What happened.</summary>
    public AssociationEventKind Kind { get; }

    /// <summary>The stream concerned, for stream events.</summary>
    public StreamId StreamId { get; }

    /// <summary>Why the association was lost, for <see cref="AssociationEventKind.Lost"/>.</summary>
    public AssociationError? Error => _detail as AssociationError;

    /// <summary>The causes of an ERROR chunk, for <see cref="AssociationEventKind.ErrorReceived"/>.</summary>
    public IReadOnlyList<ErrorCause> Causes => _detail as IReadOnlyList<ErrorCause> ?? [];

    /// <summary>The streams of a reset event.</summary>
    public IReadOnlyList<StreamId> Streams => _detail as IReadOnlyList<StreamId> ?? [];

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        AssociationEventKind.Lost => $"Lost({Error})",
        AssociationEventKind.StreamOpened or AssociationEventKind.BufferedAmountLow => $"{Kind}({StreamId})",
        AssociationEventKind.OutgoingStreamsReset or AssociationEventKind.IncomingStreamsReset or AssociationEventKind.StreamResetFailed => $"{Kind}([{string.Join(',', Streams)}])",
        _ => Kind.ToString(),
    };
}
