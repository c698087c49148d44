using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Fixtures;
using NotifyContract.Fixtures.Matchers;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Stub;

/// <summary>How a request's body is framed.</summary>
public enum Framing { ContentLength, NoLength, ShortLength, BadLength, Chunked, BadChunks }

/// <summary>A request as the property sends it: its parts, framed on the way out, so a shrunk one stays framed as
/// generated; shown so it can be pasted into a test.</summary>
public sealed record RawRequest(string Method, string Path, (string Name, string Value)[] Headers, byte[] Body,
    Framing Framing)
{
    public byte[] Bytes => [.. Encoding.Latin1.GetBytes(
        $"{Method} {Path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
        string.Concat(Headers.Select(h => $"{h.Name}: {h.Value}\r\n")) + Framing switch
        {
            Framing.ContentLength => $"Content-Length: {Body.Length}\r\n",
            Framing.ShortLength => $"Content-Length: {Body.Length / 2}\r\n",
            Framing.BadLength => "Content-Length: 1, 2\r\n",
            Framing.Chunked or Framing.BadChunks => "Transfer-Encoding: chunked\r\n",
            _ => "",
        } + "\r\n"), .. Framing switch
        {
            Framing.Chunked => [.. Encoding.ASCII.GetBytes($"{Body.Length:x}\r\n"), .. Body, .. "\r\n0\r\n\r\n"u8],
            Framing.BadChunks => [.. "zz\r\n"u8, .. Body],
            _ => Body,
        }];

    public override string ToString() => string.Concat(Encoding.Latin1.GetString(Bytes).Select(c => c switch
    {
        '"' or '\\' => $"\\{c}",
        >= ' ' and <= '~' => c.ToString(),
        _ => $"\\x{(int)c:X2}",
    }));
}

/// <summary>
/// The stub served by <c>--serve</c> under any request (issue 23): any method, path, headers, framing (a wrong or
/// missing Content-Length, chunked bodies broken or not) and body (JSON of every type where the contract wants a
/// string, lone surrogates, nesting past parsers' limits, huge numbers, near-JSON, random bytes), sent as raw bytes
/// over a socket to 127.0.0.1, is answered, and never with a 5xx. Under both readings of the open questions.
/// </summary>
public sealed class StubInputPropertyTests : IDisposable
{
    readonly StubServer[] stubs =
    [
        StubServer.Start(),
        StubServer.Start(new StubOptions { Patterns = PatternReading.Full, Lengths = LengthReading.Utf16 }),
    ];

    public void Dispose()
    {
        foreach (var stub in stubs) stub.Dispose();
    }

    [Fact]
    public void Any_request_gets_an_answer_and_never_a_server_error() =>
        Prop.ForAll(Arb.From(AnyRequests.Framed, AnyRequests.Smaller), request =>
        {
            foreach (var stub in stubs) Assert.All(Statuses(stub, request.Bytes), s => Assert.InRange(s, 100, 499));
            return true;
        }).Check(PropertyRuns.Config(tests: 40, size: 20));

    static RawRequest Framed(string body, Framing framing, params (string, string)[] headers) =>
        new("POST", "/", [("X-Amz-Target", $"AWS242ServiceCatalogService.{StubFixture.Terminate}"),
            ("Content-Type", "application/x-amz-json-1.1"), .. headers], Encoding.UTF8.GetBytes(body), framing);

    /// <summary>Found by the property: WireMock inflates such a body, throws, and answered 500 with its stack trace.</summary>
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public void A_body_that_does_not_inflate_as_its_content_encoding_says_is_refused_400(string encoding)
    {
        foreach (var stub in stubs)
            Assert.Equal([400], Statuses(stub, Framed("""{"RecordId":"rec-1"}""", Framing.ContentLength,
                ("Content-Encoding", encoding)).Bytes));
    }

    /// <summary>Found by the property: Kestrel's refusal of the chunk size reached WireMock, which answered 500.</summary>
    [Fact]
    public void A_body_with_a_broken_chunk_size_is_refused_400()
    {
        foreach (var stub in stubs)
            Assert.Equal([400], Statuses(stub, Framed("""{"RecordId":"rec-1"}""", Framing.BadChunks).Bytes));
    }

    static readonly Regex StatusLine = new(@"(?:^|\r\n\r\n)HTTP/1\.1 (\d{3}) ", RegexOptions.CultureInvariant);

    /// <summary>Sends the bytes, then reads every answer until the stub closes the connection (each request says
    /// <c>Connection: close</c>); none at all is a dropped connection. Only a hung stub meets the safety timeout.
    /// (Not half-closed: Kestrel takes a client's FIN for an aborted request.)</summary>
    static IReadOnlyList<int> Statuses(StubServer stub, byte[] request)
    {
        using var client = new TcpClient("127.0.0.1", stub.Url.Port);
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stream = client.GetStream();
        stream.Write(request);
        var answer = new MemoryStream();
        stream.CopyToAsync(answer, safety.Token).GetAwaiter().GetResult();
        var statuses = StatusLine.Matches(Encoding.Latin1.GetString(answer.ToArray()))
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(statuses.Count > 0, $"no answer: {answer.Length} bytes");
        return statuses;
    }
}

/// <summary>Arbitrary requests to the stub: awsJson1.1's framing mostly, with anything in its place.</summary>
public static class AnyRequests
{
    static readonly string[] Members =
    [
        "WorkflowToken", "RecordId", "Status", "FailureReason", "IdempotencyToken", "ResourceIdentifier", "UniqueTag",
        "Key", "Value", "Outputs", "OutputKey", "OutputValue", "Description",
    ];

