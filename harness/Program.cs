using NotifyContract.Harness;
using NotifyContract.Harness.Cli;

try
{
    return Arguments.Parse(args) is { } arguments ? Commands.Run(arguments) : 0;
}
catch (HarnessException e)
{
    Console.Error.WriteLine($"notify-contract: {e.Message}");
    return 2;
}
catch (Exception e)
{
    // Never a stack trace: one line, the kind and the message (which our code never fills with credentials).
    Console.Error.WriteLine($"notify-contract: harness error: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return 2;
}
