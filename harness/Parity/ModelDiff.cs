using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Harness.Parity;

/// <summary>One rule on one operation that a model change adds, removes or changes, with what it expects before and
/// after (<see cref="Rules.Expectations"/>; null on the side it is missing from).</summary>
public sealed record RuleChange(string Operation, string Rule, string Change, string? Old, string? New);

/// <summary>An operation a model change adds or removes, and how many rules it has.</summary>
public sealed record OperationChange(string Operation, string Change, int Rules);

/// <summary>
/// <c>--diff-model OLD NEW</c>: the rules a model change adds, removes or moves, compared per operation and rule id
/// (a maximum raised, an enum value added, a member made required, a pattern changed, an operation added), so a
/// nightly run knows which expectations changed under it. The rules of an added or removed operation are its one line.
/// </summary>
public sealed record ModelDiff(
    string OldFile, string OldVersion, string NewFile, string NewVersion,
    IReadOnlyList<OperationChange> Operations, IReadOnlyList<RuleChange> Rules)
{
    public const string FileName = "model-diff.json";

    public bool Same => Operations.Count == 0 && Rules.Count == 0;

    public static ModelDiff Of(string oldFile, ServiceContract old, string newFile, ServiceContract @new)
    {
        static Dictionary<string, Dictionary<string, string>> ByOperation(ServiceContract c) =>
            c.Operations.ToDictionary(op => op.Name, op => Generators.Rules.Expectations(op)
                .ToDictionary(e => e.Rule, e => e.Expects));
        var (before, after) = (ByOperation(old), ByOperation(@new));
        var operations = before.Keys.Except(after.Keys).Select(op => new OperationChange(op, "removed", before[op].Count))
            .Concat(after.Keys.Except(before.Keys).Select(op => new OperationChange(op, "added", after[op].Count)))
            .OrderBy(o => o.Operation, StringComparer.Ordinal).ToList();
        var rules = (
            from op in before.Keys.Intersect(after.Keys)
            let was = before[op]
            let now = after[op]
            from rule in was.Keys.Union(now.Keys)
            let change = !now.ContainsKey(rule) ? "removed" : !was.ContainsKey(rule) ? "added"
                : was[rule] != now[rule] ? "changed" : null
            where change is not null
            select new RuleChange(op, rule, change, was.GetValueOrDefault(rule), now.GetValueOrDefault(rule))
        ).OrderBy(r => r.Operation, StringComparer.Ordinal).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
        return new(oldFile, old.Version, newFile, @new.Version, operations, rules);
    }

    /// <summary>What stdout shows: a line saying what was compared and how much changed, then one line per change
    /// (<c>+</c> added, <c>-</c> removed, <c>~</c> changed: <c>old -> new</c>).</summary>
    public string Text()
    {
        var text = new StringBuilder($"model diff: {OldFile} ({OldVersion}) -> {NewFile} ({NewVersion}): ");
        if (Same) return text.Append("the models agree on every rule\n").ToString();
        string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
        text.AppendJoin(", ", new[]
        {
            Count(Operations.Count(o => o.Change == "added"), "operation") + " added",
            Count(Operations.Count(o => o.Change == "removed"), "operation") + " removed",
            Count(Rules.Count(r => r.Change == "added"), "rule") + " added",
            Count(Rules.Count(r => r.Change == "removed"), "rule") + " removed",
            Count(Rules.Count(r => r.Change == "changed"), "rule") + " changed",
        }).Append('\n');
        foreach (var o in Operations)
            text.Append($"{(o.Change == "added" ? '+' : '-')} {o.Operation}: operation {o.Change} ({Count(o.Rules, "rule")})\n");
        foreach (var r in Rules)
            text.Append(r.Change switch
            {
                "added" => $"+ {r.Operation} {r.Rule}{Said(r.New)}\n",
                "removed" => $"- {r.Operation} {r.Rule}{Said(r.Old)}\n",
                _ => $"~ {r.Operation} {r.Rule}: {r.Old} -> {r.New}\n",
            });
        return text.ToString();
    }

    static string Said(string? expects) => string.IsNullOrEmpty(expects) ? "" : $": {expects}";

    /// <summary><c>model-diff.json</c>: <c>{old: {file, contractVersion}, new: {...}, same, operations: [{operation,
    /// change, rules}], rules: [{operation, rule, change, old, new}]}</c>.</summary>
    public void Json(Stream stream) => JsonSerializer.Serialize(stream, new
    {
        Old = new { File = OldFile, ContractVersion = OldVersion },
        New = new { File = NewFile, ContractVersion = NewVersion },
        Same, Operations, Rules,
    }, Options);

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            using var file = File.Create(Path.Combine(directory, FileName));
            Json(file);
        }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot write the model diff to {directory}: {e.Message}");
        }
    }
}
