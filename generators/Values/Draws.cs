using FsCheck.Fluent;

namespace NotifyContract.Generators.Values;

/// <summary>
/// SplitMix64 from one FsCheck draw: a realistic request needs a dozen small choices, and one FsCheck bind per choice
/// cost more than the rest of the case. The seed comes from FsCheck, so a run's seed still replays byte for byte.
/// </summary>
internal sealed class Draws(ulong seed)
{
    /// <summary>The FsCheck draw a <see cref="Draws"/> starts from: all 64 bits.</summary>
    public static readonly FsCheck.Gen<Draws> Gen =
        FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MaxValue).Select(s => new Draws((ulong)s));

    ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>0 to <paramref name="n"/>-1 (the modulo bias of a 64-bit draw is far below anything a case can show).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    public T Pick<T>(IReadOnlyList<T> pool) => pool[Below(pool.Count)];

    /// <summary>True once in <paramref name="n"/> draws.</summary>
    public bool OneIn(int n) => Below(n) == 0;
}
