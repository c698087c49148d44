using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>
/// What all suites of one run share: the target, counters a person watching can follow, and the stop switch
/// (a target that stops answering, a spent budget, rejected credentials or an interruption end the run instead of
/// waiting out every timeout).
/// </summary>
public sealed class RunState(ITarget target, int giveUpAfterNoAnswers, int suites)
{
    long sent, failures, suitesDone;
    int noAnswerInARow, throttledInARow;
    volatile string? stopReason, credentialsRejected, interrupted;
    readonly CancellationTokenSource stopping = new();

    public int Suites => suites;
    public long Sent => Interlocked.Read(ref sent);
    public long Failures => Interlocked.Read(ref failures);
    public long SuitesDone => Interlocked.Read(ref suitesDone);
    public string? StopReason => stopReason;
    /// <summary>The code with which the target refused the credentials mid-run (<see cref="AuthFailure"/>), if it did.</summary>
    public string? CredentialsRejected => credentialsRejected;
    /// <summary>The signal that interrupted the run (<c>SIGINT</c>, <c>SIGTERM</c>), if one did.</summary>
    public string? Interrupted => interrupted;
    public bool Stopped => stopReason is not null;

    /// <summary>Called with every answer (and every retry), on the sending thread: <c>--write-snapshot</c> records them.</summary>
    public Action<Case, Answer>? Answered { get; set; }

    /// <summary>Requests the target will still send (null: no budget).</summary>
    public long? RequestsLeft => target.RequestsLeft;

    /// <summary>Stops sending at once: no new request goes out and those in flight are cancelled (their answers are
    /// not judged). Safe from a signal handler.</summary>
    public void Interrupt(string signal)
    {
        interrupted ??= signal;
        stopReason ??= $"interrupted by {signal}: stopped sending";
        stopping.Cancel();
    }

    /// <summary>Sends one request; null when the run has stopped and nothing was judged.</summary>
    public Answer? Send(Case c)
    {
        if (stopReason is not null) return null;
        var answer = target.Send(c, stopping.Token);
        Interlocked.Increment(ref sent);
        // An answer cut short by an interruption (or arriving after it) is not judged: the case counts as unsent.
        if (interrupted is not null) return null;
        // Refused credentials (a session token expiring): not the contract's fault, not judged; stop sending at once.
        // An Auth.* case is refused for the signature it was sent with on purpose: that is its answer, judged.
        if (c.SigningFault is null && AuthFailure.Of(answer) is { } code)
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
            case NoAnswer.Throttled:
                // Each one waited out its retries: a target that keeps throttling would take hours to say nothing.
                if (Interlocked.Increment(ref throttledInARow) >= giveUpAfterNoAnswers)
                    stopReason ??= $"stopped sending: {giveUpAfterNoAnswers} requests in a row were still throttled "
                                   + "after their retries";
                break;
            case NoAnswer.Budget:
                stopReason ??= "stopped sending: the --max-requests budget is spent";
                break;
            default:
                Interlocked.Exchange(ref noAnswerInARow, 0);
                Interlocked.Exchange(ref throttledInARow, 0);
                break;
        }
        return answer;
    }

    public void Failed() => Interlocked.Increment(ref failures);
    public void SuiteDone() => Interlocked.Increment(ref suitesDone);
}
