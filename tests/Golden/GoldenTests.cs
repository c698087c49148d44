using System.Text;
using NotifyContract.Harness.Cli;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Golden;

/// <summary>
/// The boundary cases (<c>--export-cases FILE --max-test 0</c>: every rule's limits and the edge catalogue, never
/// dependent on <c>--seed</c>) are committed in <c>boundary-cases.jsonl</c>: any change in generation shows in review.
/// They are the three Notify operations' (the other operations' are kept as a digest: <see cref="DigestTests"/>).
/// Regenerate with <c>NOTIFYCONTRACT_UPDATE_GOLDEN=1 dotnet test</c> (this test rewrites the file).
/// </summary>
public class GoldenTests
{
    const string Name = "boundary-cases.jsonl";

    [Fact]
    public void The_boundary_cases_are_byte_for_byte_the_committed_golden_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"notify-contract-golden-{Guid.NewGuid():N}.jsonl");
        try
        {
            Assert.Equal(0, Commands.Run(Arguments.Parse(["--export-cases", file, "--max-test", "0", .. Notify.Args])!));
            var actual = File.ReadAllBytes(file);
            var expected = Committed.Expected(Name, actual);
            if (expected.AsSpan().SequenceEqual(actual)) return;

            var (want, got) = (Lines(expected), Lines(actual));
            var at = Enumerable.Range(0, Math.Min(want.Length, got.Length))
                .FirstOrDefault(i => want[i] != got[i], Math.Min(want.Length, got.Length));
            Assert.Fail($"generation changed: {want.Length} golden lines, {got.Length} now; first difference at line {at + 1}:\n" +
                $"golden: {Clip(want.ElementAtOrDefault(at))}\nnow:    {Clip(got.ElementAtOrDefault(at))}\n" +
                "if the change is meant, regenerate: NOTIFYCONTRACT_UPDATE_GOLDEN=1 dotnet test");
        }
        finally { File.Delete(file); }
    }

    static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n');

    static string Clip(string? line) => line is null ? "<none>" : line.Length > 400 ? line[..400] + "..." : line;
}
