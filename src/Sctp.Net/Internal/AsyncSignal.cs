namespace Sctp.Net.Internal;

/// <summary>
/// A level-triggered wake-up for one kind of waiter (readers of a stream, writers waiting for buffer
/// space): <see cref="Set"/> wakes every current waiter, which then re-checks its condition under the lock.
/// Continuations run asynchronously, never inline under the driver's lock.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next <see cref="Set"/>. Take it under the lock, await it outside.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _source.Task.WaitAsync(cancellationToken);

    /// <summary>Wakes every waiter.</summary>
    public void Set()
    {
        var previous = Interlocked.Exchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
