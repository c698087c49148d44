using System.Diagnostics;
using System.Runtime.InteropServices;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Export;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;
using NotifyContract.Harness.Bench;
using ConformanceRun = NotifyContract.Harness.Run.Conformance;

namespace NotifyContract.Harness.Cli;

/// <summary>
/// What each mode of the command line does. Exit codes of a run (<see cref="Exit"/>): 0 conformant, 1 a rule fails,
/// 2 usage or harness error (including credentials the target rejects, before or during the run), 3 incomplete,
/// 130/143 interrupted by SIGINT/SIGTERM.
/// </summary>
public static class Commands
{
    public static int Run(Arguments a) => a.Mode switch
    {
        Mode.Export => Export(a),
        Mode.Serve => Serve(a),
        Mode.Bench => Benchmark.Run(a, Console.Out),
        Mode.Merge => Merge(a),
        Mode.DiffModel => DiffModel(a),
        _ => Conformance(a),
    };

    internal static RunSettings Settings(Arguments a) => new(a.Seed, a.MaxTest, a.Concurrency);

    internal static IReadOnlyList<RuleSuite> Suites(Arguments a, RecordSet records) =>
        Rules.All(a.Contract, records, a.Operations);

    /// <summary>The places in <paramref name="suites"/> of those the run sends: all, or its <c>--shard</c>'s.</summary>
    static IReadOnlyList<int> Sent(Arguments a, IReadOnlyList<RuleSuite> suites) =>
        a.Shard?.Of(suites, Settings(a)) ?? [.. Enumerable.Range(0, suites.Count)];

    static int Conformance(Arguments a)
    {
        var plan = ParityPlan.Read(a.AgainstSnapshot, a.KnownFailures, a.WriteSnapshot, a.WriteKnownFailures,
            a.Contract);
        if (plan.Against?.Header is { } snapshot) // its cases regenerate from its header
        {
            if (a.Records.Count > 0 && !a.Records.ToHashSet().SetEquals(snapshot.Records))
                throw new HarnessException("--record may only repeat the snapshot's records " +
                                           $"({string.Join(", ", snapshot.Records)})");
            a = a with
            {
                Seed = snapshot.Seed, MaxTest = snapshot.MaxTest, Operations = snapshot.Operations,
                Records = snapshot.Records,
                Profile = snapshot.Profile, // its readings name what each answer agreed with, as the snapshot's did
            };
        }
        var profile = Profile.Load(a.Profile).WithReadings(a.Patterns, a.Lengths, a.ContentType, a.Signatures);
        var settings = Settings(a) with { Exhaustive = plan.Exhaustive };
        var scope = TargetFactory.Scope(a);
        a = a with { Operations = scope.Operations };
        if (a.DryRun)
        {
            var where = TargetFactory.Describe(a); // checks the endpoint before a word is written
            if (scope.Line is { } scoped) Console.Error.WriteLine(scoped);
            long count;
            using (var stdout = Console.OpenStandardOutput())
                count = WriteCases(a, stdout, plan.Records(TargetFactory.Records(a)), scope);
            Console.Error.WriteLine($"dry run: {count} cases would go to {where} " +
                                    $"(seed {a.Seed}); nothing was sent");
            return 0;
        }

        ReportFolder.Check(a.ReportDirectory); // before hours of requests, not after
        // From here on, a signal gets the partial report; one during the preflight (throttled retries can take a
        // minute) stops the run as it starts.
        using var interrupts = new Interrupts();
        var live = a.Live ? TargetFactory.Options(a, scope) : null;
        using var target = TargetFactory.Open(a, live);
        var onAws = scope.Guarded ? AwsSighting.Today(live!.Region) : null; // its answers are seen on AWS today
        var records = plan.Records(target.Records);
        var all = scope.Apply(Suites(a, records));
        plan.CheckRegenerated(all, settings);
        var sent = Sent(a, all);
        IReadOnlyList<RuleSuite> suites = [.. sent.Select(i => all[i])];
        var schedule = Plan.Of(suites, settings, target.RequestsLeft);
        if (scope.Line is { } line) Console.Error.WriteLine(line);
        if (a.Shard is { } part) Console.Error.WriteLine($"shard {part}: {suites.Count} of the run's {all.Count} suites");
        Console.Error.WriteLine(schedule.Line);
        if (plan.Against?.Header.SeenOnAws is { } seen) Console.Error.WriteLine(MarkdownReport.Seen(seen));
        if (schedule.Warning is { } warning) Console.Error.WriteLine(warning);
        // Every few seconds against the embedded stub (a run of seconds), every ten against an endpoint (of hours).
        using var progress = new ProgressLine(TimeSpan.FromSeconds(a.Live ? 10 : 2));
        RunState? state = null;
        var run = ConformanceRun.Run(suites, target, plan.Judge(profile), settings, s =>
        {
            state = s;
            plan.Watch(s, profile);
            interrupts.Watch(s);
            progress.Watch(s);
        }) with
        {
            HeldBack = scope.HeldBack, Contract = a.Contract,
            SeenOnAws = onAws ?? plan.Against?.Header.SeenOnAws,
        };
        var resend = live is null ? null : TargetFactory.Resend(a, live);
        var verdicts = Verdicts.Of(run, plan.Known) with
        {
            Shard = a.Shard is { } shard
                ? new(shard, sent, all.Count, Replay.Line(a with { Shard = null }), resend, a.KnownFailures)
                : null,
        };
        var summary = Publish(a.ReportDirectory, verdicts, Replay.Line(a), resend,
            () => plan.Write(run, a.Profile, a.Operations, records, Verdicts.Results(verdicts.Rules),
                [.. verdicts.Causes.SelectMany(c => c.Unimplemented)], onAws, a.Shard));
        if (state?.CredentialsRejected is { } code)
        {
            Console.Error.WriteLine("notify-contract: stopped mid-run: " +
                                    $"{AuthFailure.Explain(code, (live ?? TargetFactory.Options(a)).Signing)}");
            return 2;
        }
        return Exit(run, summary);
    }

