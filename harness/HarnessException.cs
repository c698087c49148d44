namespace NotifyContract.Harness;

/// <summary>
/// Bad input to the harness or an environment it cannot use (unknown flag, unreachable endpoint, no credentials):
/// the command line prints <see cref="Exception.Message"/> as one line on stderr and exits 2. The message must
/// be one line and must never hold a credential.
/// </summary>
public sealed class HarnessException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What a file or folder the user named can throw when it cannot be used (missing, unreadable,
    /// unwritable, a malformed path): bad input, to become a one-line HarnessException.</summary>
    public static bool IsPathError(Exception e) =>
        e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
