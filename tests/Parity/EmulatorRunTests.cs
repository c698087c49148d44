using System.Text.Json;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Cli;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Parity;

/// <summary>
/// A moto-shaped target through the command line: one operation implemented (it checks required members and Status,
/// nothing else, and crashes on a body that is not JSON), the other two answered HTTP 500 with an HTML page. The
/// unimplemented ones are one cause; the report says per operation what the implemented one enforces, ignores and
/// crashes on; a known-failures file lists the unimplemented ones whole (<c>@Operation</c>).
/// </summary>
public class EmulatorRunTests : IDisposable
{
    const string Provision = ServiceCatalog.NotifyProvision, Terminate = ServiceCatalog.NotifyTerminate;
    static readonly string Update = Notify.Names.Single(n => n != Provision && n != Terminate);

    readonly string dir = Directory.CreateTempSubdirectory("notify-emulator-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string In(string name) => Path.Combine(dir, name);

    static int Cli(params string[] args) => Commands.Run(Arguments.Parse(args)!);

    string[] Run(LoopbackServer server, string report) =>
        ["--endpoint", server.Url.ToString(), .. Notify.Args, "--seed", "3", "--max-test", "1", "--report", In(report)];

    JsonElement Report(string report) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(In(report), "report.json"))).RootElement;

    static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    [Fact]
    public void Unimplemented_operations_are_one_cause_and_the_report_says_what_the_implemented_one_enforces_ignores_and_crashes_on()
    {
        using var server = PartialServers.Implementing(Terminate);
        Assert.Equal(1, Cli([.. Run(server, "r"), "--write-known-failures", In("known")]));

        var diagnosis = Report("r").GetProperty("diagnosis").EnumerateArray().ToList();
        var unimplemented = string.Join(" and ", Notify.Names.Where(n => n != Terminate));
        Assert.Equal("2 of 3 operations look unimplemented (valid and constraint cases answered only 5xx naming no " +
                     $"error code: HTTP 500 text/html): {unimplemented}", diagnosis[0].GetProperty("sentence").GetString());
        Assert.Equal(Notify.Names.Where(n => n != Terminate), Strings(diagnosis[0].GetProperty("unimplemented")));
        // The rest of the diagnosis is about the operation that answers: records are never looked up there.
        Assert.All(diagnosis.Skip(1), d =>
        {
            Assert.Equal(Terminate, d.GetProperty("example").GetProperty("operation").GetString());
            Assert.False(d.TryGetProperty("unimplemented", out _));
        });
        Assert.Contains(diagnosis, d => d.GetProperty("sentence").GetString()!.StartsWith("no request was answered ResourceNotFoundException"));

        // Per operation: the crash (a body that is not JSON) with the command that resends it, and what it ignores.
        var md = File.ReadAllText(Path.Combine(In("r"), "report.md"));
        Assert.Contains($"Look unimplemented (valid and constraint cases answered only 5xx naming no error code): " +
                        $"`{Provision}`, `{Update}`.", md);
        Assert.Matches($@"\n### `{Terminate}`: \d+ crashing, \d+ ignored, (\d+ wrong, )?\d+ observed, \d+ enforced", md);
        Assert.Contains("\n- crashing `Protocol.notJson`: [noServerError] HTTP 500 ", md);
        Assert.Matches(@"\n- ignored `RecordId.maxLength`: \[rejects\] expected InvalidParametersException, got HTTP 200; case `[^`]+` \(one past the maximum\)", md);
        Assert.Contains("  curl -sS -i --aws-sigv4 ", md);
        Assert.DoesNotContain($"### `{Provision}`", md);
        var notJson = Report("r").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "Protocol.notJson").GetProperty("operations")
            .EnumerateArray().Single(o => o.GetProperty("operation").GetString() == Terminate);
        Assert.Equal(notJson.GetProperty("cases").GetInt32(), notJson.GetProperty("serverErrors").GetInt32());
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(In("r"), "repro")),
            f => Path.GetFileName(f).Contains(".Protocol.notJson.", StringComparison.Ordinal));

        // The failing set, the unimplemented operations whole: it turns the same run green.
        var entries = File.ReadAllLines(In("known")).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal([$"@{Provision}", $"@{Update}"], entries.Take(2).Order());
        Assert.All(entries.Skip(2), e => Assert.EndsWith($"@{Terminate}", e));
        Assert.Contains($"RecordId.maxLength[rejects]@{Terminate}", entries);
        Assert.Equal(0, Cli([.. Run(server, "green"), "--known-failures", In("known")]));
        Assert.Empty(Report("green").GetProperty("knownFailures").GetProperty("fixed").EnumerateArray());
    }

    [Fact]
    public void A_whole_operation_entry_is_reported_fixed_once_the_operation_answers()
    {
        using var before = PartialServers.Implementing(Terminate);
        Assert.Equal(1, Cli([.. Run(before, "before"), "--write-known-failures", In("known")]));

        // Provision is implemented now, with the same gaps: still green, and its entry is to be replaced.
        using var after = PartialServers.Implementing(Terminate, Provision);
        Assert.Equal(0, Cli([.. Run(after, "after"), "--known-failures", In("known")]));
        var known = Report("after").GetProperty("knownFailures");
        Assert.Equal([$"@{Provision}"], Strings(known.GetProperty("fixed")));
        Assert.Contains(Strings(known.GetProperty("known")), k => k.EndsWith($"@{Provision}", StringComparison.Ordinal));
        var md = File.ReadAllText(Path.Combine(In("after"), "report.md"));
        Assert.Contains($"- fixed: `@{Provision}` (line 4): {Provision} no longer looks unimplemented: list its " +
                        "failures instead (--write-known-failures), or remove the line if none", md);
    }
}
