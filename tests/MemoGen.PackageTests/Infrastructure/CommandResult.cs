namespace MemoGen.PackageTests.Infrastructure;

/// <summary>How a command ended: its exit code and everything it wrote to standard output and standard error.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"{Command}\nexit code {ExitCode}\n{Output}";
}
