using NotifyContract.Fixtures;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// The default target: the reference stub in process on 127.0.0.1, reached over real HTTP through the same
/// transport as a live endpoint (signed with the fixed fake key), so the stub run exercises the whole pipeline.
/// </summary>
public sealed class StubTarget : ITarget
{
    readonly StubServer stub;
    readonly HttpTarget http;

    StubTarget(StubServer stub, TimeSpan timeout)
    {
        this.stub = stub;
        http = new HttpTarget(
            EndpointOptions.Resolve(stub.Url, region: null, timeout, signing: Signing.FakeKey),
            new RecordSet(stub.KnownRecords));
    }

    public static StubTarget Start(IReadOnlyList<string> extraRecords, TimeSpan timeout, StubOptions? options = null) =>
        new(StubServer.Start((options ?? new StubOptions()) with { ExtraRecords = extraRecords }), timeout);

    public Uri Url => stub.Url;
    public string Describe => "embedded-stub";
    public RecordSet Records => http.Records;
    public Answer Send(Case c) => http.Send(c);
    Answer ITarget.Send(Case c, CancellationToken stop) => ((ITarget)http).Send(c, stop);
    public long? RequestsLeft => http.RequestsLeft;

    public void Dispose()
    {
        http.Dispose();
        stub.Dispose();
    }
}
