using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Util;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// A live endpoint over awsJson1.1: <c>POST</c> to the endpoint's path with the case's headers exactly as given
/// (none added, none fixed, except Host, Content-Length and the signature) and the case's body bytes (with a
/// <see cref="RealWorkflowToken"/>'s stand-in swapped for the token), SigV4-signed per <see cref="EndpointOptions.Signing"/>
/// (an <c>Auth.*</c> case broken as its <see cref="Case.SigningFault"/> says: <see cref="SigV4.For"/>),
/// behind <see cref="LiveSafety"/>. Every answer leaves with the secrets cut out (<see cref="Redaction"/>). Thread-safe.
/// </summary>
public sealed class HttpTarget : ITarget
{
    /// <summary>Answers longer than this are cut here, so a gigantic body cannot exhaust memory.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The fixed fake key for hosts that are not AWS (emulators, the embedded stub). Not a secret.</summary>
    public static readonly BasicAWSCredentials FakeCredentials =
        new("AKIDNOTIFYCONTRACTFAKE", "notify-contract-fake-secret-key");

    readonly EndpointOptions options;
    readonly AWSCredentials? credentials;
    readonly HttpClient http;
    readonly LiveSafety safety;
    readonly Uri requestUri;
    readonly string host;
    readonly RealWorkflowToken? workflowToken;
    volatile KeySecrets? secrets;

    sealed record KeySecrets(ImmutableCredentials? Key, Redaction Cut);

    /// <param name="credentials">Overrides <see cref="EndpointOptions.Signing"/>'s key (tests); ignored when unsigned.</param>
    /// <param name="workflowToken">Sent wherever a case holds its stand-in (<paramref name="records"/> name the stand-in).</param>
    public HttpTarget(EndpointOptions options, RecordSet records, AWSCredentials? credentials = null,
        RealWorkflowToken? workflowToken = null)
    {
        this.options = options;
        this.workflowToken = workflowToken;
        Records = records;
        this.credentials = options.Signing switch
        {
            Signing.Unsigned => null,
            _ when credentials is not null => credentials,
            Signing.FakeKey => FakeCredentials,
            _ => FromChain(options.AllowInstanceMetadata),
        };
        requestUri = new Uri(options.Url);
        host = requestUri.IsDefaultPort ? requestUri.Host : $"{requestUri.Host}:{requestUri.Port}";
        http = new HttpClient(Handler(options.Timeout)) { Timeout = Timeout.InfiniteTimeSpan };
        safety = new LiveSafety(options);
    }

