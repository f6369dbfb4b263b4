namespace Sctp;

/// <summary>
/// Turns a sequence of 32-bit serial numbers (TSN, MID, FSN) into 64-bit values that order totally,
/// so that ordering survives any number of wraps. Each value is unwrapped relative to the last one seen,
/// which must be less than 2^31 away.
/// </summary>
public struct SerialUnwrapper32
{
    private long _last;
    private bool _hasLast;

    /// <summary>Creates an unwrapper whose first value is unwrapped close to <paramref name="start"/>.</summary>
    public SerialUnwrapper32(uint start)
    {
        _last = start;
        _hasLast = true;
    }

    /// <summary>The 64-bit value of <paramref name="value"/>, taken as the nearest one to the last value seen; records it as the last value.</summary>
    public long Unwrap(uint value)
    {
        long result = PeekUnwrap(value);
        _last = result;
        _hasLast = true;
        return result;
    }

    /// <summary>The 64-bit value of <paramref name="value"/> without recording it.</summary>
    public readonly long PeekUnwrap(uint value)
    {
        if (!_hasLast)
        {
            return value;
        }

        int delta = unchecked((int)(value - (uint)_last));
        return _last + delta;
    }
}
