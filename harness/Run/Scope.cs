using FsCheck.Fluent;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Harness.Run;

/// <summary>An operation a run leaves out, or sends in part, and why (the plan, report.md and report.json say it).</summary>
public sealed record HeldBack(string Operation, string Why);

/// <summary>
/// What a run may send to a real AWS account. The model marks no operation read-only, so the names decide
/// (<see cref="ServiceCatalog.ReadOnly"/>): by default an AWS host gets the operations that only read and the Notify
/// ones (their cases name records that do not exist); <c>--allow-mutating</c> opens the others, and even then only
/// their violating cases go, never a request that could be carried out (a valid <c>CreatePortfolio</c> creates a
/// portfolio). Any other target gets everything.
/// </summary>
public sealed record Scope(IReadOnlyList<string> Operations, IReadOnlyList<HeldBack> HeldBack, bool Guarded)
{
    const string WouldChange = "changes the account: run with --allow-mutating to send its violating cases";
    const string ValidHeld = "only its violating cases are sent: a valid request would change the account";

    /// <param name="aws">The target is an AWS host.</param>
    /// <param name="named">The user named the operations (not <c>all</c>, not the default).</param>
    public static Scope Of(ServiceContract contract, IReadOnlyList<string> operations, bool aws, bool named,
        bool allowMutating)
    {
        if (!aws) return new(operations, [], false);
        var changing = operations.Where(o => Changes(contract, o)).ToList();
        if (!allowMutating && named && changing.Count > 0)
            throw new HarnessException($"--operation {changing[0]} {WouldChange}");
        return allowMutating
            ? new(operations, [.. changing.Select(o => new HeldBack(o, ValidHeld))], true)
            : new([.. operations.Except(changing)], [.. changing.Select(o => new HeldBack(o, WouldChange))], true);
    }

    /// <summary>Neither read-only by name nor a Notify operation.</summary>
    static bool Changes(ServiceContract contract, string operation) =>
        !ServiceCatalog.RecordBound(operation) && !ServiceCatalog.ReadOnly(contract.Model.Find(operation)!);

    /// <summary>The suites as the scope lets them go: a mutating operation's keep their violating cases only; a suite
    /// left with none is skipped, saying why.</summary>
    public IReadOnlyList<RuleSuite> Apply(IReadOnlyList<RuleSuite> suites)
    {
        var partial = HeldBack.Where(h => h.Why == ValidHeld).Select(h => h.Operation).ToHashSet();
        return [.. suites.Select(s => !partial.Contains(s.Operation) ? s : ViolatingOnly(s))];
    }

    static RuleSuite ViolatingOnly(RuleSuite s)
    {
        var boundary = s.Boundary.Where(Refused).ToList();
        if (boundary.Count == 0) return s with { Boundary = [], Random = null, SkipReason = $"held back: {ValidHeld}" };
        var random = s.Random is { } r
            ? FsCheck.Fluent.Arb.From(r.Generator.Where(Refused), c => r.Shrinker(c).Where(Refused))
            : null;
        return s with { Boundary = boundary, Random = random };
    }

    /// <summary>A case every reading expects to be refused: it cannot be carried out, whatever the target.</summary>
    public static bool Refused(Case c) =>
        c.Expect is Expectation.InvalidParametersException or Expectation.ClientError
        || c.Expect == Expectation.Observe && c.Ambiguity!.ByReading.Values
            .All(e => e is Expectation.InvalidParametersException or Expectation.ClientError);

    /// <summary>For the plan: which operations run, and what is held back.</summary>
    public string? Line
    {
        get
        {
            if (!Guarded) return null;
            var partial = HeldBack.Count(h => h.Why == ValidHeld);
            return $"scope (an AWS account): {Operations.Count - partial} operations that only read or name no real " +
                   "record" + (HeldBack.Count == 0 ? "" : partial > 0
                       ? $"; {partial} that change the account send their violating cases only"
                       : $"; {HeldBack.Count} held back: they change the account (--allow-mutating sends their " +
                         "violating cases)");
        }
    }
}
