using System.Threading;
using Microsoft.Extensions.Logging;

namespace MemoGen.IntegrationTests.Subjects;

/// <summary>
/// A logger and a <see cref="MemoIgnoreAttribute"/> parameter, both left out of the key: the implementation logs the
/// note it was given, so a test can tell which caller's arguments reached it.
/// </summary>
public sealed partial class Journal() : MemoContext(new MemoOptions())
{
    private int _calls;

    public int Calls => _calls;

    [Memoize]
    public partial int Scaled(int x, ILogger logger, [MemoIgnore] string note);

    private int ScaledCore(int x, ILogger logger, string note)
    {
        Interlocked.Increment(ref _calls);
#pragma warning disable CA1848, CA2254 // a test logger: the message is the note itself
        logger.LogInformation(note);
#pragma warning restore CA1848, CA2254
        return 10 * x;
    }
}
