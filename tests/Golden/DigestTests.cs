using System.Security.Cryptography;
using System.Text;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Export;

namespace NotifyContract.Tests.Golden;

/// <summary>
/// The boundary cases of every operation (some 80 MB as JSON Lines: too much to commit whole) as a digest committed
/// in <c>boundary-digest.tsv</c>: per suite its operation, rule, number of boundary cases and a hash of their exported
/// lines. Any change in generation changes a line, and the line says which suite. Regenerate with
/// <c>NOTIFYCONTRACT_UPDATE_GOLDEN=1 dotnet test</c> (this test rewrites the file); the three Notify operations are
/// also committed whole (<see cref="GoldenTests"/>).
/// </summary>
public class DigestTests
{
    const string Name = "boundary-digest.tsv";

    [Fact]
    public void The_boundary_cases_of_every_operation_match_the_committed_digest()
    {
        var lines = new StringBuilder("operation\trule\tcases\tsha256\n");
        foreach (var suite in Rules.All(ServiceContract.Default, RecordSet.None))
        {
            using var export = new MemoryStream();
            CaseExport.Write(export, suite.Boundary);
            var hash = Convert.ToHexStringLower(SHA256.HashData(export.ToArray()))[..16];
            lines.Append($"{suite.Operation}\t{suite.Rule}\t{suite.Boundary.Count}\t{hash}\n");
        }
        var actual = lines.ToString();
        var expected = Encoding.UTF8.GetString(Committed.Expected(Name, Encoding.UTF8.GetBytes(actual)));
        var changed = actual.Split('\n').Except(expected.Split('\n')).Take(5).ToList();
        Assert.True(changed.Count == 0, "generation changed in these suites (if meant, regenerate: " +
            $"NOTIFYCONTRACT_UPDATE_GOLDEN=1 dotnet test):\n{string.Join("\n", changed)}");
        Assert.Equal(expected, actual);
    }
}
