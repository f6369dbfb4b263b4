namespace Sctp.Packet;

/// <summary>
/// Writes an SCTP packet straight into a caller's buffer: the common header, then chunks while they
/// fit, then the CRC32c. Allocation-free; the buffer's length is the packet size limit (the MTU less
/// the IP and UDP headers).
/// </summary>
public ref struct PacketWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Starts a packet with <paramref name="header"/> (its checksum is ignored and computed by <see cref="Complete"/>).</summary>
    /// <exception cref="ArgumentException">The buffer cannot hold a common header.</exception>
    public PacketWriter(Span<byte> buffer, CommonHeader header)
    {
        if (buffer.Length < CommonHeader.Size)
        {
            throw new ArgumentException($"A packet buffer needs at least {CommonHeader.Size} bytes.", nameof(buffer));
        }

        _buffer = buffer;
        header.WriteTo(buffer);
        _length = CommonHeader.Size;
    }

    /// <summary>Bytes written so far, header included.</summary>
    public readonly int Length => _length;

    /// <summary>Bytes still free for chunks.</summary>
    public readonly int Remaining => _buffer.Length - _length;

    /// <summary>True when no chunk has been added.</summary>
    public readonly bool IsEmpty => _length == CommonHeader.Size;

    /// <summary>Adds <paramref name="chunk"/> if it fits; returns false (writing nothing) if it does not.</summary>
    public bool TryAdd<T>(scoped T chunk) where T : IChunk, allows ref struct
    {
        int size = chunk.SerializedSize;
        if (size > Remaining)
        {
            return false;
        }

        _length += chunk.WriteTo(_buffer.Slice(_length, size));
        return true;
    }

    /// <summary>
    /// Hands out the next <paramref name="size"/> bytes (a multiple of 4) for a chunk the caller writes
    /// itself; false when they do not fit.
    /// </summary>
    public bool TryReserve(int size, out Span<byte> chunkSpace)
    {
        if (size < RawChunk.HeaderSize || (size & 3) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A chunk takes at least 4 bytes and a multiple of 4.");
        }

        if (size > Remaining)
        {
            chunkSpace = default;
            return false;
        }

        chunkSpace = _buffer.Slice(_length, size);
        _length += size;
        return true;
    }

    /// <summary>
    /// Finishes the packet: stamps the CRC32c (or leaves the checksum zero when
    /// <paramref name="zeroChecksum"/>, as RFC 9653 allows once both sides agreed) and returns its length.
    /// </summary>
    public readonly int Complete(bool zeroChecksum = false)
    {
        var packet = _buffer[.._length];
        if (zeroChecksum)
        {
            packet.Slice(8, 4).Clear();
        }
        else
        {
            Crc32c.Stamp(packet);
        }

        return _length;
    }
}
