using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

public sealed record Recipe(string Name, int Portions);

/// <summary>Writes a recipe as two lines of text, counting its calls in every instance (generated code creates its own).</summary>
public sealed class RecipeCacher : IMemoCacher<Recipe>
{
    private static int s_saves;
    private static int s_loads;

    public static int Saves => Volatile.Read(ref s_saves);

    public static int Loads => Volatile.Read(ref s_loads);

    public static void Reset()
    {
        Volatile.Write(ref s_saves, 0);
        Volatile.Write(ref s_loads, 0);
    }

    public void Save(string path, Recipe value)
    {
        Interlocked.Increment(ref s_saves);
        File.WriteAllLines(path, [value.Name, value.Portions.ToString()]);
    }

    public Recipe Load(string path)
    {
        Interlocked.Increment(ref s_loads);
        var lines = File.ReadAllLines(path);
        return new Recipe(lines[0], int.Parse(lines[1]));
    }
}

/// <summary>A cacher registered at run time, counting its own calls.</summary>
public sealed class RegisteredRecipeCacher : IMemoCacher<Recipe>
{
    public int Saves { get; private set; }

    public int Loads { get; private set; }

    public void Save(string path, Recipe value)
    {
        Saves++;
        File.WriteAllText(path, value.Name + "|" + value.Portions);
    }

    public Recipe Load(string path)
    {
        Loads++;
        var parts = File.ReadAllText(path).Split('|');
        return new Recipe(parts[0], int.Parse(parts[1]));
    }
}

public sealed partial class Kitchen(MemoOptions options) : MemoContext(options)
{
    private int _computations;

    public int Computations => _computations;

    [Memoize(Name = "cacher_recipe", Tags = new[] { "disk" }, Cacher = typeof(RecipeCacher))]
    public partial Task<Recipe> CookAsync(string name, int portions);

    private async Task<Recipe> CookAsyncCore(string name, int portions)
    {
        await Task.Yield();
        Interlocked.Increment(ref _computations);
        return new Recipe(name, portions);
    }
}

/// <summary>A cacher named on <c>[Memoize(Cacher = typeof(...))]</c>, end to end.</summary>
public sealed class CacherAttributeTests : CacheFolderTests
{
    [SetUp]
    public void ResetCacher() => RecipeCacher.Reset();

    [Test]
    public async Task The_named_cacher_saves_the_entry_and_a_fresh_context_loads_through_it()
    {
        var first = new Kitchen(Options());
        Recipe written = await first.CookAsync("soup", 4);

        Assert.That((RecipeCacher.Saves, RecipeCacher.Loads), Is.EqualTo((1, 0)));
        var metadata = File.ReadAllText(first.CookAsyncMemo.EntryPath("soup", 4)!);
        Assert.That(metadata, Does.Contain("\"format\": \"cacher:cacher_recipe\""));

        var second = new Kitchen(Options());
        Recipe read = await second.CookAsync("soup", 4);

        Assert.That(read, Is.EqualTo(written));
        Assert.That((first.Computations, second.Computations), Is.EqualTo((1, 0)));
        Assert.That((RecipeCacher.Saves, RecipeCacher.Loads), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_cacher_registered_at_run_time_takes_precedence_over_the_named_one()
    {
        var registered = new RegisteredRecipeCacher();
        await new Kitchen(Options().UseCacher("cacher_recipe", registered)).CookAsync("stew", 2);

        var second = new Kitchen(Options().UseCacher("cacher_recipe", registered));
        Recipe read = await second.CookAsync("stew", 2);

        Assert.That(read, Is.EqualTo(new Recipe("stew", 2)));
        Assert.That((second.Computations, registered.Saves, registered.Loads), Is.EqualTo((0, 1, 1)));
        Assert.That((RecipeCacher.Saves, RecipeCacher.Loads), Is.EqualTo((0, 0)), "the named cacher is not called");
    }

    [Test]
    public async Task Without_a_cache_directory_the_named_cacher_is_never_called()
    {
        var kitchen = new Kitchen(new MemoOptions());
        await kitchen.CookAsync("tea", 1);
        await kitchen.CookAsync("tea", 1);

        Assert.That(kitchen.Computations, Is.EqualTo(1));
        Assert.That((RecipeCacher.Saves, RecipeCacher.Loads), Is.EqualTo((0, 0)));
    }

    private MemoOptions Options() => new() { CacheDirectory = Folder };
}
