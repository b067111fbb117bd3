using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoGen.Disk;

/// <summary>Finds the <see cref="RawShape{TResult}"/> of a result type, once per type; <see langword="null"/> if it has none.</summary>
internal static class RawShapes
{
    /// <summary>The raw shape of <typeparamref name="TResult"/>, or <see langword="null"/> when it is not a raw-payload type.</summary>
    public static RawShape<TResult>? For<TResult>() => Cache<TResult>.Shape;

    // A primitive needs no reflection (the common case, and the one a first disk hit should not pay for); another struct
    // asks the runtime whether it holds references.
    private static bool IsUnmanaged(Type type) =>
        type.IsPrimitive
        || (type.IsValueType
            && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
                .MakeGenericMethod(type).Invoke(null, null)!);

    private static class Cache<TResult>
    {
        public static readonly RawShape<TResult>? Shape = (RawShape<TResult>?)Create(typeof(TResult));
    }

    // Not generic, so that ReadyToRun precompiles the choice for every result type.
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
    private sealed class ArrayShape<T> : RawShape<T[]?>
        where T : unmanaged
    {
        public override RawElement Element { get; } = RawElement.For<T>();

        public override int Rank => 1;

        public override bool IsNull(T[]? value) => value is null;

        public override long[] LengthsOf(T[]? value) => [value!.Length];

        public override ref byte DataOf(T[]? value) => ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(value!));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override T[]? FromStorage(Array? storage) => (T[]?)storage;
    }

    /// <summary><c>ImmutableArray&lt;T&gt;</c>: read into an array it wraps without copying.</summary>
    private sealed class ImmutableArrayShape<T> : RawShape<ImmutableArray<T>>
        where T : unmanaged
    {
        public override RawElement Element { get; } = RawElement.For<T>();

        public override int Rank => 1;

        public override bool IsNull(ImmutableArray<T> value) => value.IsDefault;

        public override long[] LengthsOf(ImmutableArray<T> value) => [value.Length];

        public override ref byte DataOf(ImmutableArray<T> value) =>
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(ImmutableCollectionsMarshal.AsArray(value)!));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override ImmutableArray<T> FromStorage(Array? storage) => ImmutableCollectionsMarshal.AsImmutableArray((T[]?)storage);
    }

    /// <summary><c>ReadOnlyMemory&lt;T&gt;</c>: read into an array, or a view of the mapped file.</summary>
    private sealed class ReadOnlyMemoryShape<T> : RawShape<ReadOnlyMemory<T>>
        where T : unmanaged
    {
        public override RawElement Element { get; } = RawElement.For<T>();

        public override int Rank => 1;

        public override bool CanMap => true;

        public override bool IsNull(ReadOnlyMemory<T> value) => false;

        public override long[] LengthsOf(ReadOnlyMemory<T> value) => [value.Length];

        public override ref byte DataOf(ReadOnlyMemory<T> value) =>
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(value.Span));

        public override Array Allocate(RawHeader header) => GC.AllocateUninitializedArray<T>((int)header.Count);

        public override ReadOnlyMemory<T> FromStorage(Array? storage) => (T[]?)storage;

        public override ReadOnlyMemory<T> FromMapped(MemoMappedView view, int count) =>
            new MappedMemoryManager<T>(view, count).Memory;
    }

    /// <summary>A multi-dimensional array <c>T[,]</c>, <c>T[,,]</c>, …: elements in row-major order.</summary>
    private sealed class MultiDimensionalArrayShape<TArray> : RawShape<TArray>
        where TArray : class
    {
        private readonly Type _elementType = typeof(TArray).GetElementType()!;

        public MultiDimensionalArrayShape()
        {
            Element = RawElement.For(_elementType, ElementSize(_elementType));
            Rank = typeof(TArray).GetArrayRank();
        }

        public override RawElement Element { get; }

        public override int Rank { get; }

        public override bool IsNull(TArray value) => value is null;

        public override long[] LengthsOf(TArray value)
        {
            var array = (Array)(object)value;
            var lengths = new long[Rank];
            for (int i = 0; i < Rank; i++)
            {
                lengths[i] = array.GetLength(i);
            }

            return lengths;
        }

        public override long[] LowerBoundsOf(TArray value)
        {
            var array = (Array)(object)value;
            var bounds = new long[Rank];
            for (int i = 0; i < Rank; i++)
            {
                bounds[i] = array.GetLowerBound(i);
            }

            return bounds;
        }

        public override ref byte DataOf(TArray value) => ref MemoryMarshal.GetArrayDataReference((Array)(object)value);

        // RawHeader.Read has checked that every length and bound fits in an int.
        public override Array Allocate(RawHeader header) =>
            Array.CreateInstance(_elementType, Array.ConvertAll(header.Lengths, l => (int)l), Array.ConvertAll(header.LowerBounds, b => (int)b));

        public override TArray FromStorage(Array? storage) => (TArray)(object)storage!;

        private static int ElementSize(Type elementType) =>
            (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(elementType).Invoke(null, null)!;
    }
}
