namespace Sctp.Packet.Chunks;

/// <summary>Checks and constants shared by the control chunks.</summary>
internal static class ChunkSupport
{
    /// <summary>
    /// The T bit of ABORT and SHUTDOWN COMPLETE (RFC 9260 sections 3.3.7, 3.3.13 and 8.5.1): set when the
    /// packet's verification tag is reflected rather than the one the peer expects.
    /// </summary>
    public const byte TagReflectedFlag = 0x01;

    /// <summary>The largest chunk value: what the 16-bit length field leaves after the 4-byte header.</summary>
    public const int MaxValueLength = ushort.MaxValue - RawChunk.HeaderSize;

    /// <summary>
    /// Copies a caller's items into an array the chunk owns, so later changes to the caller's collection
    /// cannot change the chunk. A null collection is an empty one; a null item is rejected.
    /// </summary>
    public static T[] CopyItems<T>(IEnumerable<T>? items, string paramName) where T : TlvItem
    {
        if (items is null)
        {
            return [];
        }

        T[] copy = [.. items];
        foreach (var item in copy)
        {
            if (item is null)
            {
                throw new ArgumentException("The collection holds a null item.", paramName);
            }
        }

        return copy;
    }

    /// <summary>Rejects a value too long for the chunk length field.</summary>
    public static void EnsureValueFits(int valueLength, string paramName)
    {
        if (valueLength > MaxValueLength)
        {
            throw new ArgumentException(
                $"The chunk value would take {valueLength} bytes; a chunk carries at most {MaxValueLength}.", paramName);
        }
    }

    /// <summary>The first item of type <typeparamref name="T"/> in <paramref name="items"/>, or null.</summary>
    public static T? FirstOfType<T>(IReadOnlyList<TlvItem> items) where T : TlvItem
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is T match)
            {
                return match;
            }
        }

        return null;
    }
}
