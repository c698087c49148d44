using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Conformance;

/// <summary>The reference stub against every rule of every operation of the model, as the main job runs it.</summary>
public class EveryOperationRunTests
{
    [Fact]
    public void The_reference_stub_is_conformant_on_every_operation_with_every_rule_judged_on_both_sides()
    {
        using var target = StubTarget.Start([], TimeSpan.FromSeconds(30));
        var suites = Rules.All(ServiceContract.Default, target.Records);
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new(Seed: 7, MaxTest: 2, Concurrency: 4));

        var verdicts = Verdicts.Of(run);
        Assert.True(verdicts.Summary.Conformant, verdicts.Summary.Line);
        Assert.Equal(90, run.Suites.Select(s => s.Suite.Operation).Distinct().Count());
        Assert.All(run.Suites.Where(s => s.Suite.Rule.Value.EndsWith(".maxLength")), s =>
        {
            Assert.Contains(s.Checks, c => c.Check.Name == "accepts" && c.Cases > 0);
            Assert.Contains(s.Checks, c => c.Check.Name == "rejects" && c.Cases > 0);
        });
    }
}
