using System.Collections.Generic;

namespace MemoGen.ReliabilityTests.Subjects;

/// <summary>What a reader found in a cache folder.</summary>
public sealed class Verification
{
    /// <summary>How many keys were asked about.</summary>
    public int Checked { get; set; }

    /// <summary>How many had an entry the reader could read (and so compared with a recomputation).</summary>
    public int Present { get; set; }

    /// <summary>Every wrong, partial or half-visible entry, described; empty if none.</summary>
    public List<string> Problems { get; } = [];
}

/// <summary>
/// The reader's check, shared by the tests and the reader process: for every key whose entry the store says it holds,
/// the value is loaded from disk without computing and compared, element by element, with a recomputation. An entry
/// that looked present but had to be computed was half-visible (committed but unreadable): a problem too.
/// </summary>
public static class Verifier
{
    public static Verification Check(Lab lab, IEnumerable<int> smallKeys, IEnumerable<int> bigKeys)
    {
        var result = new Verification();
        foreach (int key in smallKeys)
        {
            result.Checked++;
            if (!lab.SmallMemo.IsCached(key))
            {
                continue;
            }

            result.Present++;
            int before = lab.Computations;
            SmallValue value = lab.Small(key);
            if (lab.Computations != before)
            {
                result.Problems.Add($"small {key}: listed as cached but could not be loaded");
            }

            if (value != Workload.Small(key))
            {
                result.Problems.Add($"small {key}: wrong value {value}");
            }
        }

        foreach (int key in bigKeys)
        {
            result.Checked++;
            if (!lab.BigMemo.IsCached(key))
            {
                continue;
            }

            result.Present++;
            int before = lab.Computations;
            System.ReadOnlyMemory<long> value = lab.Big(key);
            if (lab.Computations != before)
            {
                result.Problems.Add($"big {key}: listed as cached but could not be loaded");
            }

            if (Workload.Mismatch(key, value.Span, Lab.BigLength) is { } mismatch)
            {
                result.Problems.Add($"big {key}: {mismatch}");
            }
        }

        return result;
    }
}
