using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NotifyContract.Tests.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (OS-chosen port) for transport tests: one request per connection, every
/// request recorded, answered by a <see cref="Behaviour"/> (which may also hang, reset or misbehave). Disposing
/// stops it and closes every connection.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    public sealed record Request(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers,
        byte[] Body)
    {
        public string? Header(string name) =>
            Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        public string Path => Target.Split('?')[0];
        public string Query => Target.Contains('?') ? Target[(Target.IndexOf('?') + 1)..] : "";
    }

    /// <summary>Answers one request on its connection; <paramref name="stop"/> fires when the server is disposed.</summary>
    public delegate Task Behaviour(Request request, Connection connection, CancellationToken stop);

    public sealed class Connection(TcpClient client, Stream stream)
    {
        public Stream Stream => stream;

        /// <summary>Closes with RST instead of FIN.</summary>
        public void Reset()
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }

        public async Task Respond(int status, IEnumerable<KeyValuePair<string, string>> headers, byte[] body,
            CancellationToken stop)
        {
            var head = new StringBuilder($"HTTP/1.1 {status} {(HttpStatusCode)status}\r\n");
            foreach (var (k, v) in headers) head.Append($"{k}: {v}\r\n");
            head.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop);
            await stream.WriteAsync(body, stop);
            await stream.FlushAsync(stop);
        }
    }

    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource stop = new();
    readonly Behaviour behaviour;
    readonly X509Certificate2? certificate;
    readonly List<Request> received = [];
    readonly List<TcpClient> clients = [];
    readonly Task accepting;

    /// <param name="tls">Serve https with a fresh self-signed certificate (no client trusts it).</param>
    public LoopbackServer(Behaviour behaviour, bool tls = false)
    {
        this.behaviour = behaviour;
        certificate = tls ? SelfSigned() : null;
        listener.Start();
        accepting = Task.Run(AcceptLoop);
    }

    public Uri Url =>
        new($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public IReadOnlyList<Request> Received
    {
        get { lock (received) return [.. received]; }
    }

    async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            lock (clients) clients.Add(client);
            _ = Task.Run(() => Serve(client));
        }
    }

    async Task Serve(TcpClient client)
    {
        try
        {
            Stream stream = client.GetStream();
            if (certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = certificate }, stop.Token);
                stream = tls;
            }
            var request = await Read(stream, stop.Token);
            if (request is null) return;
            lock (received) received.Add(request);
            await behaviour(request, new Connection(client, stream), stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException
                                      or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up, timed out or refused our certificate: exactly what hostile tests provoke.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Request line, headers up to the blank line, then Content-Length bytes of body.</summary>
    static async Task<Request?> Read(Stream stream, CancellationToken stop)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(chunk, stop);
            if (n == 0) return null;
            buffer.Write(chunk, 0, n);
        }
        var lines = Encoding.Latin1.GetString(buffer.GetBuffer(), 0, headEnd).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => KeyValuePair.Create(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim()))
            .ToList();
        var length = int.Parse(headers.FirstOrDefault(h =>
            h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value ?? "0");
        var body = new MemoryStream();
        body.Write(buffer.GetBuffer(), headEnd + 4, (int)buffer.Length - headEnd - 4);
        while (body.Length < length)
        {
            var n = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - body.Length)), stop);
            if (n == 0) return null;
            body.Write(chunk, 0, n);
        }
        return new Request(start[0], start[1], headers, body.ToArray());
    }

    static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (clients) foreach (var c in clients) c.Dispose();
        try { accepting.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        certificate?.Dispose();
        stop.Dispose();
    }
}