    /// <summary>The reports (and what <paramref name="alsoWrite"/> writes), the job page's summary and the console's
    /// causes and summary line.</summary>
    static Summary Publish(string directory, Verdicts verdicts, string replay, Resend? resend, Action? alsoWrite = null)
    {
        var summary = verdicts.Summary;
        try
        {
            Reports.Write(directory, verdicts, replay, resend);
            alsoWrite?.Invoke();
        }
        catch (HarnessException e) // its disk full, the report folder gone: what was judged is not lost with the files
        {
            throw new HarnessException($"{e.Message}; the run judged: {summary.Line}");
        }
        StepSummary.Append(StepSummary.Section($"NotifyContract: {verdicts.Run.Target}", summary.Line,
            [.. summary.Causes, .. summary.Known]));
        foreach (var overview in summary.Overview) Console.WriteLine(overview);
        Console.WriteLine($"{summary.Line}. Report: {Path.Combine(directory, "report.md")} (and report.html)");
        return summary;
    }

    /// <summary>A run's exit code: 130/143 interrupted (SIGINT/SIGTERM), 1 a rule fails, 3 incomplete (no rule fails
    /// but some rule did not get all its boundary cases), 0 conformant.</summary>
    public static int Exit(RunResult run, Summary summary) =>
        run.Interrupted is { } signal ? (signal == nameof(PosixSignal.SIGTERM) ? 143 : 130)
        : summary.Fails ? 1
        : run.Complete ? 0
        : 3;

    /// <summary>Every case a run would send, as JSON Lines, written as generated (never all held at once).</summary>
    static long WriteCases(Arguments a, Stream output, RecordSet records, Scope? scope = null)
    {
        var count = 0L;
        using var buffered = new BufferedStream(output, 1 << 16);
        var suites = Suites(a, records);
        suites = scope?.Apply(suites) ?? suites;
        foreach (var suite in Sent(a, suites).Select(i => suites[i]))
            Explore.Each(suite, Settings(a), c =>
            {
                CaseExport.Write(buffered, [c]);
                count++;
            });
        return count;
    }

