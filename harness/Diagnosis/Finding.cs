using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Diagnosis;

/// <summary>
/// One likely cause of failures: a sentence derived from the answers, the answer kind behind it (when one kind
/// explains it), the failing checks it explains (<c>Rule[check]</c>) and one of their counterexamples.
/// </summary>
public sealed record Finding(string Sentence, string? Signature, IReadOnlyList<string> Explains, Counterexample Example)
{
    /// <summary>The operations the finding sets aside as unimplemented (report.json <c>unimplemented</c>); empty for
    /// every other finding.</summary>
    public IReadOnlyList<string> Unimplemented { get; init; } = [];

    /// <summary>How many rules the finding explains.</summary>
    public int Rules => Explains.Select(e => e[..e.IndexOf('[')]).Distinct().Count();
}

/// <summary>A failing check of one rule, as the diagnosis sees it.</summary>
public sealed record Failure(string Rule, string Check, Counterexample Example)
{
    public string Name => $"{Rule}[{Check}]";
}
