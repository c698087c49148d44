using NotifyContract.Fixtures;
using NotifyContract.Fixtures.Matchers;
using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Cli;

/// <summary>Turns the command line into a target: the embedded stub, or a live endpoint checked before the run.</summary>
static class TargetFactory
{
    public static ITarget Open(Arguments a)
    {
        if (!a.Live) return StubTarget.Start(a.Records, a.Timeout);
        var target = new HttpTarget(Options(a), new RecordSet(a.Records));
        try
        {
            target.Preflight();
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>The records cases may name, without opening the target: the stub's seeded ones plus --record.</summary>
    public static RecordSet Records(Arguments a)
    {
        if (a.Live) return new(a.Records);
        using var stub = StubServer.Start(new StubOptions { ExtraRecords = a.Records });
        return new(stub.KnownRecords);
    }

    public static string Describe(Arguments a) => a.Live ? Options(a).Describe : "embedded-stub";

    /// <summary>The stub <c>--serve</c> runs, with the readings the user picked (default: search, code points).</summary>
    public static StubServer Serve(Arguments a) => StubServer.Start(new StubOptions
    {
        Port = a.ServePort,
        ExtraRecords = a.Records,
        Patterns = a.Patterns == "full" ? PatternReading.Full : PatternReading.Search,
        Lengths = a.Lengths == "utf16" ? LengthReading.Utf16 : LengthReading.CodePoints,
        Admin = a.Admin,
    });

    static EndpointOptions Options(Arguments a) =>
        EndpointOptions.Resolve(a.Endpoint, a.Region, a.Timeout, a.MaxRequests, a.Rate, allowInstanceMetadata: a.AllowInstanceMetadata);
}
