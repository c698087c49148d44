using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// The baseline sender: the same connection settings, the same dedicated sender threads and the same blocking send as
/// the harness, the case's exact headers and bytes; nothing signed, judged or recorded.
/// </summary>
sealed class BareClient(int concurrency) : IDisposable
{
    readonly HttpClient http = new(HttpTarget.Handler(TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Sends <paramref name="requests"/> round-robin until <paramref name="more"/> says stop; returns requests per second.</summary>
    public double Send(Uri url, IReadOnlyList<Case> requests, Func<long, TimeSpan, bool> more)
    {
        var clock = Stopwatch.StartNew();
        long next = -1;
        Workers.Run(concurrency, _ =>
        {
            for (var i = Interlocked.Increment(ref next); more(i, clock.Elapsed); i = Interlocked.Increment(ref next))
            {
                var c = requests[(int)(i % requests.Count)];
                using var request =
                    new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(c.Body) };
                foreach (var (name, value) in c.Headers)
                    if (!request.Headers.TryAddWithoutValidation(name, value))
                        request.Content.Headers.TryAddWithoutValidation(name, value);
                using var response = http.Send(request);
                response.Content.ReadAsStream().CopyTo(Stream.Null);
            }
        });
        return Math.Max(0, next - concurrency + 1) / clock.Elapsed.TotalSeconds;
    }

    public double For(TimeSpan duration, Uri url, IReadOnlyList<Case> requests) =>
        Send(url, requests, (_, elapsed) => elapsed < duration);

    public double Count(long count, Uri url, IReadOnlyList<Case> requests) => Send(url, requests, (i, _) => i < count);

    public void Dispose() => http.Dispose();
}
