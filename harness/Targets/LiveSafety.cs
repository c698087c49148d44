using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// The guard around every request to a live endpoint: a budget (<c>--max-requests</c>, every attempt counts), a rate
/// (<c>--rate</c>, a token bucket), and bounded exponential backoff with jitter for throttled answers only. Timeouts
/// and resets come back as answers that are not throttled, so they are never retried (no retry storm).
/// </summary>
sealed class LiveSafety : IDisposable
{
    readonly int? maxRequests;
    int sent;
    readonly RateLimiter? limiter;
    readonly ResiliencePipeline rate;
    readonly ResiliencePipeline<Answer> retry;
    readonly int retries;

    public LiveSafety(EndpointOptions o)
    {
        maxRequests = o.MaxRequests;
        retries = o.ThrottleRetries;
        limiter = o.Rate is { } r ? Bucket(r) : null;
        rate = limiter is null
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRateLimiter(limiter).Build();
        retry = new ResiliencePipelineBuilder<Answer>()
            .AddRetry(new RetryStrategyOptions<Answer>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } a && Throttling.IsThrottled(a)),
                MaxRetryAttempts = o.ThrottleRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.RetryMaxDelay,
                // A server's Retry-After wins over our backoff, within the same cap.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } a && Throttling.RetryAfter(a) is { } wait
                        ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, o.RetryMaxDelay.Ticks))
                        : (TimeSpan?)null),
            })
            .Build();
    }

    /// <summary>Sends through budget, rate and retries; an answer still throttled after them is <see cref="NoAnswer.Throttled"/>.
    /// <paramref name="stop"/> (an interrupted run) ends a wait for the rate or a backoff at once, as
    /// <see cref="NoAnswer.Interrupted"/>.</summary>
    public Answer Run(Func<CancellationToken, Answer> send, CancellationToken stop)
    {
        Answer answer;
        try
        {
            answer = retry.Execute(token => TakeBudget() ? rate.Execute(send, token) : Answer.None(NoAnswer.Budget,
                TimeSpan.Zero, $"the --max-requests budget of {maxRequests} is spent; not sent"), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Answer.None(NoAnswer.Interrupted, TimeSpan.Zero, "the run was interrupted");
        }
        return Throttling.IsThrottled(answer)
            ? Answer.None(NoAnswer.Throttled, answer.Elapsed,
                $"still throttled after {retries} retries (last: HTTP {answer.Status})")
            : answer;
    }

    public int Sent => Volatile.Read(ref sent);

    /// <summary>What is left of the budget (null: none set).</summary>
    public long? Left => maxRequests is { } max ? Math.Max(0, max - Sent) : null;

    bool TakeBudget() => Interlocked.Increment(ref sent) <= (maxRequests ?? int.MaxValue);

    /// <summary>
    /// A bucket refilled about ten times a second (at least one token a period): low rates get one request per
    /// 1/rate seconds, high ones are not held back by timer resolution. It starts full, so the first request goes at once.
    /// </summary>
    static TokenBucketRateLimiter Bucket(double perSecond)
    {
        var tokens = Math.Max(1, (int)Math.Round(perSecond / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public void Dispose() => limiter?.Dispose();
}
