using System.Numerics;

namespace LiveClass.Bench.Measuring;

/// <summary>A growable set of seq numbers (a bit per seq), to count gaps and duplicates exactly.</summary>
public sealed class SeqSet
{
    private ulong[] _bits = new ulong[8];

    /// <summary>Adds <paramref name="seq"/>; true when it was already there.</summary>
    public bool TestAndSet(long seq)
    {
        if (seq < 0)
        {
            return false;
        }

        var word = (int)(seq >> 6);
        Ensure(word);
        var mask = 1UL << (int)(seq & 63);
        var had = (_bits[word] & mask) != 0;
        _bits[word] |= mask;
        return had;
    }

    /// <summary>Adds every seq from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public void SetRange(long from, long to)
    {
        for (var seq = Math.Max(0, from); seq <= to; seq++)
        {
            TestAndSet(seq);
        }
    }

    /// <summary>How many seqs from <paramref name="from"/> to <paramref name="to"/> (both included) are in the set.</summary>
    public long CountRange(long from, long to)
    {
        long count = 0;
        for (var seq = Math.Max(0, from); seq <= to; seq++)
        {
            if ((seq & 63) == 0 && seq + 63 <= to)
            {
                var word = (int)(seq >> 6);
                count += word < _bits.Length ? BitOperations.PopCount(_bits[word]) : 0;
                seq += 63;
                continue;
            }

            if (Contains(seq))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The highest h such that every seq in (<paramref name="after"/>, h] is in the set.</summary>
    public long ContiguousEnd(long after)
    {
        var seq = after + 1;
        while (Contains(seq))
        {
            seq++;
        }

        return seq - 1;
    }

    public bool Contains(long seq)
    {
        if (seq < 0)
        {
            return false;
        }

        var word = (int)(seq >> 6);
        return word < _bits.Length && (_bits[word] & (1UL << (int)(seq & 63))) != 0;
    }

    private void Ensure(int word)
    {
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }
    }
}
