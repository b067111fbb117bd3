using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>The store creates and migrates its own schema, once, however many processes start at the same moment.</summary>
[TestFixture]
public sealed class SchemaTests : StoreFixture
{
    [Test]
    public async Task Concurrent_first_starts_migrate_once()
    {
        PostgresStore[] stores = Enumerable.Range(0, 6).Select(_ => OpenStore()).ToArray();

        await Task.WhenAll(stores.Select(store => Task.Run(() => store.EnsureReadyAsync(CancellationToken.None)))).WaitAsync(Patience);
        await OpenStore().EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.schema_version"), Is.EqualTo(PostgresSchema.LatestVersion));
        Assert.That(await ScalarAsync<int>("SELECT max(version) FROM memogen.schema_version"), Is.EqualTo(PostgresSchema.LatestVersion));
    }
}
