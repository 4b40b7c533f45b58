namespace LiveClass.Bench.Measuring;

public static class Atomic
{
    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> unless another thread has already gone higher.</summary>
    public static void Max(ref long target, long value)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref target);
        }
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current);
    }
}
