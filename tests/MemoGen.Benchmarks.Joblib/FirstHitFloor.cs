using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace MemoGen.Benchmarks.Joblib;

/// <summary>
/// The floor under <see cref="FirstHitTimer"/>'s <c>raw</c> run: the same three hits served by the least a hand-written
/// disk cache must do, without MemoGen. Each function has a dictionary over its own key type; a miss hashes the key's
/// bytes with XXH3-128, reads the file named by that hash and keeps its value. No checksum, no metadata, no code
/// version, no metrics, no single flight: what is left is the process's first file read and the JIT of the code over
/// each key type, which any cache in a JIT-compiled process pays.
/// </summary>
public static class FirstHitFloor
{
    /// <summary>Writes the files the timed run reads, under <paramref name="folder"/>.</summary>
    public static void Prepare(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (int a in new[] { 3, 5 })
        {
            double[] values = [a, a + 1, (double)a / (a + 1)];
            File.WriteAllBytes(PathOf(folder, ArrayKeyHash(a, a + 1)), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
            File.WriteAllBytes(PathOf(folder, LabelKeyHash("id", a)), Encoding.UTF8.GetBytes("id" + a));
        }
    }

    /// <summary>Runs the timed hits; returns the line to print, in <see cref="FirstHitTimer"/>'s columns.</summary>
    public static string Run(string folder)
    {
        var window = FirstHitWindow.Start();
        var arrays = new Dictionary<(int, int), ReadOnlyMemory<double>>();
        var labels = new Dictionary<(string, long), string>();
        double check = SmallArray(arrays, folder, 3, 4).Span[2];
        var firstHit = window.Next();
        check += Label(labels, folder, "id", 3).Length;
        var otherFunction = window.Next();
        check += SmallArray(arrays, folder, 5, 6).Span[2];
        var sameFunction = window.Next();
        FirstHitTimer.ThrowUnlessExpected(check);
        return FirstHitWindow.Line(firstHit, otherFunction, sameFunction);
    }

    private static ReadOnlyMemory<double> SmallArray(Dictionary<(int, int), ReadOnlyMemory<double>> cache, string folder, int a, int b)
    {
        if (!cache.TryGetValue((a, b), out ReadOnlyMemory<double> values))
        {
            byte[] bytes = File.ReadAllBytes(PathOf(folder, ArrayKeyHash(a, b)));
            values = MemoryMarshal.Cast<byte, double>(bytes).ToArray();
            cache[(a, b)] = values;
        }

        return values;
    }

    private static string Label(Dictionary<(string, long), string> cache, string folder, string prefix, long id)
    {
        if (!cache.TryGetValue((prefix, id), out string? label))
        {
            label = Encoding.UTF8.GetString(File.ReadAllBytes(PathOf(folder, LabelKeyHash(prefix, id))));
            cache[(prefix, id)] = label;
        }

        return label;
    }

    private static UInt128 ArrayKeyHash(int a, int b)
    {
        Span<int> key = [a, b];
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key));
    }

    private static UInt128 LabelKeyHash(string prefix, long id)
    {
        Span<byte> key = stackalloc byte[Encoding.UTF8.GetMaxByteCount(prefix.Length) + sizeof(long)];
        int length = Encoding.UTF8.GetBytes(prefix, key);
        MemoryMarshal.Write(key[length..], in id);
        return XxHash128.HashToUInt128(key[..(length + sizeof(long))]);
    }

    private static string PathOf(string folder, UInt128 hash)
    {
        // Hex digits by hand: formatting through a culture would load ICU, and MemoGen's hit does not load it either.
        Span<char> name = stackalloc char[32];
        for (int i = 31; i >= 0; i--, hash >>= 4)
        {
            name[i] = "0123456789abcdef"[(int)(hash & 0xF)];
        }

        return Path.Join(folder, name);
    }
}
