using System.Runtime.CompilerServices;

namespace NotifyContract.Tests.Golden;

/// <summary>A file committed beside these tests: what a run must produce byte for byte. With
/// <c>NOTIFYCONTRACT_UPDATE_GOLDEN=1</c> the test rewrites the committed file from what it produced (review the diff).</summary>
static class Committed
{
    public static byte[] Expected(string name, byte[] actual)
    {
        if (Environment.GetEnvironmentVariable("NOTIFYCONTRACT_UPDATE_GOLDEN") == "1") File.WriteAllBytes(Source(name), actual);
        return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));
    }

    static string Source(string name, [CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, name);
}
