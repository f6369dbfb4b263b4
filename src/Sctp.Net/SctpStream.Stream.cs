namespace Sctp.Net;

/// <summary>The <see cref="Stream"/> boilerplate of <see cref="SctpStream"/>.</summary>
public sealed partial class SctpStream : Stream
{
    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => !_writesCompleted;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads bytes of the stream's messages in order, across message boundaries; 0 at the end of the stream.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var result = await ReadMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
        return result.BytesRead;
    }

    /// <summary>Sends <paramref name="buffer"/> as one message, or several when it is larger than the maximum message size.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int max = _connection.Association.Config.MaxMessageSize;
        while (!buffer.IsEmpty)
        {
            int count = Math.Min(max, buffer.Length);
            await WriteMessageAsync(buffer[..count], null, cancellationToken).ConfigureAwait(false);
            buffer = buffer[count..];
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Nothing to do: written bytes are handed to the protocol at once.</summary>
    public override void Flush()
    {
    }

    /// <summary>Nothing to do: written bytes are handed to the protocol at once.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Completes writes (the peer sees the end of the stream).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                CompleteWrites();
            }
            catch (SctpException)
            {
                // The connection is already gone; there is nothing left to end.
            }
        }

        base.Dispose(disposing);
    }
}