    static readonly Gen<string> Member = Gen.Elements(Members);

    /// <summary>A value where the contract wants a string: sometimes one it allows, often anything.</summary>
    static readonly Gen<string> Value = Gen.Frequency(
        (2, Gen.Elements("\"rec-nc0000000000001\"", "\"SUCCEEDED\"", "\"FAILED\"", "\"AQIDAHhB+ExampleToken=\"",
            "\"tok-1\"", "\"\"")),
        (4, AnyJson.Value(2, Member)));

    /// <summary>The request shape with members of any type, nested where the contract nests (ResourceIdentifier.UniqueTag,
    /// Outputs[]) and anywhere else.</summary>
    static readonly Gen<string> Shaped = Gen.ListOf(Gen.Frequency(
            (4, AnyJson.Member(Member, Value)),
            (1, AnyJson.Member(Gen.Constant("ResourceIdentifier"),
                Gen.ListOf(AnyJson.Member(Gen.Constant("UniqueTag"),
                    Gen.ListOf(AnyJson.Member(Gen.Elements("Key", "Value"), Value)).Select(AnyJson.Object)))
                    .Select(AnyJson.Object))),
            (1, AnyJson.Member(Gen.Constant("Outputs"),
                Gen.ListOf(Gen.ListOf(AnyJson.Member(Gen.Elements("OutputKey", "OutputValue", "Description"), Value))
                    .Select(AnyJson.Object)).ScaleSize(AnyJson.Nested).Select(o => $"[{string.Join(",", o)}]")))))
        .Select(AnyJson.Object);

    static readonly Gen<byte[]> Body = AnyJson.Body(Shaped, Member);

    const string Prefix = "AWS242ServiceCatalogService.";

    /// <summary>What an HTTP header can carry: bytes, shown as Latin-1 (controls included).</summary>
    static readonly Gen<string> Latin1Text =
        AnyJson.Text.Select(t => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(t)));

    static readonly Gen<string> Target = Gen.Frequency(
        (12, Gen.Elements(StubFixture.Operations).Select(op => Prefix + op)),
        (1, Gen.Elements(Prefix, Prefix + "Nope", "", " ", Prefix.ToLowerInvariant() + "notifyx")),
        (1, Latin1Text));

    static readonly Gen<string> ContentType = Gen.Frequency(
        (12, Gen.Elements("application/x-amz-json-1.1", "application/x-amz-json-1.1; charset=utf-8",
            "APPLICATION/X-AMZ-JSON-1.1")),
        (1, Gen.Elements("application/json", "text/plain", "", ";")),
        (1, Latin1Text));

    static readonly Gen<string> Printable =
        Gen.ListOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c)).Select(string.Concat);

    /// <summary>Headers besides the framing: mostly well-formed, now and then any bytes or a framing header again (a
    /// request Kestrel refuses before the stub sees it).</summary>
    static readonly Gen<(string, string)> Other = Gen.Frequency(
        (8, from name in Gen.Elements("X-Amz-Date", "Authorization", "X-Amz-Meta", "User-Agent", "Accept")
            from value in Printable select (name, value)),
        (1, Gen.Elements("100-continue", "x").Select(v => ("Expect", v))),
        (2, Gen.Elements("gzip", "deflate", "br", "x").Select(v => ("Content-Encoding", v))),
        (1, from name in Gen.Elements("Host", "Content-Length", "X-Amz-Target", "Content-Type", "Transfer-Encoding")
            from value in Latin1Text select (name, value)),
        (1, from name in Latin1Text from value in Latin1Text select (name, value)));

    /// <summary>awsJson1.1's two headers (each absent now and then), then a few others.</summary>
    static readonly Gen<(string, string)[]> Headers =
        from target in Usually("X-Amz-Target", Target)
        from type in Usually("Content-Type", ContentType)
        from others in Gen.ListOf(Other).ScaleSize(size => size / 10)
        select target.Concat(type).Concat(others).ToArray();

    static Gen<(string, string)[]> Usually(string name, Gen<string> value) => Gen.Frequency(
        (9, value.Select(v => new[] { (name, v) })), (1, Gen.Constant(Array.Empty<(string, string)>())));

    static readonly Gen<string> Method = Gen.Frequency((8, Gen.Constant("POST")),
        (1, Gen.Elements("GET", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "FOO")));

    static readonly Gen<string> Path = Gen.Frequency((8, Gen.Constant("/")),
        (1, Gen.Elements("/x", "//", "/?Action=Notify", "/__admin/mappings", "/__admin/records", "/%00", "*")));

    public static readonly Gen<RawRequest> Framed =
        from method in Method
        from path in Path
        from headers in Headers
        from body in Body
        // No Content-Length larger than the body: the stub waits for the rest, as any server does.
        from framing in Gen.Frequency((6, Gen.Constant(Framing.ContentLength)),
            (1, Gen.Elements(Framing.NoLength, Framing.ShortLength, Framing.BadLength, Framing.Chunked,
                Framing.BadChunks)))
        select new RawRequest(method, path, headers, body, framing);

    /// <summary>Each header left out, the body halved.</summary>
    public static IEnumerable<RawRequest> Smaller(RawRequest r)
    {
        for (var i = 0; i < r.Headers.Length; i++)
            yield return r with { Headers = [.. r.Headers[..i], .. r.Headers[(i + 1)..]] };
        if (r.Body.Length > 0) yield return r with { Body = r.Body[..(r.Body.Length / 2)] };
    }
}
