using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>
/// What all suites of one run share: the target, counters a person watching can follow, and the stop switch
/// (a target that stops answering, or a spent budget, ends the run instead of waiting out every timeout).
/// </summary>
public sealed class RunState(ITarget target, int giveUpAfterNoAnswers, int suites)
{
    long sent, failures, suitesDone;
    int noAnswerInARow;
    volatile string? stopReason, credentialsRejected;

    public int Suites => suites;
    public long Sent => Interlocked.Read(ref sent);
    public long Failures => Interlocked.Read(ref failures);
    public long SuitesDone => Interlocked.Read(ref suitesDone);
    public string? StopReason => stopReason;
    /// <summary>The code with which the target refused the credentials mid-run (<see cref="AuthFailure"/>), if it did.</summary>
    public string? CredentialsRejected => credentialsRejected;

    /// <summary>Called with every answer (and every retry), on the sending thread: <c>--write-snapshot</c> records them.</summary>
    public Action<Case, Answer>? Answered { get; set; }

    /// <summary>Sends one request; null when the run has stopped and nothing was sent.</summary>
    public Answer? Send(Case c)
    {
        if (stopReason is not null) return null;
        var answer = target.Send(c);
        Interlocked.Increment(ref sent);
        // Refused credentials (a session token expiring): not the contract's fault, not judged; stop sending at once.
        if (AuthFailure.Of(answer) is { } code)
        {
            credentialsRejected ??= code;
            stopReason ??= $"stopped sending: the target rejected the credentials ({code})";
            return null;
        }
        Answered?.Invoke(c, answer);
        switch (answer.Failure)
        {
            case NoAnswer.Timeout or NoAnswer.Connection:
                if (Interlocked.Increment(ref noAnswerInARow) >= giveUpAfterNoAnswers)
                    stopReason ??= $"stopped sending: {giveUpAfterNoAnswers} requests in a row got no answer";
                break;
            case NoAnswer.Budget:
                stopReason ??= "stopped sending: the --max-requests budget is spent";
                break;
            default:
                Interlocked.Exchange(ref noAnswerInARow, 0);
                break;
        }
        return answer;
    }

    public void Failed() => Interlocked.Increment(ref failures);
    public void SuiteDone() => Interlocked.Increment(ref suitesDone);
}
