using System;
using System.CommandLine;
using MemoGen.Sample;

// The main MemoGen sample: a sweep of a Gray–Scott reaction–diffusion simulation over feed and kill rate, memoized on
// disk. Run it twice: the second run loads every point. Stop it with Ctrl+C and run it again: it computes only the rest.
var cache = new Option<string>("--cache") { Description = "The cache folder.", DefaultValueFactory = _ => ".memo-cache" };
var size = new Option<int>("--size") { Description = "Points per parameter: the sweep has size × size runs.", DefaultValueFactory = _ => 12 };
var workers = new Option<int>("--workers") { Description = "Simulations run at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
var force = new Option<bool>("--force") { Description = "Compute every point again, replacing what the cache holds." };
var output = new Option<string>("--out") { Description = "Where to write gray-scott.png and gray-scott.csv.", DefaultValueFactory = _ => "gray-scott-output" };
size.Validators.Add(result => { if (result.GetValue(size) is < 2 or > 64) result.AddError("--size must be between 2 and 64."); });
workers.Validators.Add(result => { if (result.GetValue(workers) < 1) result.AddError("--workers must be at least 1."); });

var root = new RootCommand("Sweeps a Gray–Scott reaction–diffusion simulation over feed and kill rate, memoized on disk by MemoGen.")
{
    cache, size, workers, force, output,
};
root.SetAction(parse => new SweepApp(
    parse.GetRequiredValue(cache), parse.GetValue(size), parse.GetValue(workers), parse.GetValue(force), parse.GetRequiredValue(output)).RunAsync());

// Ctrl+C is the sweep's own (SweepApp): it stops the sweep cleanly and reports what is stored.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
