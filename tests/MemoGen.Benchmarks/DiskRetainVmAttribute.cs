using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace MemoGen.Benchmarks;

/// <summary>
/// Runs every job of a benchmark with the GC's RetainVM setting, so that the 256 MB arrays the disk benchmarks allocate
/// reuse memory the GC already has instead of faulting in fresh pages after each forced collection, a cost of the
/// operating system that would otherwise swamp what is measured.
/// </summary>
public sealed class DiskRetainVmAttribute : JobMutatorConfigBaseAttribute
{
    public DiskRetainVmAttribute()
        : base(Job.Default.WithGcRetainVm(true))
    {
    }
}