    static int Export(Arguments a)
    {
        try
        {
            using var file = File.Create(a.ExportFile!);
            WriteCases(a, file, TargetFactory.Records(a));
        }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot write {a.ExportFile}: {e.Message}");
        }
        Console.Error.WriteLine($"exported to {a.ExportFile} (seed {a.Seed}, max-test {a.MaxTest})");
        return 0;
    }

    static int Merge(Arguments a)
    {
        if (ShardMerge.Snapshots(a.MergeReports) is { } snapshot)
        {
            Directory.CreateDirectory(a.ReportDirectory);
            var path = Path.Combine(a.ReportDirectory, "snapshot.jsonl");
            snapshot.Write(path);
            Console.WriteLine($"{snapshot.Cases.Count} cases of {a.MergeReports.Count} shards: {path}");
            return 0;
        }
        if (ShardMerge.Reports(a.MergeReports, a.Contract) is var (verdicts, replay, resend))
        {
            ReportFolder.Check(a.ReportDirectory);
            return Exit(verdicts.Run, Publish(a.ReportDirectory, verdicts, replay, resend));
        }
        var merged = MergedReport.Read(a.MergeReports);
        merged.Write(a.ReportDirectory);
        StepSummary.Append(merged.Markdown());
        Console.WriteLine($"{merged.Line}. Report: {Path.Combine(a.ReportDirectory, "report.md")}");
        return 0;
    }

    /// <summary><c>--diff-model OLD NEW</c>: 0 when the models agree on every rule, 1 when they differ (a model that
    /// cannot be read is exit 2, as every bad input).</summary>
    static int DiffModel(Arguments a)
    {
        var (old, @new) = (a.DiffModels[0], a.DiffModels[1]);
        var diff = ModelDiff.Of(old, Arguments.Model(old), @new, Arguments.Model(@new));
        diff.Write(a.ReportDirectory);
        Console.Write(diff.Text());
        Console.WriteLine($"Report: {Path.Combine(a.ReportDirectory, ModelDiff.FileName)}");
        return diff.Same ? 0 : 1;
    }

    static int Serve(Arguments a)
    {
        using var stub = TargetFactory.Serve(a);
        using var stop = new ManualResetEventSlim();
        // Ctrl-C (SIGINT) or SIGTERM: stop the stub cleanly instead of dying mid-answer.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM,
            c => { c.Cancel = true; stop.Set(); });
        Console.WriteLine($"reference stub on {stub.Url} with records {string.Join(", ", stub.KnownRecords)} " +
                          $"(patterns {a.Patterns ?? "search"}, lengths {a.Lengths ?? "codepoints"}, signatures " +
                          $"{(a.StubKey is { } key ? $"verified for key {key.KeyId}" : "ignored")}); Ctrl-C stops it");
        // A token the stub made for this run, not a user's secret: the user needs it to reach the admin API.
        if (stub.AdminToken is { } token)
            Console.WriteLine($"admin API on {stub.Url}__admin/ with header 'Authorization: Bearer {token}'");
        stop.Wait();
        Console.WriteLine("stopped");
        return 0;
    }

    /// <summary>
    /// SIGINT (Ctrl-C) and SIGTERM (a CI timeout) during a run: the first stops sending and lets the run write its
    /// partial report (a signal just before the run starts stops it as it starts); a second one ends the process at once
    /// (the same signal repeated within a second is the first one delivered twice).
    /// </summary>
    sealed class Interrupts : IDisposable
    {
        readonly PosixSignalRegistration interrupt, terminate;
        readonly Lock gate = new();
        RunState? state;
        string? signal;

        public Interrupts()
        {
            interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, On);
            terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, On);
        }

        public void Watch(RunState run)
        {
            lock (gate)
            {
                state = run;
                if (signal is not null) run.Interrupt(signal);
            }
        }

        /// <summary>GNU timeout signals the process and then its process group: one timeout, the same signal twice
        /// within microseconds. Such a repeat is the first signal again, not a second Ctrl-C.</summary>
        static readonly TimeSpan Repeat = TimeSpan.FromSeconds(1);

        readonly Stopwatch since = new();

        void On(PosixSignalContext c)
        {
            lock (gate)
            {
                if (signal is not null)
                {
                    // the same signal at once: still the first; otherwise the second: the default, exit now
                    if (c.Signal.ToString() == signal && since.Elapsed < Repeat) c.Cancel = true;
                    return;
                }
                c.Cancel = true;
                since.Start();
                signal = c.Signal.ToString();
                Console.Error.WriteLine($"notify-contract: {signal}: stopping; writing the partial report " +
                                        "(again to exit at once)");
                state?.Interrupt(signal);
            }
        }

        public void Dispose()
        {
            interrupt.Dispose();
            terminate.Dispose();
        }
    }

    /// <summary>A line on stderr a person watching the run, or a nightly log, can follow.</summary>
    sealed class ProgressLine(TimeSpan every) : IDisposable
    {
        Timer? timer;
        readonly Stopwatch clock = Stopwatch.StartNew();

        public void Watch(RunState state) => timer = new Timer(_ => Console.Error.WriteLine(
            $"progress: {state.SuitesDone}/{state.Suites} suites (a rule on an operation) done, {state.Sent} requests sent, " +
            $"{state.Failures} failing cases, {clock.Elapsed:hh\\:mm\\:ss} elapsed"), null, every, every);

        public void Dispose() => timer?.Dispose();
    }
}
