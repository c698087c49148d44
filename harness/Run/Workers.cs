namespace NotifyContract.Harness.Run;

/// <summary>
/// <c>count</c> dedicated threads running <c>work(worker)</c> to the end. Senders block on I/O, so thread-pool workers
/// would starve the pool (and the in-process stub, which needs it) until the pool grows, half a second per thread:
/// a run starts at full concurrency only on threads of its own.
/// </summary>
public static class Workers
{
    public static void Run(int count, Action<int> work)
    {
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(worker => new Thread(() =>
        {
            try { work(worker); }
            catch (Exception e) { errors[worker] = e; }
        }) { IsBackground = true, Name = $"worker {worker}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.FirstOrDefault(e => e is not null) is { } first)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
