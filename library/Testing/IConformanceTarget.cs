namespace NotifyContract.Testing;

/// <summary>
/// The server a <see cref="ConformanceTests{TTarget}"/> class checks, created once per class with its parameterless
/// constructor (xunit's <c>IAsyncLifetime</c>, <c>IAsyncDisposable</c> and <c>IDisposable</c> are honoured): where it
/// listens, which records it holds, and how it is judged.
/// </summary>
public interface IConformanceTarget
{
    /// <summary>The awsJson1.1 endpoint, e.g. <c>http://127.0.0.1:PORT/</c> (as <c>--endpoint</c>).</summary>
    Uri Endpoint { get; }

    /// <summary>
    /// Records the server holds (as <c>--record</c>): <c>Valid.accepted</c> and <c>Idempotency.replay</c> need one and
    /// are skipped without; every other case names a record that does not exist.
    /// </summary>
    IReadOnlyList<string> Records => [];

    /// <summary>
    /// The operations the server implements, each a test case per rule (<c>--operation</c>); null: every operation of
    /// the Service Catalog model. A fake of the Notify operations names those three.
    /// </summary>
    static virtual IReadOnlyList<string>? Operations => null;

    /// <summary>Profile, readings, seed, cases per rule, timeout, report folder: the NOTIFYCONTRACT_* variables unless
    /// overridden, e.g. <c>ConformanceSettings.FromEnvironment() with { Profile = "aws-observed" }</c>.</summary>
    ConformanceSettings Settings => ConformanceSettings.FromEnvironment();
}
