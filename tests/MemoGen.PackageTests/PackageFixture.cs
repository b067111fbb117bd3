using System.Threading.Tasks;
using MemoGen.PackageTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.PackageTests;

/// <summary>Packs the package once for every test in this assembly, and removes it afterwards.</summary>
[SetUpFixture]
public sealed class PackageFixture
{
    private static LocalPackage? _package;

    internal static LocalPackage Package => _package ?? throw new System.InvalidOperationException("The package was not packed.");

    [OneTimeSetUp]
    public async Task PackAsync() => _package = await LocalPackage.PackAsync();

    [OneTimeTearDown]
    public async Task DeleteAsync()
    {
        if (_package is not null)
        {
            await _package.DeleteAsync();
        }
    }
}
