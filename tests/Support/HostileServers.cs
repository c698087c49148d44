using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NotifyContract.Tests.Support;

/// <summary>
/// Loopback servers that misbehave in one way each, for transport and whole-run tests. Each records what it
/// received (<see cref="LoopbackServer.Received"/>), so a test can count requests (no retry storm).
/// </summary>
public static class HostileServers
{
    /// <summary>Answers every request with <paramref name="status"/>, the headers and the body.</summary>
    public static LoopbackServer Answering(int status, string body, params (string Name, string Value)[] headers) =>
        new((_, c, stop) => c.Respond(status, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)),
            Encoding.UTF8.GetBytes(body), stop));

    /// <summary>Reads the request, never answers.</summary>
    public static LoopbackServer Hanging() => new((_, _, stop) => Task.Delay(Timeout.Infinite, stop));

    /// <summary>Answers <c>200 {}</c>, but only after <paramref name="delay"/>.</summary>
    public static LoopbackServer Slow(TimeSpan delay) => new(async (_, c, stop) =>
    {
        await Task.Delay(delay, stop);
        await c.Respond(200, [], "{}"u8.ToArray(), stop);
    });

    /// <summary>Reads the request, then resets the connection (RST).</summary>
    public static LoopbackServer Resetting() => new((_, c, _) =>
    {
        c.Reset();
        return Task.CompletedTask;
    });

    /// <summary>A 200 whose body is <paramref name="bytes"/> long (default 200 MB), streamed until the client hangs up.</summary>
    public static LoopbackServer Gigantic(long bytes = 200L << 20) => new(async (_, c, stop) =>
    {
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n";
        await c.Stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (long sent = 0; sent < bytes; sent += chunk.Length)
            await c.Stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)), stop);
    });

    /// <summary>An HTML page (not JSON) with <paramref name="status"/> (try 200 and 500).</summary>
    public static LoopbackServer Html(int status) =>
        Answering(status, "<html><body><h1>Gateway says hello</h1></body></html>", ("Content-Type", "text/html"));

    /// <summary>A 307 to <paramref name="to"/> (another host): a client that follows it would carry our signature there.</summary>
    public static LoopbackServer Redirecting(Uri to) =>
        Answering(307, "", ("Location", to.ToString()));

    /// <summary>Throttles the first <paramref name="times"/> requests (HTTP 400 <c>ThrottlingException</c>), then answers <c>200 {}</c>.</summary>
    public static LoopbackServer ThrottlingFirst(int times)
    {
        var count = 0;
        return new((_, c, stop) => Interlocked.Increment(ref count) <= times
            ? c.Respond(400, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1")],
                """{"__type":"com.amazonaws.servicecatalog#ThrottlingException","message":"Rate exceeded"}"""u8.ToArray(), stop)
            : c.Respond(200, [], "{}"u8.ToArray(), stop));
    }

    /// <summary>Echoes every request header back, in a response header and in the body (a server that leaks what it got).</summary>
    public static LoopbackServer Echoing() => new((r, c, stop) =>
    {
        var all = string.Join("\n", r.Headers.Select(h => $"{h.Key}: {h.Value}"));
        return c.Respond(400, [KeyValuePair.Create("X-Echo", all.Replace("\n", " | "))],
            Encoding.UTF8.GetBytes(all), stop);
    });

    /// <summary>A 200 whose chunked body never ends: <paramref name="chunkBytes"/> a chunk, <paramref name="pause"/> between
    /// chunks, until the client hangs up.</summary>
    public static LoopbackServer EndlessChunked(int chunkBytes = 4096, TimeSpan pause = default) => new(async (_, c, stop) =>
    {
        await c.Stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), stop);
        var chunk = Encoding.ASCII.GetBytes($"{chunkBytes:x}\r\n{new string(' ', chunkBytes)}\r\n");
        while (true)
        {
            await c.Stream.WriteAsync(chunk, stop);
            if (pause > TimeSpan.Zero) await Task.Delay(pause, stop);
        }
    });

    /// <summary>Headers promising 1,000 bytes, then one byte every 100 ms.</summary>
    public static LoopbackServer Trickle() => new(async (_, c, stop) =>
    {
        await c.Stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"u8.ToArray(), stop);
        for (var i = 0; i < 1000; i++)
        {
            await c.Stream.WriteAsync(" "u8.ToArray(), stop);
            await Task.Delay(100, stop);
        }
    });

    /// <summary>A status line, then header lines without end.</summary>
    public static LoopbackServer HeaderFlood() => new(async (_, c, stop) =>
    {
        await c.Stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray(), stop);
        for (var i = 0; ; i++)
            await c.Stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Flood-{i}: {new string('x', 100)}\r\n"), stop);
    });

    /// <summary>Raw bytes as the whole answer (a malformed status line, broken chunk framing, ...), then the connection closes.</summary>
    public static LoopbackServer Raw(byte[] answer) => new(async (_, c, stop) =>
    {
        await c.Stream.WriteAsync(answer, stop);
        await c.Stream.FlushAsync(stop);
    });

    /// <summary>A 200 with <c>Content-Encoding: gzip</c> over <paramref name="inflated"/> zero bytes compressed (a compression bomb).</summary>
    public static LoopbackServer GzipBomb(int inflated = 16 << 20)
    {
        var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed,
            System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            for (var left = inflated; left > 0; left -= 1 << 20) gzip.Write(new byte[Math.Min(left, 1 << 20)]);
        var body = packed.ToArray();
        return new((_, c, stop) => c.Respond(200, [KeyValuePair.Create("Content-Encoding", "gzip")], body, stop));
    }

    /// <summary>A loopback URL where nothing listens (connection refused).</summary>
    public static Uri Refusing()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
