using System.Globalization;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Run;

/// <summary>
/// How a run spends its requests (<c>--max-requests</c>), told before it starts: every rule's boundary cases first
/// (all operations), then random cases spread evenly across the rules, shrinking with what is left. A rule without
/// boundary cases (<c>Valid.accepted</c>, <c>Idempotency.*</c>) needs its first random case as the others need
/// their boundary cases: it counts among them. A replayed case or a pair costs two requests.
/// </summary>
/// <param name="BoundaryCases">The cases every rule must get for the run to be complete.</param>
/// <param name="BoundaryRequests">The requests they take.</param>
/// <param name="RandomCases">The random cases on top of them (at most; a failing rule stops at its first failure).</param>
/// <param name="Budget">Requests the target will send; null: no limit.</param>
/// <param name="Exhaustive">A snapshot run: every case, random ones included, is required.</param>
public sealed record Plan(int BoundaryCases, int BoundaryRequests, int RandomCases, int MaxTest, long? Budget,
    bool Exhaustive = false)
{
    public static Plan Of(IReadOnlyList<RuleSuite> suites, RunSettings settings, long? budget)
    {
        var running = suites.Where(s => s.SkipReason is null).ToList();
        return new(
            running.Sum(s => Required(s, settings)),
            running.Sum(s => Required(s, settings) * Cost(s)),
            // the random cases not already required (a snapshot run requires them all)
            running.Sum(s => Randoms(s, settings) - (Required(s, settings) - s.Boundary.Count)),
            settings.MaxTest,
            budget,
            settings.Exhaustive);
    }

    /// <summary>Whether the budget pays for every boundary case.</summary>
    public bool Covers => Budget is not { } b || b >= BoundaryRequests;

    /// <summary>The budget on an AWS host when <c>--max-requests</c> is not given: the boundary requests, a quarter
    /// more for random cases and shrinking, and a margin for the preflight and throttled retries.</summary>
    public int DefaultBudget => BoundaryRequests + BoundaryRequests / 4 + 100;

    /// <summary><c>plan: 1,012 boundary cases (1,020 requests), 4,500 random cases (max-test 100), budget 1,999
    /// requests left: covers every boundary case</c> (a live run's preflight took one).</summary>
    public string Line => (Exhaustive
                              ? $"plan: {N(BoundaryCases)} cases ({N(BoundaryRequests)} requests), every boundary " +
                                $"and random case (max-test {N(MaxTest)}): a snapshot run sends them all, "
                              : $"plan: {N(BoundaryCases)} boundary cases ({N(BoundaryRequests)} requests), " +
                                $"{N(RandomCases)} random cases (max-test {N(MaxTest)}), ") +
                          (Budget is { } b
                              ? $"budget {N(b)} requests left: " + (Covers
                                  ? "covers every boundary case"
                                  : $"does NOT cover every boundary case")
                              : "no budget");

    /// <summary>A budget too small for the boundary cases: what happens and what to do.</summary>
    public string? Warning => Covers ? null :
        $"warning: the {N(Budget!.Value)} requests left of the budget do not cover the {N(BoundaryRequests)} requests " +
        "of the boundary cases: the run will be INCOMPLETE (exit 3 unless a rule fails); " +
        $"give --max-requests {DefaultBudget} or more";

    /// <summary>
    /// How many random cases each suite may send out of <paramref name="budget"/> (null: all of them): one to each in
    /// turn, rules without boundary cases first (that case is their required one), until the budget or every suite's
    /// max-test is reached. Returns the shares and the requests left over (null: no limit), which pay for shrinking.
    /// </summary>
    public static (int[] Shares, long? Left) Share(IReadOnlyList<RuleSuite> suites, RunSettings settings, long? budget)
    {
        var shares = new int[suites.Count];
        if (budget is not { } left)
        {
            for (var i = 0; i < suites.Count; i++) shares[i] = Randoms(suites[i], settings);
            return (shares, null);
        }
        var order = Enumerable.Range(0, suites.Count).Where(i => Randoms(suites[i], settings) > 0)
            .OrderBy(i => suites[i].Boundary.Count > 0).ToList(); // stable: otherwise registry order
        for (var gave = true; gave;)
        {
            gave = false;
            foreach (var i in order)
                if (shares[i] < Randoms(suites[i], settings) && left >= Cost(suites[i]))
                {
                    shares[i]++;
                    left -= Cost(suites[i]);
                    gave = true;
                }
        }
        return (shares, left);
    }

    /// <summary>The cases a suite must get: its boundary cases, or for a rule without any its first random case; in a
    /// snapshot run every case it has.</summary>
    public static int Required(RuleSuite s, RunSettings settings) =>
        s.SkipReason is not null ? 0
        : settings.Exhaustive ? s.Boundary.Count + Randoms(s, settings)
        : s.Boundary.Count > 0 ? s.Boundary.Count : Math.Min(1, Randoms(s, settings));

    /// <summary>Requests one case of the suite costs: a replayed case or a pair is two.</summary>
    public static int Cost(RuleSuite s) => s.Mode == SendMode.Once ? 1 : 2;

    static int Randoms(RuleSuite s, RunSettings settings) => s.RandomCases(settings.MaxTest);

    static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
