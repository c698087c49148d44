using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Run;

/// <summary>
/// <c>--shard K/N</c>: the K-th of N parts of a run's suites, for a CI matrix (each job runs one part, one job merges
/// the reports: <see cref="Parity.ShardMerge"/>). Every suite lands in exactly one part, decided by the suites alone:
/// each suite has a place on a line, drawn from a hash of its operation and rule (so a place does not depend on the
/// other suites), and takes up as much of the line as the cases it sends (boundary cases plus max-test, twice for a
/// replay or a pair); the line is cut into N equal lengths and a suite belongs to the part its middle falls in. The
/// parts are then balanced by cases to within one suite, and a suite added or removed elsewhere shifts the others by
/// its length only: no suite moves but one lying across a cut, into the next part. (Buckets of a hash alone never
/// move a suite, but leave the parts unbalanced by chance, and more so the more parts there are.)
/// </summary>
public sealed record Shard(int K, int N)
{
    public override string ToString() => $"{K}/{N}";

    /// <summary><c>K/N</c> with 1 &lt;= K &lt;= N; anything else is a one-line <see cref="HarnessException"/>.</summary>
    public static Shard Parse(string text) =>
        text.Split('/') is [var k, var n] && int.TryParse(k, out var part) && int.TryParse(n, out var parts)
        && parts is >= 1 and <= 1000 && part >= 1 && part <= parts
            ? new(part, parts)
            : throw new HarnessException($"--shard takes K/N, the K-th of N parts (1 <= K <= N <= 1000, e.g. 2/3), " +
                                         $"not '{string.Concat(text.Take(40))}'");

    /// <summary>The part (1 to <paramref name="n"/>) of each suite, by index.</summary>
    public static int[] Parts(IReadOnlyList<RuleSuite> suites, RunSettings settings, int n)
    {
        var weights = suites.Select(s => Weight(s, settings)).ToArray();
        var order = Enumerable.Range(0, suites.Count)
            .OrderBy(i => Place(suites[i])).ThenBy(i => suites[i].Operation, StringComparer.Ordinal)
            .ThenBy(i => suites[i].Rule.Value, StringComparer.Ordinal).ToList();
        double total = weights.Sum(), before = 0;
        var parts = new int[suites.Count];
        foreach (var i in order)
        {
            parts[i] = 1 + Math.Min(n - 1, (int)((before + weights[i] / 2) / total * n));
            before += weights[i];
        }
        return parts;
    }

    /// <summary>The indices of this part's suites, in the run's order.</summary>
    public IReadOnlyList<int> Of(IReadOnlyList<RuleSuite> suites, RunSettings settings)
    {
        var parts = Parts(suites, settings, N);
        return [.. Enumerable.Range(0, suites.Count).Where(i => parts[i] == K)];
    }

    /// <summary>The cases a suite sends when they all hold, as requests; a suite that sends none still takes a
    /// little room, so it too lands somewhere.</summary>
    static double Weight(RuleSuite s, RunSettings settings) =>
        1 + (s.SkipReason is null ? (s.Boundary.Count + s.RandomCases(settings.MaxTest)) * Plan.Cost(s) : 0);

    static ulong Place(RuleSuite s) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{s.Operation} {s.Rule}")));
}
