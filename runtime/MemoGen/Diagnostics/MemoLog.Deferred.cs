namespace MemoGen.Diagnostics;

/// <summary>
/// The messages that code compiled per user type logs from methods that run without a failure (a computation, a
/// shared-tier step), taking a <see cref="MemoLogger"/>: such a method must not name Microsoft.Extensions.Logging's
/// types, or compiling it loads that assembly (see <see cref="MemoLogger"/>).
/// </summary>
internal static partial class MemoLog
{
    /// <summary>Logs a computed call, if the logger exists.</summary>
    public static void Computed(MemoLogger log, string function, string call, double milliseconds)
    {
        if (log.Logger is { } logger)
        {
            Computed(logger, function, call, milliseconds);
        }
    }

    /// <summary>Logs a shared-tier failure, if the logger exists.</summary>
    public static void SharedTierFailed(MemoLogger log, string function, string reason)
    {
        if (log.Logger is { } logger)
        {
            SharedTierFailed(logger, function, reason);
        }
    }
}
