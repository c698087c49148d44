using System.Text.Json;
using System.Xml.Linq;
using NotifyContract.Harness;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Report;

namespace NotifyContract.Tests.Parity;

/// <summary>Merging report.json files (old ones without checks, new ones with them) into one matrix; the CI step summary.</summary>
public class MergedReportTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-merge-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    const string Term = "NotifyTerminateProvisionedProductEngineWorkflowResult";

    // An older report: rules with operations, no checks, no diagnosis.
    const string Old = """
        {"target":"http://127.0.0.1:4566/","profile":"documented","seed":7,"maxTest":3,
         "rules":[
           {"id":"RecordId.maxLength","verdict":"pass","reason":"","cases":8,"failed":0,"observed":0,
            "operations":[{"operation":"NotifyTerminateProvisionedProductEngineWorkflowResult","verdict":"pass","cases":8,"failed":0}]},
           {"id":"RecordId.pattern","verdict":"observed","reason":"4 ambiguous","cases":5,"failed":0,"observed":4,"operations":[]}],
         "summary":{"conformant":true,"line":"CONFORMANT: 2 rules"}}
        """;

    // A newer report: checks per rule (one a known failure) and a diagnosis; fields the merge does not know are ignored.
    const string New = """
        {"target":"http://127.0.0.1:4566/","profile":"documented","seed":7,"maxTest":3,"complete":true,
         "diagnosis":["no request was answered ResourceNotFoundException: the target does not look records up",{"sentence":"lengths are not checked"}],
         "rules":[
           {"id":"RecordId.maxLength","verdict":"fail","reason":"expected InvalidParametersException, got HTTP 200","cases":8,"failed":3,"observed":0,
            "checks":[{"check":"accepts","verdict":"pass","cases":5,"failed":0,"operation":"NotifyTerminateProvisionedProductEngineWorkflowResult"},
                      {"check":"rejects","verdict":"fail","cases":3,"failed":3,"reason":"expected InvalidParametersException, got HTTP 200","operation":"NotifyTerminateProvisionedProductEngineWorkflowResult"}]},
           {"id":"Record.notFound","verdict":"fail","reason":"expected ResourceNotFoundException, got HTTP 200","cases":3,"failed":3,"known":true,
            "checks":[{"check":"recordLookup","verdict":"fail","cases":3,"failed":3,"known":true,"operation":"NotifyTerminateProvisionedProductEngineWorkflowResult"}]}],
         "summary":{"conformant":false,"line":"NOT CONFORMANT (RecordId.maxLength)"}}
        """;

    string Report(string folder, string json)
    {
        Directory.CreateDirectory(Path.Combine(dir, folder));
        var path = Path.Combine(dir, folder, "report.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Two_targets_become_two_columns_in_every_format()
    {
        var merged = MergedReport.Read([Report("emulator-old", Old),
            Path.Combine(dir, Path.GetDirectoryName(Report("emulator-new", New))!)]);
        var output = Path.Combine(dir, "merged");
        merged.Write(output);

        // Same target in both: the folder tells the columns apart.
        Assert.Equal(["http://127.0.0.1:4566/ (emulator-old)", "http://127.0.0.1:4566/ (emulator-new)"],
            merged.Reports.Select(r => r.Column));
        var md = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| rule | `http://127.0.0.1:4566/ (emulator-old)` | `http://127.0.0.1:4566/ (emulator-new)` |", md);
        Assert.Contains("| `RecordId.maxLength` ≠ | pass 8 | **fail** 3/8 (rejects) |", md);
        Assert.Contains("| `RecordId.pattern` ≠ | observed 4/5 | – |", md);
        Assert.Contains("| `Record.notFound` ≠ | – | fail, known 3/3 (recordLookup) |", md);
        Assert.Contains("- no request was answered ResourceNotFoundException: the target does not look records up", md);
        Assert.Contains("- lengths are not checked", md);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement;
        Assert.Equal(2, json.GetProperty("targets").GetArrayLength());
        var rule = json.GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "RecordId.maxLength");
        Assert.True(rule.GetProperty("differs").GetBoolean());
        Assert.Equal(["pass", "fail"], rule.GetProperty("byTarget").EnumerateArray()
            .Select(t => t.GetProperty("verdict").GetString()));
        Assert.False(json.GetProperty("summary").GetProperty("conformant").GetBoolean());

        var junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        var suites = junit.Root!.Elements("testsuite").ToList();
        Assert.Equal(2, suites.Count);
        var names = suites[1].Elements("testcase").Select(c => (string)c.Attribute("name")!).ToList();
        Assert.Equal([$"RecordId.maxLength[accepts]@{Term}", $"RecordId.maxLength[rejects]@{Term}",
            $"Record.notFound[recordLookup]@{Term}"], names);
        Assert.Equal("1", (string)suites[1].Attribute("failures")!);
        Assert.Equal("1", (string)suites[1].Attribute("skipped")!); // the known failure
        Assert.Equal($"RecordId.maxLength@{Term}", (string)suites[0].Elements("testcase").First().Attribute("name")!);
    }

    [Theory]
    [InlineData("{", "is malformed")]
    [InlineData("""{"target":"t"}""", "is malformed")]
    [InlineData("""{"rules":[{"verdict":"pass"}]}""", "is malformed: a rule has no id")]
    public void A_malformed_report_is_one_line(string json, string expected)
    {
        var e = Assert.Throws<HarnessException>(() => MergedReport.Read([Report("bad", json)]));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_merge_never_overwrites_an_input()
    {
        var path = Report("a", Old);
        var e = Assert.Throws<HarnessException>(() => MergedReport.Read([path]).Write(Path.GetDirectoryName(path)!));
        Assert.Contains("would overwrite", e.Message);
        Assert.Equal(Old, File.ReadAllText(path));
    }

    [Fact]
    public void The_step_summary_gets_the_line_and_the_diagnosis_appended()
    {
        var file = Path.Combine(dir, "summary.md");
        File.WriteAllText(file, "earlier step\n");
        StepSummary.Append(StepSummary.Section("NotifyContract: embedded-stub", "CONFORMANT: 33 rules",
            ["every request got HTTP 500 text/html"]), file);
        Assert.Equal("earlier step\n### NotifyContract: embedded-stub\n\n**CONFORMANT: 33 rules**\n\n- every request got HTTP 500 text/html\n\n",
            File.ReadAllText(file));

        StepSummary.Append("x", Path.Combine(dir, "no", "such", "file.md")); // a warning, not an exception
    }
}
