using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using MemoGen.Hashing;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>Finds the <see cref="RawShape"/> of a result type, once per type; <see langword="null"/> if it has none.</summary>
internal static class RawShapes
{
    // Copied on write (rare: once per result type), read and replaced without a lock: a first disk hit never waits for
    // another thread's copy (the disk warm-up thread adds a shape at about the time the hit needs its own).
    private static Dictionary<Type, RawShape?> s_shapes = [];

    /// <summary>The raw shape of <paramref name="type"/>, or <see langword="null"/> when it is not a raw-payload type.</summary>
    /// <remarks>Not generic, so that a function's first disk hit compiles nothing here for its result type.</remarks>
    public static RawShape? For(Type type)
    {
        Dictionary<Type, RawShape?> shapes = Volatile.Read(ref s_shapes);
        if (shapes.TryGetValue(type, out RawShape? shape))
        {
            return shape;
        }

        shape = Create(type);
        while (true)
        {
            var added = new Dictionary<Type, RawShape?>(shapes) { [type] = shape };
            Dictionary<Type, RawShape?> seen = Interlocked.CompareExchange(ref s_shapes, added, shapes);
            if (ReferenceEquals(seen, shapes))
            {
                return shape;
            }

            shapes = seen;
            if (shapes.TryGetValue(type, out RawShape? raced))
            {
                return raced;
            }
        }
    }

    // A primitive needs no reflection (the common case, and the one a first disk hit should not pay for); another struct
    // asks the runtime whether it holds references.
    private static bool IsUnmanaged(Type type) =>
        type.IsPrimitive
        || (type.IsValueType
            && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
                .MakeGenericMethod(type).Invoke(null, null)!);

    private static RawShape? Create(Type type)
    {
        // Raw payloads are written in the host's byte order, which the format fixes as little-endian.
        if (!BitConverter.IsLittleEndian)
        {
            return null;
        }

        try
        {
            Type? shapeType = null;
            if (type.IsArray && IsUnmanaged(type.GetElementType()!))
            {
                shapeType = type.IsSZArray
                    ? typeof(ArrayShape<>).MakeGenericType(type.GetElementType()!)
                    : typeof(MultiDimensionalArrayShape<>).MakeGenericType(type);
            }
            else if (type.IsGenericType && IsUnmanaged(type.GetGenericArguments()[0]))
            {
                Type definition = type.GetGenericTypeDefinition();
                if (definition == typeof(ReadOnlyMemory<>))
                {
                    shapeType = typeof(ReadOnlyMemoryShape<>).MakeGenericType(type.GetGenericArguments());
                }
                else if (ImmutableArrays.Is(definition))
                {
                    shapeType = ImmutableArrayShapeOf(type.GetGenericArguments());
                }
            }

            return shapeType is null ? null : (RawShape)Activator.CreateInstance(shapeType)!;
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or ArgumentException or TargetInvocationException)
        {
            // Without dynamic code (Native AOT) an instantiation may be missing: the serializer takes the value.
            return null;
        }
    }

    // Apart, so that ReadyToRun's fix-ups of Create do not load System.Collections.Immutable (see ImmutableArrays).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Type ImmutableArrayShapeOf(Type[] element) => typeof(ImmutableArrayShape<>).MakeGenericType(element);

    /// <summary><c>T[]</c>.</summary>
    private sealed class ArrayShape<T>() : RawShape(RawElement.For<T>(), 1)
        where T : unmanaged
    {
        public override bool IsNull(object? value) => value is null;

        public override long[] LengthsOf(object value) => [((T[])value).Length];

        public override ref byte DataOf(object value) => ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference((T[])value));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override object? FromStorage(Array? storage) => storage;
    }

    /// <summary><c>ImmutableArray&lt;T&gt;</c>: read into an array it wraps without copying.</summary>
    private sealed class ImmutableArrayShape<T>() : RawShape(RawElement.For<T>(), 1)
        where T : unmanaged
    {
        public override bool IsNull(object? value) => ((ImmutableArray<T>)value!).IsDefault;

        public override long[] LengthsOf(object value) => [((ImmutableArray<T>)value).Length];

        public override ref byte DataOf(object value) =>
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(ImmutableCollectionsMarshal.AsArray((ImmutableArray<T>)value)!));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override object? FromStorage(Array? storage) => ImmutableCollectionsMarshal.AsImmutableArray((T[]?)storage);
    }

    /// <summary><c>ReadOnlyMemory&lt;T&gt;</c>: read into an array, or a view of the mapped file.</summary>
    private sealed class ReadOnlyMemoryShape<T>() : RawShape(RawElement.For<T>(), 1)
        where T : unmanaged
    {
        public override bool CanMap => true;

        public override bool IsNull(object? value) => false;

        public override long[] LengthsOf(object value) => [((ReadOnlyMemory<T>)value).Length];

        // The span of the unboxed copy points at the elements themselves: an array's, or the mapped file's.
        public override ref byte DataOf(object value) =>
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(((ReadOnlyMemory<T>)value).Span));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override object? FromStorage(Array? storage) => new ReadOnlyMemory<T>((T[]?)storage);

        public override object FromMapped(MemoMappedView view, int count) =>
            (ReadOnlyMemory<T>)new MappedMemoryManager<T>(view, count).Memory;

        public override void RememberMapped(object mapped, MemoFunction function, MemoHash128 hash) =>
            MemoProvenance.Register((ReadOnlyMemory<T>)mapped, function, hash);
    }

    /// <summary>A multi-dimensional array <c>T[,]</c>, <c>T[,,]</c>, …: elements in row-major order.</summary>
    private sealed class MultiDimensionalArrayShape<TArray>() : RawShape(RawElement.For(s_elementType, ElementSize(s_elementType)), typeof(TArray).GetArrayRank())
        where TArray : class
    {
        private static readonly Type s_elementType = typeof(TArray).GetElementType()!;

        public override bool IsNull(object? value) => value is null;

        public override long[] LengthsOf(object value)
        {
            var array = (Array)value;
            var lengths = new long[Rank];
            for (int i = 0; i < Rank; i++)
            {
                lengths[i] = array.GetLength(i);
            }

            return lengths;
        }

        public override long[] LowerBoundsOf(object value)
        {
            var array = (Array)value;
            var bounds = new long[Rank];
            for (int i = 0; i < Rank; i++)
            {
                bounds[i] = array.GetLowerBound(i);
            }

            return bounds;
        }

        public override ref byte DataOf(object value) => ref MemoryMarshal.GetArrayDataReference((Array)value);

        // RawHeader.Read has checked that every length and bound fits in an int.
        public override Array Allocate(RawHeader header) =>
            Array.CreateInstance(s_elementType, Array.ConvertAll(header.Lengths, l => (int)l), Array.ConvertAll(header.LowerBounds, b => (int)b));

        public override object? FromStorage(Array? storage) => storage;

        private static int ElementSize(Type elementType) =>
            (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(elementType).Invoke(null, null)!;
    }
}
