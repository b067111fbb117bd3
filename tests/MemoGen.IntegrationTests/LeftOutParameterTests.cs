using System.Linq;
using MemoGen.IntegrationTests.Subjects;
using MemoGen.TestSupport;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>
/// <c>ILogger</c> parameters and <c>[MemoIgnore]</c> ones are left out of the key, and the implementation receives
/// them from the caller that started the computation.
/// </summary>
public sealed class LeftOutParameterTests
{
    [Test]
    public void A_logger_and_an_ignored_argument_are_not_part_of_the_key()
    {
        var journal = new Journal();
        var first = new ListLogger();
        var second = new ListLogger();

        Assert.That(journal.Scaled(3, first, "from the first caller"), Is.EqualTo(30));
        Assert.That(journal.Scaled(3, second, "from the second caller"), Is.EqualTo(30));

        Assert.That(journal.Calls, Is.EqualTo(1), "another logger and another note are the same key");
        Assert.That(first.Messages(LogLevel.Information), Is.EqualTo(new[] { "from the first caller" }), "the starter's logger and note reached the implementation");
        Assert.That(second.Entries, Is.Empty, "a hit does not reach the implementation");
    }

    [Test]
    public void A_new_key_gets_the_logger_and_the_ignored_argument_of_its_own_caller()
    {
        var journal = new Journal();
        var first = new ListLogger();
        var second = new ListLogger();

        journal.Scaled(3, first, "three");
        Assert.That(journal.Scaled(4, second, "four"), Is.EqualTo(40));

        Assert.That(journal.Calls, Is.EqualTo(2));
        Assert.That(first.Messages(LogLevel.Information).ToArray(), Is.EqualTo(new[] { "three" }));
        Assert.That(second.Messages(LogLevel.Information).ToArray(), Is.EqualTo(new[] { "four" }));
    }
}