    /// <summary>The connection settings of every request we send (the benchmark's bare client uses them too).</summary>
    internal static SocketsHttpHandler Handler(TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false, // a 3xx is an answer; the signed request never follows it off the target host
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = 32,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    public string Describe => options.Describe;

    /// <summary>The endpoint is an AWS host (a real account: <see cref="Run.Scope"/> decides what may go).</summary>
    public bool OnAws => EndpointOptions.IsAwsHost(requestUri.Host);

    public RecordSet Records { get; }

    /// <summary>Requests actually sent so far (retries included).</summary>
    public int Sent => safety.Sent;

    public long? RequestsLeft => safety.Left;

    public Answer Send(Case c) => ((ITarget)this).Send(c, CancellationToken.None);

    Answer ITarget.Send(Case c, CancellationToken stop) => safety.Run(token => SendOnce(c, token), stop);

    Answer SendOnce(Case c, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var key = credentials?.GetCredentials();
        var cut = Secrets(key);
        var signature = Redaction.None;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(options.Timeout);
        try
        {
            using var request = Frame(c, key, out signature);
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = ReadCapped(response, deadline.Token);
            List<KeyValuePair<string, string>> headers = [];
            foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
                foreach (var value in values)
                    headers.Add(new(name, value));
            return signature.Cut(cut.Cut(new Answer((int)response.StatusCode, headers, body,
                Stopwatch.GetElapsedTime(started))));
        }
        catch (Exception e) when (deadline.IsCancellationRequested
            && e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            if (stop.IsCancellationRequested)
                return Answer.None(NoAnswer.Interrupted, Stopwatch.GetElapsedTime(started), "the run was interrupted");
            return Answer.None(NoAnswer.Timeout, Stopwatch.GetElapsedTime(started),
                $"no answer within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return signature.Cut(cut.Cut(Answer.None(NoAnswer.Connection, Stopwatch.GetElapsedTime(started),
                OneLine(e))));
        }
    }

    /// <param name="signature">Cuts this request's signature: a server may echo the Authorization header.</param>
    HttpRequestMessage Frame(Case c, ImmutableCredentials? key, out Redaction signature)
    {
        var body = workflowToken?.Restore(c.Body) ?? c.Body;
        List<KeyValuePair<string, string>> headers = [.. c.Headers, new("Host", host)];
        signature = Redaction.None;
        var (signer, region, service, age) = SigV4.For(c.SigningFault, key, options.Region);
        if (signer is not null)
        {
            var signed = SigV4.Sign(headers, requestUri.AbsolutePath, body, signer, region, DateTime.UtcNow - age,
                service);
            headers.AddRange(signed);
            signature = Redaction.Of([(SigV4.Signature(signed), Redaction.Redacted)]);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)
                && !request.Content.Headers.TryAddWithoutValidation(name, value))
                throw new HarnessException($"case {c.Id}: header '{name}' cannot be sent");
        return request;
    }

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/>, each read cancelled by the deadline. (Disposing the response from the
    /// deadline's callback raced a running read: an endless chunked body then threw from inside the decoder.)
    /// </summary>
    static byte[] ReadCapped(HttpResponseMessage response, CancellationToken deadline)
    {
        using var stream = response.Content.ReadAsStream(deadline);
        // Sized by Content-Length when it is sent (a hint only: the cap and the bytes read decide); the chunk is
        // pooled, so a small answer costs one array.
        var body = new MemoryStream((int)Math.Clamp(response.Content.Headers.ContentLength ?? 0, 0, MaxBodyBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while (body.Length < MaxBodyBytes &&
                   (read = stream.ReadAsync(chunk.AsMemory(0,
                       (int)Math.Min(chunk.Length, MaxBodyBytes - body.Length)), deadline)
                       .AsTask().GetAwaiter().GetResult()) > 0)
                body.Write(chunk, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return body.ToArray();
    }

    /// <summary>What answers must not hold: every part of the signing key (kept while the chain returns the same key),
    /// and a real workflow token, shown as its stand-in.</summary>
    Redaction Secrets(ImmutableCredentials? key)
    {
        if (secrets is { } known && known.Key == key) return known.Cut;
        var cut = Redaction.Of([
            (key?.AccessKey, Redaction.Redacted), (key?.SecretKey, Redaction.Redacted),
            (key?.Token, Redaction.Redacted),
            (workflowToken?.Value, workflowToken?.StandIn ?? ""),
        ]);
        secrets = new(key, cut);
        return cut;
    }

    /// <summary>
    /// Checks, before a live run, what would otherwise fail every case: credentials, name resolution, the TCP
    /// connection and (for https) the TLS handshake; then sends <paramref name="probe"/> (a safe request: valid, for a
    /// record that does not exist; it counts in the budget), and stops if the target refuses the credentials.
    /// Throws a one-line <see cref="HarnessException"/>.
    /// </summary>
    public void Preflight(Case? probe = null)
    {
        Reach();
        if (probe is not null && AuthFailure.Of(Send(probe)) is { } code)
            throw new HarnessException(AuthFailure.Explain(code, options.Signing));
    }

    void Reach()
    {
        try
        {
            credentials?.GetCredentials();
        }
        catch (Exception)
        {
            // The SDK's message may name profiles or processes; ours names only the sources tried.
            throw new HarnessException(NoCredentials);
        }

        var where = $"{requestUri.Host}:{requestUri.Port}";
        using var deadline = new CancellationTokenSource(options.Timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.ConnectAsync(requestUri.DnsSafeHost, requestUri.Port, deadline.Token).AsTask().GetAwaiter()
                .GetResult();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData
            or SocketError.TryAgain)
        {
            throw new HarnessException($"cannot resolve {requestUri.Host} (DNS: {e.SocketErrorCode})");
        }
        catch (SocketException e)
        {
            throw new HarnessException($"cannot connect to {where} ({e.SocketErrorCode})");
        }
        catch (OperationCanceledException)
        {
            throw new HarnessException($"cannot connect to {where} (no connection within " +
                                       $"{options.Timeout.TotalSeconds:0.###} s)");
        }

        if (requestUri.Scheme != Uri.UriSchemeHttps) return;
        var errors = SslPolicyErrors.None;
        using var tls = new SslStream(new NetworkStream(socket), leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = requestUri.IdnHost,
                RemoteCertificateValidationCallback = (_, _, _, e) => (errors = e) == SslPolicyErrors.None,
            }, deadline.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            var why = errors != SslPolicyErrors.None ? errors.ToString() : OneLine(e);
            throw new HarnessException($"TLS handshake with {where} failed ({why})");
        }
    }

    public void Dispose()
    {
        http.Dispose();
        safety.Dispose();
    }

    const string NoCredentials =
        "no AWS credentials found (tried environment, web identity, profile/SSO, container role; " +
        "instance metadata only with --allow-instance-metadata)";

    /// <summary>
    /// The standard chain. Instance metadata is the chain's last resort; unless allowed, the SDK's documented switch
    /// (<c>AWS_EC2_METADATA_DISABLED</c>) keeps it from ever calling IMDS.
    /// </summary>
    static AWSCredentials FromChain(bool allowInstanceMetadata)
    {
        if (!allowInstanceMetadata)
            Environment.SetEnvironmentVariable(EC2InstanceMetadata.AWS_EC2_METADATA_DISABLED, "true");
        try
        {
            return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null);
        }
        catch (Exception)
        {
            throw new HarnessException(NoCredentials);
        }
    }

    static string OneLine(Exception e) =>
        string.Join(" ", (e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message)
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
