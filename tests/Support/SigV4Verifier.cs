using NotifyContract.Fixtures;

namespace NotifyContract.Tests.Support;

/// <summary>The stub's independent SigV4 verifier (<see cref="Signatures"/>) for <see cref="LoopbackServer"/> requests.</summary>
public static class SigV4Verifier
{
    /// <summary>Null when the request's signature verifies (any region, any date); otherwise why not.</summary>
    public static string? Verify(LoopbackServer.Request r, Func<string, string?> secretFor,
        string service = "servicecatalog") =>
        Signatures.Verify(r.Method, r.Path, r.Query, r.Headers, r.Body, secretFor, service)?.Why;
}
