using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Tests.Generators;

/// <summary>
/// The generators over every operation of the model, held to the tests' own reading of it (<see cref="PublishedContract"/>
/// and <see cref="CaseChecker"/>: they share the model reader with the generators, nothing else).
/// </summary>
public class EveryOperationTests
{
    static readonly RecordSet Records = new(["rec-nc0000000000001"]);

    static readonly IReadOnlyList<RuleSuite> Suites = Rules.All(ServiceContract.Default, Records);

    [Fact]
    public void Every_boundary_case_of_every_operation_is_labelled_right()
    {
        var bad = Suites.SelectMany(s => s.Boundary).Select(c => (c, p: CaseChecker.Problem(c, Records)))
            .Where(x => x.p is not null).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} bad cases, e.g.:\n" +
            string.Join("\n", bad.Take(10).Select(f => $"{f.p}: {CaseChecker.Describe(f.c)}")));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(977UL)]
    public void Random_cases_of_every_operation_are_labelled_right(ulong seed)
    {
        var bad = Suites.Where(s => s.Random is not null)
            .SelectMany(s => s.Random!.Generator.Sample(3, new Rnd(seed), 30))
            .Select(c => (c, p: CaseChecker.Problem(c, Records))).Where(x => x.p is not null).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} bad cases, e.g.:\n" +
            string.Join("\n", bad.Take(10).Select(f => $"{f.p}: {CaseChecker.Describe(f.c)}")));
    }

    [Fact]
    public void Every_operation_of_the_model_has_its_rules()
    {
        var operations = Suites.Select(s => s.Operation).Distinct().ToList();
        Assert.Equal(90, operations.Count);
        Assert.All(operations, op => Assert.Contains(Suites, s => s.Operation == op && s.Rule == RuleId.ValidAccepted));
        var rules = Suites.Where(s => s.Operation == "CreatePortfolio").Select(s => s.Rule.Value).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "DisplayName.required", "DisplayName.minLength", "DisplayName.maxLength", "DisplayName.type",
            "Tags.maxLength", "Tags.member.Key.pattern", "Tags.member.Value.required", "IdempotencyToken.pattern",
            "Protocol.notJson",
        }, rules);
        var search = Suites.Where(s => s.Operation == "SearchProducts").Select(s => s.Rule.Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "Filters.key.enum", "Filters.value.member.type", "PageSize.minValue",
            "PageSize.maxValue", "SortOrder.enum" }, search);
    }

    [Fact]
    public void Every_constraint_rule_of_every_operation_has_a_valid_and_a_violating_side()
    {
        var missing = new List<string>();
        foreach (var suite in Suites.Where(s => s.Rule.Value.Split('.')[^1] is "required" or "minLength" or "maxLength"
                     or "minValue" or "maxValue" or "pattern" or "enum" or "type"))
        {
            var expects = suite.Boundary.Select(c => c.Expect).ToHashSet();
            if (!expects.Overlaps([Expectation.ResourceNotFoundException, Expectation.Success]))
                missing.Add($"{suite.Operation} {suite.Rule}: no valid side");
            if (!expects.Overlaps([Expectation.InvalidParametersException, Expectation.ClientError, Expectation.Observe]))
                missing.Add($"{suite.Operation} {suite.Rule}: no violating side");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing.Take(20)));
    }

    [Fact]
    public void A_pattern_beyond_a_class_gets_both_sides_built_from_it()
    {
        var arn = Suites.Single(s => s.Operation == "ProvisionProduct" && s.Rule.Value == "NotificationArns.member.pattern");
        Assert.Contains(arn.Boundary, c => c.Expect == Expectation.ResourceNotFoundException);
        Assert.Contains(arn.Boundary, c => c.Expect == Expectation.InvalidParametersException);
        var account = Suites.Single(s => s.Operation == "CreatePortfolioShare" && s.Rule.Value == "AccountId.pattern");
        Assert.Contains(account.Boundary, c => c.Expect == Expectation.InvalidParametersException
            && JsonDocument.Parse(c.Body).RootElement.GetProperty("AccountId").GetString()!.Length == 11);
    }

    /// <summary>The model reader reads what the page prints: the Notify operations' facts, typed in from the page,
    /// equal the embedded model's.</summary>
    [Fact]
    public void The_model_says_what_the_published_page_says_of_the_Notify_operations()
    {
        foreach (var op in PublishedContract.Operations)
        {
            var fromModel = ServiceContract.Default.Get(op).AllMembers().ToDictionary(m => m.Path);
            foreach (var f in PublishedContract.Fields(op))
            {
                var m = fromModel[f.Path];
                Assert.Equal((f.Required, f.Min, f.Max, f.Pattern, f.Anchored),
                    (m.Required, m.MinLength, m.MaxLength, m.Pattern?.Page.Regex, m.Pattern?.Model.Regex));
                Assert.Equal(f.Values ?? [], m.Enum ?? []);
            }
            Assert.Equal(PublishedContract.Fields(op).Count, fromModel.Count);
        }
    }
}
