using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Export;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Generators;

public class GeneratorTests
{
    static readonly RecordSet Records = new(["rec-nc0000000000001", "rec-nc0000000000002"]);

    /// <summary>What a run sends: every suite's boundary cases and <paramref name="perSuite"/> random ones.</summary>
    static List<Case> Run(ulong seed, int perSuite, RecordSet? records = null) =>
        Notify.Suites(records ?? Records).SelectMany(s => s.Boundary.Concat(
            s.Random?.Generator.Sample(perSuite, new Rnd(seed), 50) ?? [])).ToList();

    static void AllHold(IEnumerable<Case> cases, Func<Case, string?> problem)
    {
        var failures = cases.Select(c => (c, p: problem(c))).Where(x => x.p is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} bad cases, e.g.:\n" +
            string.Join("\n", failures.Take(8).Select(f => $"{f.p}: {CaseChecker.Describe(f.c)}")));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(20260101UL)]
    public void Valid_cases_break_nothing_and_invalid_ones_exactly_their_rule(ulong seed) =>
        AllHold(Run(seed, 25), c => CaseChecker.Problem(c, Records));

    [Fact]
    public void A_default_run_covers_both_sides_of_every_constraint_of_every_operation()
    {
        var cases = Run(3, 100);
        var missing = new List<string>();
        foreach (var op in PublishedContract.Operations)
        {
            var mine = cases.Where(c => c.Operation == op).ToList();
            foreach (var (rule, onlyAmbiguous) in PublishedContract.ConstraintRules(op))
            {
                var ofRule = mine.Where(c => c.Rule.Value == rule).ToList();
                if (!ofRule.Any(c => c.Expect == Expectation.ResourceNotFoundException))
                    missing.Add($"{op} {rule}: no valid case");
                var violating = onlyAmbiguous ? [Expectation.Observe]
                    : rule.EndsWith(".type") ? [Expectation.ClientError]
                        : new[] { Expectation.InvalidParametersException };
                if (!ofRule.Any(c => violating.Contains(c.Expect))) missing.Add($"{op} {rule}: no violating case");
            }
            foreach (var field in PublishedContract.Fields(op))
            {
                bool Has(string kind, Expectation e, int length) =>
                    mine.Any(c => c.Rule.Value == $"{field.Path}.{kind}" && c.Expect == e
                    && PublishedContract.StringAt(JsonDocument.Parse(c.Body).RootElement, field.Path)?.Length == length);
                if (field.Min is { } min && !(Has("minLength", Expectation.ResourceNotFoundException, min)
                    && Has("minLength", Expectation.InvalidParametersException, min - 1)))
                    missing.Add($"{op} {field.Path}: no case at min and min-1");
                if (field.Max is { } max && !(Has("maxLength", Expectation.ResourceNotFoundException, max)
                    && Has("maxLength", Expectation.InvalidParametersException, max + 1)))
                    missing.Add($"{op} {field.Path}: no case at max and max+1");
            }
            foreach (var family in new[] { "Valid.accepted", "Record.notFound", "Idempotency.replay", "Protocol.notJson",
                         "Protocol.emptyBody", "Protocol.notObject", "Protocol.invalidUtf8", "Protocol.unknownTarget",
                         "Protocol.missingTarget", "Protocol.wrongContentType" })
                if (!mine.Any(c => c.Rule.Value == family)) missing.Add($"{op} {family}: no case");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Ambiguous_cases_exist_for_both_questions_and_the_search_only_patterns()
    {
        var observed = Run(4, 50).Where(c => c.Expect == Expectation.Observe).ToList();
        Assert.Contains(observed, c => c.Ambiguity!.Kind == AmbiguityKind.Lengths);
        Assert.Contains(observed, c => c.Ambiguity!.Kind == AmbiguityKind.ContentType);
        foreach (var rule in new[] { "RecordId.pattern", "FailureReason.pattern", "IdempotencyToken.pattern",
            "WorkflowToken.pattern" })
            Assert.Contains(observed, c => c.Rule.Value == rule && c.Ambiguity!.Kind == AmbiguityKind.Patterns);
    }

    [Fact]
    public void Without_a_known_record_the_known_record_rules_are_skipped_and_replay_sends_twice()
    {
        var suites = Rules.For(Notify.Get(ServiceCatalog.NotifyUpdate), RecordSet.None);
        foreach (var rule in new[] { RuleId.ValidAccepted, RuleId.IdempotencyReplay })
        {
            var s = suites.Single(s => s.Rule == rule);
            Assert.Equal("no known record: name one with --record", s.SkipReason);
            Assert.Empty(s.Boundary);
            Assert.Null(s.Random);
        }
        Assert.Equal(SendMode.Replay, Rules.For(Notify.Get(ServiceCatalog.NotifyUpdate), Records)
            .Single(s => s.Rule == RuleId.IdempotencyReplay).Mode);
        Assert.DoesNotContain(suites, s => s.Rule.Value.StartsWith("ResourceIdentifier"));
    }

    static string Fingerprint(IEnumerable<Case> cases)
    {
        var sb = new StringBuilder();
        foreach (var c in cases)
            sb.Append(c.Id).Append(string.Join(";", c.Headers)).Append(Convert.ToBase64String(c.Body)).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_cases_and_another_seed_other_ones()
    {
        Assert.Equal(Fingerprint(Run(7, 3)), Fingerprint(Run(7, 3)));
        Assert.NotEqual(Fingerprint(Run(7, 3)), Fingerprint(Run(8, 3)));
    }

    [Fact]
    public void Ids_are_content_addressed()
    {
        var byId = Run(9, 20).GroupBy(c => c.Id);
        Assert.All(byId, g => Assert.Single(g.Select(c => c.Operation + c.Rule + string.Join(";", c.Headers)
            + Convert.ToBase64String(c.Body)).Distinct()));
    }

    [Fact]
    public void Shrinking_keeps_the_rule_and_the_expectation_and_ends_smaller()
    {
        foreach (var suite in Notify.Suites(Records).Where(s => s.Random is not null))
            foreach (var original in suite.Random!.Generator.Sample(3, new Rnd(11), 50))
            {
                var current = original;
                for (var step = 0; step < 40; step++)
                {
                    var candidates = suite.Random.Shrinker(current).ToList();
                    AllHold(candidates, c => c.Rule != original.Rule || c.Expect != original.Expect
                        ? "rule or expectation changed"
                        : CaseChecker.Problem(c, Records));
                    if (candidates.Count == 0) break;
                    current = candidates[0];
                }
                Assert.True(current.Body.Length <= original.Body.Length, $"{original.Rule} grew while shrinking");
            }
    }

    [Fact]
    public void A_far_too_long_WorkflowToken_shrinks_to_one_past_the_limit()
    {
        var suite = Rules.For(Notify.Get(ServiceCatalog.NotifyTerminate), Records)
            .Single(s => s.Rule.Value == "WorkflowToken.maxLength");
        var far = suite.Boundary.Single(c => PublishedContract.StringAt(JsonDocument.Parse(c.Body).RootElement,
            "WorkflowToken")!.Length == 20000 * 2);
        var current = far;
        while (suite.Random!.Shrinker(current).FirstOrDefault() is { } smaller) current = smaller;
        var body = JsonDocument.Parse(current.Body).RootElement;
        Assert.Equal(20001, PublishedContract.StringAt(body, "WorkflowToken")!.Length);
        Assert.Equal("one past the maximum", current.Note); // a shrunk case says what it became
        Assert.Equal(["IdempotencyToken", "RecordId", "Status", "WorkflowToken"],
            body.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Export_writes_one_line_per_case_with_the_exact_body()
    {
        var cases = Run(5, 2);
        using var stream = new MemoryStream();
        CaseExport.Write(stream, cases);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count, lines.Length);
        foreach (var (c, line) in cases.Zip(lines))
        {
            var e = JsonDocument.Parse(line).RootElement;
            Assert.Equal(c.Id, e.GetProperty("id").GetString());
            Assert.Equal(c.Rule.Value, e.GetProperty("rule").GetString());
            Assert.Equal(c.Expect.Wire(), e.GetProperty("expect").GetString());
            var body = e.TryGetProperty("body", out var text) ? Encoding.UTF8.GetBytes(text.GetString()!)
                : Convert.FromBase64String(e.GetProperty("bodyBase64").GetString()!);
            Assert.Equal(c.Body, body);
            Assert.Equal(c.Headers.Select(h => (h.Key, h.Value)), e.GetProperty("headers").EnumerateObject()
                .Select(p => (p.Name, p.Value.GetString()!)));
            var ambiguity = e.GetProperty("ambiguity");
            Assert.Equal(c.Ambiguity is null, ambiguity.ValueKind == JsonValueKind.Null);
            if (c.Ambiguity is { } a)
            {
                Assert.Equal(a.Kind.Wire(), ambiguity.GetProperty("kind").GetString());
                foreach (var (reading, expect) in a.ByReading)
                    Assert.Equal(expect.Wire(), ambiguity.GetProperty(reading).GetString());
            }
            Assert.Equal(c.Note, e.GetProperty("note").GetString());
            // Only an Auth.* case says how its signature is broken; only a pair holds its second body.
            Assert.Equal(c.SigningFault?.Wire(), e.TryGetProperty("signing", out var signing) ? signing.GetString() : null);
            Assert.Equal(c.Then?.Body, e.TryGetProperty("then", out var then)
                ? Encoding.UTF8.GetBytes(then.GetProperty("body").GetString()!) : null);
        }
        Assert.Contains(lines, l => l.Contains("\"bodyBase64\""));
        Assert.Contains(lines, l => l.Contains("\"kind\":\"contentType\""));
        Assert.Contains(lines, l => l.Contains("\"signing\":\"staleDate\""));
        Assert.Contains(lines, l => l.Contains("\"then\":{\"body\":"));
    }

    /// <summary>Not a timed assertion: prints the generation rate (issue 6 asks for 200,000 cases/s on 2 cores; --bench
    /// measures it for as long as asked).</summary>
    [Fact]
    public void Generation_rate_is_reported()
    {
        const int PerSuite = 50; // cases per suite: the count grows with the operations
        var suites = Notify.Suites(Records).Where(s => s.Random is not null).ToList();
        int Generate(ulong seed) => suites.Sum(s => s.Random!.Generator.Sample(PerSuite, new Rnd(seed), 50).Length);
        Generate(12); // warm: JIT, Bogus pools, cached fills
        var clock = Stopwatch.StartNew();
        var count = Generate(13);
        var rate = count / clock.Elapsed.TotalSeconds;
        TestContext.Current.SendDiagnosticMessage($"generation_cases_per_s={rate:F0} (one thread, {count} cases)");
        Console.WriteLine($"generation_cases_per_s={rate:F0} (one thread, {count} cases)");
        Assert.Equal(suites.Count * PerSuite, count);
    }
}
