using System.Net;
using System.Net.Sockets;
using NotifyContract.Fixtures;
using NotifyContract.Fixtures.Matchers;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Cli;

/// <summary>Turns the command line into a target: the embedded stub, or a live endpoint checked before the run.</summary>
static class TargetFactory
{
    /// <param name="live">The endpoint's <see cref="Options"/> (null: the embedded stub), worked out once by the caller:
    /// the default budget they hold generates every boundary case.</param>
    public static ITarget Open(Arguments a, EndpointOptions? live)
    {
        if (live is null) return StubTarget.Start(a.Records, a.Timeout, new StubOptions { Model = a.Contract.Model });
        var token = WorkflowToken(a);
        var records = Live(a, token);
        var target = new HttpTarget(live, records, workflowToken: token);
        try
        {
            target.Preflight(Probe(a, records));
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
        if (a.Live) return Live(a, WorkflowToken(a));
        using var stub = StubServer.Start(new StubOptions { ExtraRecords = a.Records });
        return new(stub.KnownRecords);
    }

    public static string Describe(Arguments a) => a.Live ? Options(a).Describe : "embedded-stub";

    /// <summary>What the run may send: on an AWS host, the operations that change nothing (or, with
    /// <c>--allow-mutating</c>, the violating cases of the others).</summary>
    public static Scope Scope(Arguments a) => Run.Scope.Of(a.Contract, a.Operations,
        a.Endpoint is null ? a.Region is not null : EndpointOptions.IsAwsHost(a.Endpoint.Host),
        a.OperationsNamed, a.AllowMutating);

    /// <summary>The stub <c>--serve</c> runs, with the readings the user picked (default: search, code points).</summary>
    public static StubServer Serve(Arguments a)
    {
        // Checked first: WireMock reports a port it cannot listen on in its own words, after its whole start timeout.
        if (a.ServePort != 0 && WhyNotListen(a.ServePort) is { } why)
            throw new HarnessException($"--serve {a.ServePort}: cannot listen on 127.0.0.1:{a.ServePort}: {why}");
        return StubServer.Start(new StubOptions
        {
            Port = a.ServePort,
            ExtraRecords = a.Records,
            Patterns = a.Patterns == "full" ? PatternReading.Full : PatternReading.Search,
            Lengths = a.Lengths == "utf16" ? LengthReading.Utf16 : LengthReading.CodePoints,
            Admin = a.Admin,
            Model = a.Contract.Model,
            SigV4 = a.StubKey,
        });
    }

    /// <returns>Null when 127.0.0.1:<paramref name="port"/> can be listened on.</returns>
    static string? WhyNotListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? "the port is in use; pick another, or 0 for a free one"
                : e.Message;
        }
        finally
        {
            listener.Dispose();
        }
    }

    /// <summary>The endpoint's options; an AWS host without <c>--max-requests</c> gets a budget covering every boundary
    /// case of the run (<see cref="Plan.DefaultBudget"/>).</summary>
    public static EndpointOptions Options(Arguments a, Scope? scope = null)
    {
        var suites = Commands.Suites(a, Live(a, null));
        int? awsBudget = a.MaxRequests is null
            ? Plan.Of(scope?.Apply(suites) ?? suites, Commands.Settings(a), null).DefaultBudget
            : null;
        return EndpointOptions.Resolve(a.Endpoint, a.Region, a.Timeout, a.MaxRequests, a.Rate, a.Credentials,
            a.AllowInstanceMetadata, awsMaxRequests: awsBudget);
    }

    /// <summary>How report.md's curl lines reach the endpoint and sign.</summary>
    public static Resend Resend(Arguments a, EndpointOptions o) => new(o.Url, o.Region, o.Signing, a.WorkflowTokenEnv);

    /// <summary>--record, and the stand-in of a real workflow token for the cases that must be accepted.</summary>
    static RecordSet Live(Arguments a, RealWorkflowToken? token) => new(a.Records) { WorkflowToken = token?.StandIn };

    static RealWorkflowToken? WorkflowToken(Arguments a) =>
        a.WorkflowTokenEnv is { } name ? RealWorkflowToken.FromEnvironment(name) : null;

    /// <summary>The preflight's safe request: a request that changes nothing whatever the target does with it. A
    /// Notify operation's valid request for a record the target does not hold (Record.notFound), else a read-only
    /// operation's valid request, else the first operation's request with no X-Amz-Target (refused unread).</summary>
    static Case Probe(Arguments a, RecordSet records)
    {
        var operations = a.Operations.Select(a.Contract.Get).ToList();
        var suite = operations.Where(o => ServiceCatalog.RecordBound(o.Name))
                        .Select(o => Rules.For(o, records).Single(s => s.Rule == RuleId.RecordNotFound))
                        .FirstOrDefault()
                    ?? operations.Where(o => ServiceCatalog.ReadOnly(a.Contract.Model.Find(o.Name)!))
                        .Select(o => Rules.For(o, records).Single(s => s.Rule == RuleId.ValidAccepted))
                        .FirstOrDefault()
                    ?? Rules.For(operations[0], records).Single(s => s.Rule.Value == "Protocol.missingTarget");
        return suite.Boundary[0];
    }
}
